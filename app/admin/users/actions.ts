"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { guardPage } from "@/lib/auth/page-guard";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { inviteUser } from "@/lib/users/invite";
import { setUserActive, setUserRole } from "@/lib/users/manage-users";

async function origin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

export async function inviteAction(
  _previous: ActionResult<{ link: string }>,
  formData: FormData,
): Promise<ActionResult<{ link: string }>> {
  const admin = await guardPage("users:manage");
  return runAction(async () => {
    const invite = await inviteUser(admin, {
      email: formData.get("email"),
      name: formData.get("name") || undefined,
      role: formData.get("role"),
    });
    revalidatePath("/admin/users");
    return {
      message: `Invitation created; valid until ${invite.expiresAt.toISOString().slice(0, 10)}. Send this link (it works once):`,
      data: { link: `${await origin()}${invite.path}` },
    };
  });
}

export async function setRoleAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await guardPage("users:manage");
  return runAction(async () => {
    await setUserRole(admin, { userId: formData.get("userId"), role: formData.get("role") });
    revalidatePath("/admin/users");
    return { message: "Role changed." };
  });
}

export async function setActiveAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await guardPage("users:manage");
  return runAction(async () => {
    const active = formData.get("active") === "true";
    await setUserActive(admin, { userId: formData.get("userId"), active });
    revalidatePath("/admin/users");
    return { message: active ? "Reactivated." : "Deactivated." };
  });
}

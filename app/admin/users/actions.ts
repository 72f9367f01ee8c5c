"use server";
import { revalidatePath } from "next/cache";
import { guardPage } from "@/lib/auth/page-guard";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { inviteUser } from "@/lib/users/invite";
import { setUserActive, setUserRole } from "@/lib/users/manage-users";
import { publicUrl } from "@/lib/env";

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
      // The configured address, never X-Forwarded-Host: a forged header must not aim the
      // one-time link (a credential) at another site.
      data: { link: `${publicUrl()}${invite.path}` },
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

"use server";
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/auth/page-guard";
import { inviteUser } from "@/lib/users/invite";
import { setUserActive, setUserRole } from "@/lib/users/manage-users";
import { publicUrl } from "@/lib/env";

export const inviteAction = guardedAction<{ link: string }>("users:manage", async (admin, formData) => {
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

export const setRoleAction = guardedAction("users:manage", async (admin, formData) => {
  await setUserRole(admin, { userId: formData.get("userId"), role: formData.get("role") });
  revalidatePath("/admin/users");
  return { message: "Role changed." };
});

export const setActiveAction = guardedAction("users:manage", async (admin, formData) => {
  const active = formData.get("active") === "true";
  await setUserActive(admin, { userId: formData.get("userId"), active });
  revalidatePath("/admin/users");
  return { message: active ? "Reactivated." : "Deactivated." };
});

"use server";
import { guardPage } from "@/lib/auth/page-guard";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { changeOwnPassword } from "@/lib/users/change-password";

export async function changePasswordAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const user = await guardPage("account:password");
  return runAction(async () => {
    await changeOwnPassword(user, {
      current: formData.get("current"),
      password: formData.get("password"),
      confirm: formData.get("confirm"),
    });
    return { message: "Password changed." };
  });
}

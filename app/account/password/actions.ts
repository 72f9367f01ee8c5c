"use server";
import { CredentialsSignin } from "next-auth";
import { guardPage } from "@/lib/auth/page-guard";
import { signIn, signOut } from "@/lib/auth/auth";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { changeOwnPassword } from "@/lib/users/change-password";
import { signOutEverywhere } from "@/lib/users/sign-out-everywhere";

export async function changePasswordAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const user = await guardPage("account:password");
  const result: ActionResult = await runAction<undefined>(async () => {
    await changeOwnPassword(user, {
      current: formData.get("current"),
      password: formData.get("password"),
      confirm: formData.get("confirm"),
    });
    return { message: "Password changed. Your other sessions are signed out." };
  });
  if (!result?.ok || !user.email) return result;
  // The change ended every session, this one too: sign this browser in again with the new password.
  try {
    await signIn("credentials", { email: user.email, password: String(formData.get("password")), redirect: false });
  } catch (error) {
    if (!(error instanceof CredentialsSignin)) throw error;
    return { ok: true, message: "Password changed. Sign in again with the new password." };
  }
  return result;
}

/** Ends every session of the signed-in user (all browsers and devices), then this one. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await guardPage("account:self");
  await signOutEverywhere(user);
  await signOut({ redirectTo: "/login" });
}

"use server";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { acceptInvite } from "@/lib/users/invite";

// PUBLIC by nature: the one-time signed invitation token is the credential (lib/users/invite.ts).
export async function acceptInviteAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    await acceptInvite({
      token: formData.get("token"),
      password: formData.get("password"),
      confirm: formData.get("confirm"),
    });
    return { message: "Password set." };
  });
  if (result?.ok) redirect("/login?welcome=1");
  return result;
}

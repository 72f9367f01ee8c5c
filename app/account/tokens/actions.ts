"use server";
import { revalidatePath } from "next/cache";
import { guardPage } from "@/lib/auth/page-guard";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/api-tokens";

/** Creates a token for the signed-in user; the secret travels back once, in this result only. */
export async function createApiTokenAction(
  _previous: ActionResult<{ token: string }>,
  formData: FormData,
): Promise<ActionResult<{ token: string }>> {
  const user = await guardPage("account:tokens");
  return runAction(async () => {
    const { token } = await createApiToken(user, {
      name: formData.get("name") ?? "",
      scope: formData.get("scope"),
      expiresInDays: formData.get("expiresInDays") || undefined,
    });
    revalidatePath("/account/tokens");
    return { message: "Token created. Copy it now: it is not shown again.", data: { token } };
  });
}

export async function revokeApiTokenAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const user = await guardPage("account:tokens");
  return runAction(async () => {
    await revokeApiToken(user, String(formData.get("tokenId") ?? ""));
    revalidatePath("/account/tokens");
    return { message: "Revoked." };
  });
}

"use server";
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/auth/page-guard";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/api-tokens";

/** Creates a token for the signed-in user; the secret travels back once, in this result only. */
export const createApiTokenAction = guardedAction<{ token: string }>("account:tokens", async (user, formData) => {
  const { token } = await createApiToken(user, {
    name: formData.get("name") ?? "",
    scope: formData.get("scope"),
    expiresInDays: formData.get("expiresInDays") || undefined,
  });
  revalidatePath("/account/tokens");
  return { message: "Token created. Copy it now: it is not shown again.", data: { token } };
});

export const revokeApiTokenAction = guardedAction("account:tokens", async (user, formData) => {
  await revokeApiToken(user, String(formData.get("tokenId") ?? ""));
  revalidatePath("/account/tokens");
  return { message: "Revoked." };
});

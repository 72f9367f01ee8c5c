"use server";
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/auth/page-guard";
import { createJoinLink, revokeJoinLink } from "@/lib/access/join-links";

export const createJoinLinkAction = guardedAction("campaign:write", async (user, formData) => {
  const campaignId = String(formData.get("campaignId") ?? "");
  await createJoinLink(user, campaignId, {
    label: formData.get("label") ?? "",
    expiresInDays: formData.get("expiresInDays") || undefined,
    maxAnnotators: formData.get("maxAnnotators") || undefined,
  });
  revalidatePath(`/campaigns/${campaignId}`);
  return { message: "Join link created." };
});

export const revokeJoinLinkAction = guardedAction("campaign:write", async (user, formData) => {
  const campaignId = String(formData.get("campaignId") ?? "");
  await revokeJoinLink(user, campaignId, String(formData.get("linkId") ?? ""));
  revalidatePath(`/campaigns/${campaignId}`);
  return { message: "Revoked." };
});

"use server";
import { revalidatePath } from "next/cache";
import { guardPage } from "@/lib/auth/page-guard";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { createJoinLink, revokeJoinLink } from "@/lib/access/join-links";

export async function createJoinLinkAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const user = await guardPage("campaign:write");
  const campaignId = String(formData.get("campaignId") ?? "");
  return runAction(async () => {
    await createJoinLink(user, campaignId, {
      label: formData.get("label") ?? "",
      expiresInDays: formData.get("expiresInDays") || undefined,
      maxAnnotators: formData.get("maxAnnotators") || undefined,
    });
    revalidatePath(`/campaigns/${campaignId}`);
    return { message: "Join link created." };
  });
}

export async function revokeJoinLinkAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const user = await guardPage("campaign:write");
  const campaignId = String(formData.get("campaignId") ?? "");
  return runAction(async () => {
    await revokeJoinLink(user, campaignId, String(formData.get("linkId") ?? ""));
    revalidatePath(`/campaigns/${campaignId}`);
    return { message: "Revoked." };
  });
}

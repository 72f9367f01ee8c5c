"use server";
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/auth/page-guard";
import { setCurationExpert } from "@/lib/curation/experts";

export const setExpertAction = guardedAction("campaign:write", async (user, formData) => {
  const campaignId = String(formData.get("campaignId") ?? "");
  const expert = formData.get("expert") === "true";
  await setCurationExpert(user, campaignId, { userId: String(formData.get("userId") ?? ""), expert });
  revalidatePath(`/campaigns/${campaignId}`);
  return { message: expert ? "Marked as expert." : "No longer an expert." };
});

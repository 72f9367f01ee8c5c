"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { guardPage, orNotFound } from "@/lib/auth/page-guard";
import { parseOrThrow } from "@/lib/errors";
import { recordConsent } from "@/lib/access/consent";

const consentForm = z.object({
  campaignId: z.string().min(1).max(64),
  agree: z.literal("yes", { message: "tick the box to agree" }),
});

export async function consentAction(formData: FormData): Promise<void> {
  const user = await guardPage("vote");
  const { campaignId } = parseOrThrow(
    consentForm,
    { campaignId: formData.get("campaignId"), agree: formData.get("agree") },
    "consent",
  );
  await orNotFound(() => recordConsent(campaignId, user.id));
  redirect(`/annotate/${campaignId}`);
}

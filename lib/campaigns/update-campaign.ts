import "server-only";
import { z } from "zod";
import { db } from "../db";
import { run } from "../db/prepared";
import { LOCK_CAMPAIGN } from "./statements";
import type { CurrentUser } from "../auth/guard";
import { AppError, parseOrThrow } from "../errors";
import { criterionSchema, fillPolicySchema } from "./campaign-spec";
import { campaignNotFound, ownedBy } from "./owned-campaign";

/** What can change after creation. Protocol fields shape the judgments; the rest never do. */
export const updateCampaignSchema = z.strictObject({
  // Always editable.
  name: z.string().trim().min(1).max(200).optional(),
  completionCode: z.string().trim().max(100).nullable().optional(),
  completionUrl: z
    .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
    .max(2000)
    .nullable()
    .optional(),
  excludeFlagged: z.boolean().optional(),
  // Which pair is served next changes no judgment's meaning, only the order pairs fill in.
  fillPolicy: fillPolicySchema.optional(),
  // Protocol: only while no judgment exists.
  instructions: z.string().max(20_000).optional(),
  criteria: z.array(criterionSchema).min(1).max(8).optional(),
  criteriaMode: z.enum(["together", "sequential"]).optional(),
  goldRate: z.number().min(0).max(0.5).optional(),
  perAnnotatorCap: z.number().int().min(1).nullable().optional(),
  leaseSeconds: z
    .number()
    .int()
    .min(30)
    .max(24 * 3600)
    .optional(),
  goldFailLimit: z.number().min(0).max(1).optional(),
  goldMinJudged: z.number().int().min(1).max(100).optional(),
  minJudgmentMs: z.number().int().min(0).max(60_000).optional(),
});

const ALWAYS = new Set(["name", "completionCode", "completionUrl", "excludeFlagged", "fillPolicy"]);

/**
 * Edits a campaign. Protocol fields are refused (409) once a judgment exists — the judgments
 * would no longer mean one thing; `createCampaignVersion` starts a new version instead. The
 * check and the write share a transaction that locks the campaign row.
 */
export async function updateCampaign(user: CurrentUser, campaignId: string, input: unknown): Promise<void> {
  // Ownership first (it never changes, so the check need not hold the row lock below).
  const owned = await db.campaign.findFirst({ where: { id: campaignId, ...ownedBy(user) }, select: { id: true } });
  if (!owned) throw campaignNotFound();
  const patch = parseOrThrow(updateCampaignSchema, input, "campaign");
  const { criteria, ...fields } = patch;
  const protocol = Object.keys(patch).filter((k) => !ALWAYS.has(k) && patch[k as keyof typeof patch] !== undefined);
  if (criteria && new Set(criteria.map((c) => c.key)).size !== criteria.length) {
    throw new AppError("VALIDATION", "criteria: keys must be unique", [
      { field: "criteria", message: "criterion keys must be unique" },
    ]);
  }
  await db.$transaction(async (tx) => {
    const [campaign] = await run(LOCK_CAMPAIGN, [campaignId], tx);
    if (!campaign) throw new AppError("NOT_FOUND", "Campaign not found");
    if (protocol.length > 0) {
      if (campaign.status === "completed")
        throw new AppError("CONFLICT", "A completed campaign's protocol cannot change");
      const judged = await tx.judgment.count({ where: { pair: { campaignId } } });
      if (judged > 0) {
        throw new AppError(
          "CONFLICT",
          `Judgments exist, so the protocol (${protocol.join(", ")}) cannot change; create a new version instead`,
          protocol.map((field) => ({ field, message: "locked once judgments exist" })),
        );
      }
    }
    await tx.campaign.update({ where: { id: campaignId }, data: fields });
    if (criteria) {
      await tx.criterion.deleteMany({ where: { campaignId } });
      await tx.criterion.createMany({ data: criteria.map((c, position) => ({ ...c, campaignId, position })) });
      // Open leases name the old criteria: let them lapse so the next lease asks the new ones.
      await tx.assignment.updateMany({
        where: { pair: { campaignId }, status: "leased" },
        data: { status: "released" },
      });
    }
  });
}

/**
 * A draft copy of a campaign's protocol (models, prompts, criteria, settings) as its next
 * version, owned by the user who makes it.
 */
export async function createCampaignVersion(user: CurrentUser, campaignId: string): Promise<{ id: string }> {
  const source = await db.campaign.findFirst({
    where: { id: campaignId, ...ownedBy(user) },
    include: { models: true, prompts: true, criteria: true },
  });
  if (!source) throw campaignNotFound();
  const {
    id: _id,
    createdAt: _c,
    updatedAt: _u,
    status: _s,
    models,
    prompts,
    criteria,
    protocolVersion,
    subset,
    curation,
    ...settings
  } = source;
  return db.$transaction(async (tx) => {
    const copy = await tx.campaign.create({
      data: {
        ...settings,
        subset: subset ?? undefined,
        curation: curation ?? undefined,
        ownerId: user.id,
        protocolVersion: protocolVersion + 1,
        previousVersionId: source.id,
        name: `${source.name.replace(/ \(v\d+\)$/, "")} (v${protocolVersion + 1})`,
        models: { create: models.map(({ modelId, position }) => ({ modelId, position })) },
        criteria: {
          create: criteria.map(({ key, question, showPrompt, choices, judgmentsPerPair, position }) => ({
            key,
            question,
            showPrompt,
            choices,
            judgmentsPerPair,
            position,
          })),
        },
      },
    });
    await tx.campaignPrompt.createMany({ data: prompts.map((p) => ({ campaignId: copy.id, promptId: p.promptId })) });
    return { id: copy.id };
  });
}

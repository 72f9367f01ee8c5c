import "server-only";
import { z } from "zod";
import { db } from "../db";
import { run } from "../db/prepared";
import { LOCK_CAMPAIGN } from "./statements";
import type { CurrentUser } from "../auth/guard";
import { AppError, parseOrThrow } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { criterionSchema, fillPolicySchema, type TaskType } from "./campaign-spec";
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
 * Why `criteria` cannot be edited on a campaign of another task type than pairwise: its Criterion
 * rows are made from its own settings (a rating's aspects with their scales, a ranking's question,
 * a curation's stages `stage_<n>`), which pairwise criteria would break.
 */
const DERIVED_CRITERIA: Record<Exclude<TaskType, "pairwise">, string> = {
  rating:
    "a rating campaign's criteria are its aspects (with their scales), set when it is made; create a new campaign to change them",
  ranking: "a ranking campaign's criterion is its ranking question, set when it is made",
  curation:
    "a curation campaign's criteria are its stages (curation.stages), set when it is made; create a new campaign to change them",
};

/** The answers a campaign holds, of its task type: judgments, ratings, rankings or curation votes. */
function answerCount(tx: Prisma.TransactionClient, taskType: TaskType, campaignId: string): Promise<number> {
  if (taskType === "rating") return tx.rating.count({ where: { image: { campaignId } } });
  if (taskType === "ranking") return tx.ranking.count({ where: { item: { campaignId } } });
  if (taskType === "curation") return tx.curationVote.count({ where: { item: { campaignId } } });
  return tx.judgment.count({ where: { pair: { campaignId } } });
}

/**
 * Edits a campaign. Protocol fields are refused (409) once an answer exists (a judgment, rating,
 * ranking or curation vote) — the answers would no longer mean one thing; `criteria` are a
 * pairwise campaign's only (400 on the other task types, whose criteria their own settings make); `createCampaignVersion` starts a new version instead. The
 * check and the write share a transaction that locks the campaign row.
 */
export async function updateCampaign(user: CurrentUser, campaignId: string, input: unknown): Promise<void> {
  // Ownership first (it never changes, so the check need not hold the row lock below).
  const owned = await db.campaign.findFirst({
    where: { id: campaignId, ...ownedBy(user) },
    select: { id: true, taskType: true },
  });
  if (!owned) throw campaignNotFound();
  const patch = parseOrThrow(updateCampaignSchema, input, "campaign");
  const { criteria, ...fields } = patch;
  if (criteria && owned.taskType !== "pairwise") {
    const message = DERIVED_CRITERIA[owned.taskType];
    throw new AppError("VALIDATION", `criteria: ${message}`, [{ field: "criteria", message }]);
  }
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
      if ((await answerCount(tx, owned.taskType, campaignId)) > 0) {
        throw new AppError(
          "CONFLICT",
          `Answers exist, so the protocol (${protocol.join(", ")}) cannot change; create a new version instead`,
          protocol.map((field) => ({ field, message: "locked once answers exist" })),
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
          // Every column but the row's own: a rating aspect keeps its scale, labels and short label.
          create: criteria.map(({ id: _id, campaignId: _campaign, ...criterion }) => criterion),
        },
      },
    });
    await tx.campaignPrompt.createMany({ data: prompts.map((p) => ({ campaignId: copy.id, promptId: p.promptId })) });
    return { id: copy.id };
  });
}

import "server-only";
import { z } from "zod";
import { db, type Prisma } from "../db";
import { AppError, parseOrThrow } from "../errors";
import { parseSubsetSpec, sampleSubset } from "../prompts/index";
import { EMU_CRITERIA } from "./emu-criteria";

export const criterionSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "lower-case letters, digits and _"),
  question: z.string().trim().min(3).max(500),
  showPrompt: z.boolean(),
  choices: z
    .array(z.enum(["left", "right", "tie", "both", "neither"]))
    .min(2)
    .max(5),
  judgmentsPerPair: z.number().int().min(1).max(50),
});

export const createCampaignSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    promptSetId: z.string().min(1),
    promptIds: z.array(z.string().min(1)).min(1).optional(),
    subset: z.unknown().optional(),
    modelIds: z.array(z.string().min(1)).min(2, "at least two models").max(20),
    pairDesign: z.enum(["all_pairs", "baseline"]).default("all_pairs"),
    baselineModelId: z.string().optional(),
    seedsPerPrompt: z.number().int().min(1).max(16).default(1),
    criteria: z.array(criterionSchema).min(1).max(8).default(EMU_CRITERIA),
    criteriaMode: z.enum(["together", "sequential"]).default("together"),
    goldRate: z.number().min(0).max(0.5).default(0),
    perAnnotatorCap: z.number().int().min(1).optional(),
    instructions: z.string().max(20_000).default(""),
    completionCode: z.string().trim().max(100).optional(),
    // http(s) only: the link is shown to annotators (a javascript: URL would run in their browser).
    completionUrl: z
      .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
      .max(2000)
      .optional(),
    leaseSeconds: z
      .number()
      .int()
      .min(30)
      .max(24 * 3600)
      .default(300),
    excludeFlagged: z.boolean().default(true),
    goldFailLimit: z.number().min(0).max(1).default(0.34),
    goldMinJudged: z.number().int().min(1).max(100).default(3),
    minJudgmentMs: z.number().int().min(0).max(60_000).default(800),
  })
  .superRefine((v, ctx) => {
    if (new Set(v.modelIds).size !== v.modelIds.length)
      ctx.addIssue({ code: "custom", path: ["modelIds"], message: "a model is listed twice" });
    if (new Set(v.criteria.map((c) => c.key)).size !== v.criteria.length)
      ctx.addIssue({ code: "custom", path: ["criteria"], message: "criterion keys must be unique" });
    if (v.criteria.some((c) => !c.choices.includes("left") || !c.choices.includes("right"))) {
      ctx.addIssue({ code: "custom", path: ["criteria"], message: "every criterion offers left and right" });
    }
    if (v.pairDesign === "baseline" && (!v.baselineModelId || !v.modelIds.includes(v.baselineModelId))) {
      ctx.addIssue({ code: "custom", path: ["baselineModelId"], message: "the baseline must be one of modelIds" });
    }
  });

export type CreateCampaignInput = z.input<typeof createCampaignSchema>;

/** Creates a draft campaign with its frozen prompt subset and protocol, all or nothing. */
export async function createCampaign(ownerId: string, input: CreateCampaignInput): Promise<{ id: string }> {
  const spec = parseOrThrow(createCampaignSchema, input, "campaign");
  return db.$transaction(async (tx) => {
    const promptSet = await tx.promptSet.findUnique({ where: { id: spec.promptSetId }, select: { id: true } });
    if (!promptSet)
      throw new AppError("VALIDATION", "promptSetId: no such prompt set", [
        { field: "promptSetId", message: "not found" },
      ]);
    const models = await tx.model.findMany({ where: { id: { in: spec.modelIds } }, select: { id: true } });
    if (models.length !== spec.modelIds.length) {
      const found = new Set(models.map((m) => m.id));
      const missing = spec.modelIds.filter((id) => !found.has(id));
      throw new AppError("VALIDATION", `modelIds: unknown model ${missing.join(", ")}`, [
        { field: "modelIds", message: "unknown model" },
      ]);
    }
    const prompts = await selectPrompts(tx, spec);
    if (prompts.length === 0)
      throw new AppError("VALIDATION", "No prompts selected: the set is empty or the subset matches none", [
        { field: "subset", message: "selects no prompts" },
      ]);

    const campaign = await tx.campaign.create({
      data: {
        name: spec.name,
        ownerId,
        promptSetId: spec.promptSetId,
        subset: spec.subset === undefined ? undefined : (spec.subset as object),
        seedsPerPrompt: spec.seedsPerPrompt,
        pairDesign: spec.pairDesign,
        baselineModelId: spec.baselineModelId,
        goldRate: spec.goldRate,
        perAnnotatorCap: spec.perAnnotatorCap,
        criteriaMode: spec.criteriaMode,
        instructions: spec.instructions,
        completionCode: spec.completionCode,
        completionUrl: spec.completionUrl,
        leaseSeconds: spec.leaseSeconds,
        excludeFlagged: spec.excludeFlagged,
        goldFailLimit: spec.goldFailLimit,
        goldMinJudged: spec.goldMinJudged,
        minJudgmentMs: spec.minJudgmentMs,
        models: { create: spec.modelIds.map((modelId, position) => ({ modelId, position })) },
        criteria: { create: spec.criteria.map((c, position) => ({ ...c, position })) },
      },
    });
    await tx.campaignPrompt.createMany({ data: prompts.map((p) => ({ campaignId: campaign.id, promptId: p.id })) });
    return { id: campaign.id };
  });
}

type Tx = Prisma.TransactionClient;

/** Explicit prompt ids, else the subset spec sampled over the set (keyed by each prompt's stable id), else all. */
async function selectPrompts(tx: Tx, spec: z.output<typeof createCampaignSchema>): Promise<{ id: string }[]> {
  if (spec.promptIds) {
    const prompts = await tx.prompt.findMany({
      where: { promptSetId: spec.promptSetId, id: { in: spec.promptIds } },
      select: { id: true },
    });
    if (prompts.length !== new Set(spec.promptIds).size) {
      throw new AppError("VALIDATION", "promptIds: some prompts are not in this prompt set", [
        { field: "promptIds", message: "not in prompt set" },
      ]);
    }
    return prompts;
  }
  const rows = await tx.prompt.findMany({
    where: { promptSetId: spec.promptSetId },
    select: { id: true, externalId: true, category: true, challenge: true },
  });
  if (spec.subset === undefined || spec.subset === null) return rows;
  const parsed = parseSubsetSpec(spec.subset);
  if (!parsed.ok) {
    const issues = parsed.errors.map((e) => ({ field: `subset.${e.field}`, message: e.message }));
    throw new AppError("VALIDATION", `Invalid subset: ${issues[0].field}: ${issues[0].message}`, issues);
  }
  const byExternal = new Map(rows.map((r) => [r.externalId, r.id]));
  return sampleSubset(
    rows.map((r) => ({ id: r.externalId, category: r.category, challenge: r.challenge })),
    parsed.spec,
  ).map((p) => ({ id: byExternal.get(p.id)! }));
}

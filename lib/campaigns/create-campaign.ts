import "server-only";
import { z } from "zod";
import { db, type Prisma } from "../db";
import { AppError, parseOrThrow } from "../errors";
import { parseSubsetSpec, sampleSubset } from "../prompts/index";
import { createCampaignSchema, type CreateCampaignInput } from "./campaign-spec";
import { stopRuleColumns } from "./stop-rule-spec";
import { aspectsToCriteria, resolveAspects } from "../rating/aspect-spec";
import { rankingCriterion } from "../ranking/ranking-spec";
import { curationCriteria, storedCuration } from "../curation/curation-spec";

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

    const curation = spec.taskType === "curation" ? storedCuration(spec.curation) : undefined;
    const campaign = await tx.campaign.create({
      data: {
        name: spec.name,
        taskType: spec.taskType,
        ownerId,
        promptSetId: spec.promptSetId,
        subset: spec.subset === undefined ? undefined : (spec.subset as object),
        seedsPerPrompt: spec.seedsPerPrompt,
        pairDesign: spec.pairDesign,
        baselineModelId: spec.baselineModelId,
        goldRate: spec.goldRate,
        perAnnotatorCap: spec.perAnnotatorCap,
        criteriaMode: spec.criteriaMode,
        fillPolicy: spec.fillPolicy,
        instructions: spec.instructions,
        completionCode: spec.completionCode,
        completionUrl: spec.completionUrl,
        leaseSeconds: spec.leaseSeconds,
        excludeFlagged: spec.excludeFlagged,
        goldFailLimit: spec.goldFailLimit,
        goldMinJudged: spec.goldMinJudged,
        minJudgmentMs: spec.minJudgmentMs,
        ...stopRuleColumns(spec.stopRule),
        curation: curation && { ...curation },
        models: { create: spec.modelIds.map((modelId, position) => ({ modelId, position })) },
        criteria: {
          create:
            spec.taskType === "rating"
              ? aspectsToCriteria(resolveAspects(spec.aspects), spec.ratingsPerImage)
              : spec.taskType === "ranking"
                ? [rankingCriterion(spec.rankingQuestion, spec.rankingsPerItem)]
                : curation
                  ? curationCriteria(curation)
                  : spec.criteria.map((c, position) => ({ ...c, position })),
        },
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

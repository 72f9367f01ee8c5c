import "server-only";
import type { CurrentUser } from "../auth/guard";
import type { CampaignSpecInput } from "./campaign-spec";
import { stopRuleOf } from "./stop-rule-spec";
import { criterionSpec, findOwnedCampaignSetup } from "./campaign-setup";
import { ratingSpecOf } from "../rating/aspect-spec";
import { rankingSpecOf } from "../ranking/ranking-spec";
import { curationSpecOf } from "../curation/curation-spec";

/**
 * The spec that recreates a campaign, on this database or another one holding the same prompt
 * set and models: everything is named (prompt set and models as name@version, prompts by their
 * own ids, in the set's order), so no database id is in it. The frozen prompt list makes it exact
 * even where the subset would sample differently (a newer version of the set); the subset stays
 * as the record of how the list was drawn. Seeds are 0 … seedsPerPrompt−1 in every campaign.
 */
export async function exportCampaignSpec(user: CurrentUser, campaignId: string): Promise<CampaignSpecInput> {
  const campaign = await findOwnedCampaignSetup(user, campaignId, {
    prompts: { include: { prompt: { select: { externalId: true, position: true } } } },
    joinLinks: { where: { revokedAt: null }, orderBy: { createdAt: "desc" }, take: 1 },
  });
  const modelRef = (m: { name: string; version: string }) => `${m.name}@${m.version}`;
  const baseline = campaign.models.find((m) => m.modelId === campaign.baselineModelId)?.model;
  const link = campaign.joinLinks[0];
  const spec = withoutUndefined({
    name: campaign.name,
    promptSet: `${campaign.promptSet.name}@${campaign.promptSet.version}`,
    subset: (campaign.subset ?? undefined) as CampaignSpecInput["subset"],
    prompts: campaign.prompts
      .map((p) => p.prompt)
      .sort((a, b) => a.position - b.position)
      .map((p) => p.externalId),
    models: campaign.models.map((m) => modelRef(m.model)),
    pairDesign: campaign.pairDesign,
    baselineModel: baseline && modelRef(baseline),
    seedsPerPrompt: campaign.seedsPerPrompt,
    ...(campaign.taskType === "rating"
      ? ratingSpecOf(campaign.criteria)
      : campaign.taskType === "ranking"
        ? rankingSpecOf(campaign.criteria)
        : campaign.taskType === "curation"
          ? curationSpecOf(campaign.curation)
          : { criteria: campaign.criteria.map(criterionSpec) }),
    criteriaMode: campaign.criteriaMode,
    fillPolicy: campaign.fillPolicy,
    goldRate: campaign.goldRate,
    perAnnotatorCap: campaign.perAnnotatorCap ?? undefined,
    instructions: campaign.instructions,
    completionCode: campaign.completionCode ?? undefined,
    completionUrl: campaign.completionUrl ?? undefined,
    leaseSeconds: campaign.leaseSeconds,
    excludeFlagged: campaign.excludeFlagged,
    goldFailLimit: campaign.goldFailLimit,
    goldMinJudged: campaign.goldMinJudged,
    minJudgmentMs: campaign.minJudgmentMs,
    stopRule: stopRuleOf(campaign),
    joinLink: link && {
      label: link.label,
      maxAnnotators: link.maxAnnotators ?? undefined,
      expiresInDays: link.expiresAt
        ? Math.max(1, Math.round((link.expiresAt.getTime() - link.createdAt.getTime()) / 86_400_000))
        : undefined,
    },
  });
  // A curation campaign from a folder: the folder gives the prompts and images again.
  if (!("curation" in spec) || spec.curation.imageFolder === undefined) return spec;
  const { promptSet: _set, subset: _subset, prompts: _prompts, models: _models, baselineModel: _b, ...rest } = spec;
  return rest;
}

/** Drops undefined members (a YAML or JSON file has no "undefined"), recursively through plain objects. */
function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (value && typeof value === "object" && !(value instanceof Date))
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, withoutUndefined(v)]),
    ) as T;
  return value;
}

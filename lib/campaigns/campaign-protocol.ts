import "server-only";
import { db } from "../db";
import type { CurrentUser } from "../auth/guard";
import { parseSubsetSpec } from "../prompts/index";
import { describeSubset } from "../prompts/describe-subset";
import { campaignBudget, type Budget } from "./budget";
import type { FillPolicy } from "./campaign-spec";
import { criterionSpec, findOwnedCampaignSetup } from "./campaign-setup";
import { readStoredCuration, type StoredCuration } from "../curation/curation-spec";

export interface CampaignProtocol {
  promptSet: { name: string; version: number };
  prompts: number;
  /** The subset spec in words (lib/prompts/describe-subset.ts). */
  subset: string;
  /** The frozen prompts per category, largest first ("(none)" for prompts without one). */
  categories: { category: string; prompts: number }[];
  models: { name: string; version: string; baseline: boolean }[];
  pairDesign: "all_pairs" | "baseline" | "adaptive";
  /** Seeds 0 … seedsPerPrompt − 1. */
  seedsPerPrompt: number;
  /** pairwise, or rating (lib/rating): a rating campaign's criteria are its aspects, each with a scale. */
  taskType: string;
  criteria: {
    key: string;
    question: string;
    showPrompt: boolean;
    choices: string[];
    judgmentsPerPair: number;
    scale: string | null;
  }[];
  criteriaMode: "together" | "sequential";
  fillPolicy: FillPolicy;
  goldRate: number;
  perAnnotatorCap: number | null;
  leaseSeconds: number;
  instructions: string;
  completionCode: string | null;
  completionUrl: string | null;
  budget: Budget;
  /** A curation campaign's rubric, stages and image source (lib/curation/curation-spec.ts); null otherwise. */
  curation: StoredCuration | null;
}

/**
 * Everything a campaign will do, for review before Launch (the draft page): the frozen prompts
 * with their categories, models, seeds, criteria and their questions, judgments, gold rate, fill
 * policy, crowd settings and the budget (lib/campaigns/budget.ts). Only for a campaign the user
 * manages (404 otherwise). Reads the campaign's rows and one count per category.
 */
export async function campaignProtocol(user: CurrentUser, campaignId: string): Promise<CampaignProtocol> {
  const campaign = await findOwnedCampaignSetup(user, campaignId);
  const byCategory = await db.prompt.groupBy({
    by: ["category"],
    where: { campaigns: { some: { campaignId } } },
    _count: { _all: true },
  });
  const categories = byCategory
    .map((c) => ({ category: c.category?.trim() || "(none)", prompts: c._count._all }))
    .sort((a, b) => b.prompts - a.prompts || a.category.localeCompare(b.category));
  const prompts = categories.reduce((sum, c) => sum + c.prompts, 0);
  const subset = campaign.subset === null ? null : parseSubsetSpec(campaign.subset);
  const criteria = campaign.criteria.map((c) => ({ ...criterionSpec(c), scale: c.scale }));
  return {
    promptSet: campaign.promptSet,
    prompts,
    subset: subset === null ? describeSubset(null) : subset.ok ? describeSubset(subset.spec) : "a stored subset",
    categories,
    models: campaign.models.map(({ model }) => ({
      name: model.name,
      version: model.version,
      baseline: campaign.pairDesign === "baseline" && model.id === campaign.baselineModelId,
    })),
    pairDesign: campaign.pairDesign,
    seedsPerPrompt: campaign.seedsPerPrompt,
    taskType: campaign.taskType,
    criteria,
    criteriaMode: campaign.criteriaMode,
    fillPolicy: campaign.fillPolicy,
    goldRate: campaign.goldRate,
    perAnnotatorCap: campaign.perAnnotatorCap,
    leaseSeconds: campaign.leaseSeconds,
    instructions: campaign.instructions,
    completionCode: campaign.completionCode,
    completionUrl: campaign.completionUrl,
    curation: campaign.taskType === "curation" ? readStoredCuration(campaign.curation) : null,
    budget: campaignBudget({
      prompts,
      seedsPerPrompt: campaign.seedsPerPrompt,
      models: campaign.models.length,
      pairDesign: campaign.pairDesign,
      criteria,
      perAnnotatorCap: campaign.perAnnotatorCap,
      goldRate: campaign.goldRate,
    }),
  };
}

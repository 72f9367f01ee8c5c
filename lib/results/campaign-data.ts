import "server-only";
import { db } from "../db";
import { run } from "../db/prepared";
import { CAMPAIGN_JUDGES, PAIR_PAGE, PAIRS_BY_ID, type PairRow } from "./statements";
import type { CurrentUser } from "../auth/guard";
import { criterionSpec, findOwnedCampaignSetup } from "../campaigns/campaign-setup";
import type { PairFacts } from "./pair-facts";
import type { ReportCampaign } from "./report-json";
import { annotatorPseudonym, crowdIdHash } from "./pseudonyms";
import type { StopRuleSettings } from "./sequential-figures";

/** What a report needs to know about one pair, looked up for each of its judgments. */
export interface PairInfo extends PairFacts {
  isGold: boolean;
  /** Gold pairs: the intact image, the right answer. */
  goldExpectedImageId: string | null;
}

export interface AnnotatorInfo {
  pseudonym: string;
  crowdIdHash: string | null;
  /** The crowd platform and the worker's id on it (a Prolific PID): for the campaign's owner, who pays by it. */
  crowdSource: string | null;
  crowdId: string | null;
  /** The salted hash of the address they joined from (the shared-device signal); null when none was recorded. */
  addressHash: string | null;
  flagged: boolean;
  flagReason: string | null;
}

export interface CriterionInfo {
  id: string;
  key: string;
  question: string;
  showPrompt: boolean;
  choices: string[];
  judgmentsPerPair: number;
}

/**
 * The campaign's dictionaries: everything except the judgments, which are reduced in PostgreSQL (reductions.ts).
 * Pairs are far fewer than judgments (one pair collects 5 + 3 of them under Emu's protocol).
 */
export interface CampaignData {
  campaign: ReportCampaign<Date> & {
    pairDesign: string;
    seedsPerPrompt: number;
    goldRate: number;
    excludeFlagged: boolean;
    /** The live quality check's rules (lib/judgments/quality-checks.ts), which annotator quality applies too. */
    goldFailLimit: number;
    goldMinJudged: number;
    minJudgmentMs: number;
  };
  /** The stopping rule (lib/results/sequential-figures.ts reads it). */
  stopRule: StopRuleSettings;
  models: string[];
  /** The models' ids, in the order of `models`. */
  modelIds: string[];
  baselineModel: string | null;
  criteria: CriterionInfo[];
  /** The criterion gold pairs are scored on (lib/gold): the first asked without the prompt. */
  goldCriterionId: string | null;
  pairs: Map<string, PairInfo>;
  /**
   * By user id: every participant and — unless loaded with `judges: "participants"` — everyone who
   * judged without joining (a signed-in annotator); pseudonymOf names anyone.
   */
  annotators: Map<string, AnnotatorInfo>;
}

const PAGE = 5000;

/**
 * Loads the dictionaries of a campaign the user manages; 404 for a missing or someone else's.
 * `judges: "participants"` leaves out the annotators who judged without joining, whose search is a
 * pass over every judgment (CAMPAIGN_JUDGES, about 0.3 s at a million): for a reader that meets
 * them in its own pass (the results' answers) and names them with pseudonymOf; addJudges adds them.
 */
export async function loadCampaignData(
  user: CurrentUser,
  campaignId: string,
  options: { judges: "all" | "participants" } = { judges: "all" },
): Promise<CampaignData> {
  const campaign = await findOwnedCampaignSetup(user, campaignId);
  const modelName = modelNames(campaign.models.map((m) => m.model));
  const criteria = campaign.criteria.map((c) => ({ id: c.id, ...criterionSpec(c) }));
  const goldCriterion =
    [...campaign.criteria].sort((a, b) => a.position - b.position).find((c) => !c.showPrompt) ?? campaign.criteria[0];
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      status: campaign.status,
      protocolVersion: campaign.protocolVersion,
      previousVersionId: campaign.previousVersionId,
      createdAt: campaign.createdAt,
      promptSet: campaign.promptSet,
      pairDesign: campaign.pairDesign,
      seedsPerPrompt: campaign.seedsPerPrompt,
      goldRate: campaign.goldRate,
      excludeFlagged: campaign.excludeFlagged,
      goldFailLimit: campaign.goldFailLimit,
      goldMinJudged: campaign.goldMinJudged,
      minJudgmentMs: campaign.minJudgmentMs,
    },
    stopRule: {
      stopWhenDecided: campaign.stopWhenDecided,
      margin: campaign.stopMargin,
      alpha: campaign.stopAlpha,
      judgmentBudget: campaign.judgmentBudget,
      moneyBudget: campaign.moneyBudget,
      pricePerJudgment: campaign.pricePerJudgment,
    },
    models: campaign.models.map((m) => modelName.get(m.model.id)!),
    modelIds: campaign.models.map((m) => m.model.id),
    baselineModel: campaign.baselineModelId ? (modelName.get(campaign.baselineModelId) ?? null) : null,
    criteria,
    goldCriterionId: goldCriterion?.id ?? null,
    pairs: await loadPairs(campaignId, modelName),
    annotators: await loadAnnotators(campaignId, options.judges),
  };
}

/** A user's pseudonym in the campaign: the dictionary's, else the same hash (pseudonyms.ts) for a judge it left out. */
export function pseudonymOf(data: CampaignData): (userId: string) => string {
  return (userId) => data.annotators.get(userId)?.pseudonym ?? annotatorPseudonym(data.campaign.id, userId);
}

/** Adds the judges of `userIds` that `data` lacks (loaded with judges: "participants"), as ones who judged without joining. */
export function addJudges(data: CampaignData, userIds: Iterable<string>): void {
  addJudgesTo(data.campaign.id, data.annotators, userIds);
}

/** Adds every annotator who judged in the campaign and is not in `data` yet: what loadCampaignData's judges: "all" reads. */
export async function addAllJudges(data: CampaignData): Promise<void> {
  addJudges(data, await judgesOf(data.campaign.id));
}

const judgesOf = async (campaignId: string) => (await run(CAMPAIGN_JUDGES, [campaignId], db)).map((j) => j.annotatorId);

function addJudgesTo(campaignId: string, annotators: Map<string, AnnotatorInfo>, userIds: Iterable<string>): void {
  for (const userId of userIds) if (!annotators.has(userId)) annotators.set(userId, judgeInfo(campaignId, userId));
}

/** Model names as reports show them: the name, with the version only where two share a name. */
function modelNames(models: { id: string; name: string; version: string }[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const m of models) count.set(m.name, (count.get(m.name) ?? 0) + 1);
  return new Map(models.map((m) => [m.id, count.get(m.name)! > 1 ? `${m.name}@${m.version}` : m.name]));
}

/** Pairs by keyset pages over the primary key, so no single query result holds them all. */
async function loadPairs(campaignId: string, modelName: Map<string, string>): Promise<Map<string, PairInfo>> {
  const pairs = new Map<string, PairInfo>();
  for (let cursor = ""; ;) {
    const rows = await run(PAIR_PAGE, [campaignId, cursor, PAGE], db);
    for (const r of rows) pairs.set(r.id, pairInfo(r, modelName));
    if (rows.length < PAGE) return pairs;
    cursor = rows[rows.length - 1].id;
  }
}

/** The pairs of `ids` only (a gallery page), without reading the campaign's other pairs. */
export async function loadPairsById(campaignId: string, ids: string[]): Promise<Map<string, PairInfo>> {
  if (ids.length === 0) return new Map();
  const models = await db.campaignModel.findMany({
    where: { campaignId },
    select: { model: { select: { id: true, name: true, version: true } } },
  });
  const modelName = modelNames(models.map((m) => m.model));
  const rows = await run(PAIRS_BY_ID, [campaignId, ids], db);
  return new Map(rows.map((r) => [r.id, pairInfo(r, modelName)]));
}

function pairInfo(r: PairRow, modelName: Map<string, string>): PairInfo {
  const name = (id: string | null) => (id ? (modelName.get(id) ?? `model ${id}`) : "unknown model");
  // A gold pair shows one model's image against a broken copy of it: name the copy so rows stay readable.
  const copy = r.isGold && r.degradation ? ` (gold copy, ${r.degradation})` : "";
  const copyOfA = r.expectedImageId === r.imageBId;
  return {
    pairId: r.id,
    promptId: r.externalId,
    prompt: r.text,
    category: r.category,
    challenge: r.challenge,
    seed: r.seed,
    imageAId: r.imageAId,
    imageBId: r.imageBId,
    modelA: name(r.modelAId) + (copyOfA ? copy : ""),
    modelB: name(r.modelBId) + (copyOfA ? "" : copy),
    isGold: r.isGold,
    goldExpectedImageId: r.expectedImageId,
  };
}

/**
 * Every annotator who joined or judged: pseudonym, crowd id (and its campaign-salted hash), flag. Judges without a
 * participation row (possible for accounts made by an admin) still get a pseudonym.
 */
async function loadAnnotators(campaignId: string, judges: "all" | "participants"): Promise<Map<string, AnnotatorInfo>> {
  const participations = await db.participation.findMany({
    where: { campaignId },
    select: { userId: true, crowdSource: true, crowdId: true, addressHash: true, flaggedAt: true, flagReason: true },
  });
  const out = new Map<string, AnnotatorInfo>();
  for (const p of participations) {
    out.set(p.userId, {
      pseudonym: annotatorPseudonym(campaignId, p.userId),
      crowdIdHash: crowdIdHash(campaignId, p.crowdSource, p.crowdId),
      crowdSource: p.crowdId ? p.crowdSource : null,
      crowdId: p.crowdId,
      addressHash: p.addressHash,
      flagged: p.flaggedAt !== null,
      flagReason: p.flagReason,
    });
  }
  if (judges === "all") addJudgesTo(campaignId, out, await judgesOf(campaignId));
  return out;
}

/** An annotator who judged without joining: no crowd id, no address, never flagged (flags live on the participation). */
function judgeInfo(campaignId: string, userId: string): AnnotatorInfo {
  return {
    pseudonym: annotatorPseudonym(campaignId, userId),
    crowdIdHash: null,
    crowdSource: null,
    crowdId: null,
    addressHash: null,
    flagged: false,
    flagReason: null,
  };
}

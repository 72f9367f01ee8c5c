import "server-only";
import type { CurrentUser } from "../auth/guard";
import { loadCampaignData } from "./campaign-data";
import { readAnnotatorQuality } from "./annotator-signals";
import { exclusionNeedsQuality, exclusionRule } from "./campaign-results";
import { csvLine } from "./csv";
import { judgmentRows, type JudgmentRow } from "./judgment-rows";
import type { ResultsSettings } from "./settings";

/**
 * The judgment export's columns. `photogenic analyze` reads this file as is (model_a, model_b,
 * choice with left_model, pair_id, prompt_id, category, challenge, annotator, criterion, seconds).
 */
export const JUDGMENT_COLUMNS = [
  "campaign_id",
  "pair_id",
  "prompt_id",
  "prompt",
  "category",
  "challenge",
  "seed",
  "model_a",
  "model_b",
  "left_model",
  "right_model",
  "criterion",
  "choice",
  "winning_model",
  "annotator",
  "crowd_id_hash",
  "latency_ms",
  "seconds",
  "created_at",
  "gold",
  "excluded",
] as const;

export function judgmentCsvLine(r: JudgmentRow): string {
  return csvLine([
    r.campaignId,
    r.pairId,
    r.promptId,
    r.prompt,
    r.category,
    r.challenge,
    r.seed,
    r.modelA,
    r.modelB,
    r.leftModel,
    r.rightModel,
    r.criterion,
    r.choice,
    r.winningModel,
    r.annotator,
    r.crowdIdHash,
    r.latencyMs,
    r.latencyMs === null ? null : r.latencyMs / 1000,
    r.createdAt.toISOString(),
    r.gold,
    r.excluded,
  ]);
}

export interface JudgmentsCsvOptions {
  /** Only the judgments that entered the statistics (no gold pairs, no excluded annotators). */
  analysedOnly?: boolean;
}

/**
 * Every judgment of a campaign as a CSV byte stream. The campaign's dictionaries and the settings
 * are checked before it is returned (so bad settings are a 4xx, not a broken download); then each
 * pull reads one keyset page, so a million-row export never sits in memory.
 */
export async function judgmentsCsvStream(
  user: CurrentUser,
  campaignId: string,
  settings: ResultsSettings,
  options: JudgmentsCsvOptions = {},
): Promise<ReadableStream<Uint8Array>> {
  const data = await loadCampaignData(user, campaignId);
  exclusionRule(data, settings, new Map()); // a bad `exclude` is refused before anything is read
  // Flags computed from the judgments need one pass over them before the first row is written.
  const quality = exclusionNeedsQuality(settings) ? await readAnnotatorQuality(data) : null;
  const rule = exclusionRule(data, settings, quality);
  const pages = judgmentRows(data, rule.excluded);
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(JUDGMENT_COLUMNS)));
        return;
      }
      const next = await pages.next();
      if (next.done) return controller.close();
      const rows = options.analysedOnly ? next.value.filter((r) => !r.gold && !r.excluded) : next.value;
      controller.enqueue(encoder.encode(rows.map(judgmentCsvLine).join("")));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}

import "server-only";
import type { CurrentUser } from "../auth/guard";
import { copyColumn } from "../db/copy-binary";
import { openSnapshot, run } from "../db/prepared";
import type { CampaignData } from "./campaign-data";
import { readAnnotatorQuality } from "./annotator-signals";
import { exclusionNeedsQuality, exclusionRule, loadResultsData } from "./campaign-results";
import { csvField, csvLine } from "./csv";
import { JUDGMENT_CSV_LINES, SET_JUDGMENT_EXPORT } from "./statements";
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
  "crowd_source",
  "crowd_id",
  "latency_ms",
  "seconds",
  "created_at",
  "gold",
  "excluded",
] as const;

/** work_mem of the export's transaction (the sort by judgment id of its lines). */
export const EXPORT_WORK_MEM = "512MB";

export interface JudgmentsCsvOptions {
  /** Only the judgments that entered the statistics (no gold pairs, no excluded annotators). */
  analysedOnly?: boolean;
}

/**
 * Every judgment of a campaign as a CSV byte stream, written by PostgreSQL: `COPY (…) TO STDOUT`
 * of JUDGMENT_CSV_LINES, one snapshot, constant memory, at the speed the database writes rows.
 * What is the same for many rows — a pair's prompt and models, an annotator's pseudonym and crowd
 * id with its hash, a criterion's key — is written as CSV fields here, once, by csvField (so the quoting rules
 * live in csv.ts alone), and handed to the statement as a setting of its transaction; the
 * statement adds each judgment's own answer, side, winner, time and flags. The bytes are those of
 * csvLine over the same rows (tests: lib/results/results-pipeline.integration.test.ts renders
 * every row in JavaScript and compares). The campaign
 * and the settings are checked before the stream is returned, so bad settings are a 4xx, not a
 * broken download.
 */
export async function judgmentsCsvStream(
  user: CurrentUser,
  campaignId: string,
  settings: ResultsSettings,
  options: JudgmentsCsvOptions = {},
): Promise<ReadableStream<Uint8Array>> {
  // Room to sort a million rows in memory: COPY sends its first byte once they are in judgment order.
  const snapshot = await openSnapshot({ workMem: EXPORT_WORK_MEM });
  let rows: NodeJS.ReadableStream;
  try {
    // The snapshot is taken by its first statement; the dictionaries, read after it, know every pair and annotator in it.
    await run(SET_JUDGMENT_EXPORT, ["{}"], snapshot.client);
    // Judges who never joined are named by the statement itself, unless quality flags may exclude them.
    const data = await loadResultsData(user, campaignId, settings, exclusionNeedsQuality(settings));
    exclusionRule(data, settings, new Map()); // a bad `exclude` is refused before anything is read
    // Flags computed from the judgments need their answers (one reduction) before the first row is written.
    const quality = exclusionNeedsQuality(settings) ? await readAnnotatorQuality(data, snapshot.client) : null;
    const rule = exclusionRule(data, settings, quality);
    await run(SET_JUDGMENT_EXPORT, [exportDictionaries(data, rule.excluded, options)], snapshot.client);
    rows = copyColumn(snapshot.client, JUDGMENT_CSV_LINES);
  } catch (error) {
    await snapshot.fail();
    throw error;
  }
  const header = new TextEncoder().encode(csvLine(JUDGMENT_COLUMNS));
  const body = (rows as unknown as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(header);
    },
    async pull(controller) {
      try {
        const next = await body.next();
        if (next.done) {
          await snapshot.finish();
          controller.close();
        } else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
      } catch (error) {
        await snapshot.fail();
        controller.error(error);
      }
    },
    async cancel() {
      (rows as unknown as { destroy?: () => void }).destroy?.();
      await snapshot.fail();
    },
  });
}

/**
 * The export's dictionaries (read by JUDGMENT_CSV_LINES): per pair its first nine columns, the
 * left/right columns for either side, its two possible winning models; per annotator its four
 * columns and whether excluded; per criterion its key — each already a CSV field.
 */
export function exportDictionaries(
  data: CampaignData,
  excluded: (userId: string) => boolean,
  options: JudgmentsCsvOptions,
): string {
  const f = csvField;
  return JSON.stringify({
    campaign: data.campaign.id,
    analysedOnly: options.analysedOnly === true,
    pairs: [...data.pairs.values()].map((p) => [
      p.pairId,
      [data.campaign.id, p.pairId, p.promptId, p.prompt, p.category, p.challenge, p.seed, p.modelA, p.modelB]
        .map(f)
        .join(","),
      `${f(p.modelA)},${f(p.modelB)}`,
      `${f(p.modelB)},${f(p.modelA)}`,
      f(p.modelA),
      f(p.modelB),
      p.isGold,
    ]),
    annotators: [...data.annotators].map(([userId, a]) => [
      userId,
      `${f(a.pseudonym)},${f(a.crowdIdHash)},${f(a.crowdSource)},${f(a.crowdId)}`,
      excluded(userId),
    ]),
    criteria: data.criteria.map((c) => [c.id, f(c.key)]),
  });
}

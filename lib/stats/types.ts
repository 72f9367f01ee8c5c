/**
 * Input records for lib/stats. One judgment is one annotator's answer about one pair of
 * images for one criterion. Everything else (pair outcomes, counts, intervals) derives from these.
 */

/** The answer, relative to the pair's model A and model B. Both / Neither are recorded as 'tie'. */
export type Winner = "A" | "B" | "tie";

export interface Judgment {
  /** The pair shown (prompt + seed + two images). Judgments of one pair are aggregated together. */
  pairId: string;
  /** The prompt the pair came from: the cluster unit of the prompt bootstrap. */
  promptId: string;
  category?: string;
  challenge?: string;
  modelA: string;
  modelB: string;
  winner: Winner;
  annotatorId?: string;
  /** Which model's image was shown on the left (for position bias); absent when unknown. */
  leftModel?: string;
  /** e.g. "visual_appeal", "text_faithfulness"; judgments of different criteria never mix. */
  criterion?: string;
  /** Seconds the annotator took for this vote (annotator quality). */
  seconds?: number;
  /** When the vote was recorded, milliseconds since the epoch (inter-judgment times in annotator quality). */
  at?: number;
  /** Known correct answer when the pair is a gold (attention-check) pair. */
  goldWinner?: Winner;
}

/** An outcome from the point of view of one model (the "model" of a head-to-head). */
export type Outcome = "win" | "tie" | "loss";

/** Win / tie / loss counts; `total` is their sum. */
export interface OutcomeCounts {
  win: number;
  tie: number;
  loss: number;
  total: number;
}

/** A two-sided interval. */
export interface Interval {
  lower: number;
  upper: number;
}

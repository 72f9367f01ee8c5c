import "server-only";
import { db } from "../db";
import type { ImageCount, JudgmentCount, PairCount } from "./count-labels";

/**
 * The one definition of each count the pages show (count-labels.ts words them). Gold pairs (an
 * image against its own degraded copy, lib/gold) and their images are counted apart everywhere:
 * they measure annotators, not models.
 */
export type { ImageCount, JudgmentCount, PairCount };

/** A criterion as the live summaries show its progress (a pairwise criterion, an item campaign's aspect). */
export interface CriterionHead {
  id: string;
  key: string;
  question: string;
  /** Answers wanted per pair or item. */
  target: number;
}

export function criterionHead(c: {
  id: string;
  key: string;
  question: string;
  judgmentsPerPair: number;
}): CriterionHead {
  return { id: c.id, key: c.key, question: c.question, target: c.judgmentsPerPair };
}

/** Per campaign: its regular pairs (model against model) and, apart, its gold pairs. Campaigns without a pair count zero. */
export function pairCounts(campaignIds: readonly string[]): Promise<Map<string, PairCount>> {
  return countPer(campaignIds, { regular: 0, gold: 0 }, async (ids) =>
    (
      await db.pair.groupBy({
        by: ["campaignId", "isGold"],
        where: { campaignId: { in: ids } },
        _count: { _all: true },
      })
    ).map((r) => ({ id: r.campaignId, key: r.isGold ? "gold" : "regular", n: r._count._all })),
  );
}

/**
 * Per model, over every campaign: images generated, and apart the gold copies made from them
 * (kind gold_degraded, which carry the model of the image they degrade). Models without an image count zero.
 */
export function imageCounts(modelIds: readonly string[]): Promise<Map<string, ImageCount>> {
  return countPer(modelIds, { generated: 0, goldCopies: 0 }, async (ids) =>
    (await db.image.groupBy({ by: ["modelId", "kind"], where: { modelId: { in: ids } }, _count: { _all: true } })).map(
      (r) => ({ id: r.modelId, key: r.kind === "generated" ? "generated" : "goldCopies", n: r._count._all }),
    ),
  );
}

/**
 * Counts per id, every id starting from `zero`: `grouped` returns counts (n) per (id, key) for
 * the ids (one grouped query; not run for none); rows of other ids (or none) are ignored.
 */
async function countPer<K extends string>(
  ids: readonly string[],
  zero: Record<K, number>,
  grouped: (ids: string[]) => Promise<{ id: string | null; key: K; n: number }[]>,
): Promise<Map<string, Record<K, number>>> {
  const counts = new Map(ids.map((id) => [id, { ...zero }]));
  if (ids.length === 0) return counts;
  for (const r of await grouped([...ids])) {
    const c = r.id === null ? undefined : counts.get(r.id);
    if (c) c[r.key] += r.n;
  }
  return counts;
}

/**
 * A campaign's judgments: every judgment recorded, gold pairs included (the kept counter,
 * migration results_cache), of them those on gold pairs (`onGold`, as of the kept results: the
 * results page's dataSnapshot.gold), and those recorded in the last hour under the same
 * definition (the kept 5-minute counts, `hourly[11]`), never more than the total.
 */
export function judgmentCount(total: number, onGold: number, hourly: readonly number[]): JudgmentCount {
  return { total, onGold: Math.min(onGold, total), lastHour: Math.min(hourly[hourly.length - 1] ?? 0, total) };
}

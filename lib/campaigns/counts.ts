import "server-only";
import { db } from "../db";
import type { ImageCount, JudgmentCount, PairCount } from "./count-labels";

/**
 * The one definition of each count the pages show (count-labels.ts words them). Gold pairs (an
 * image against its own degraded copy, lib/gold) and their images are counted apart everywhere:
 * they measure annotators, not models.
 */
export type { ImageCount, JudgmentCount, PairCount };

/** Per campaign: its regular pairs (model against model) and, apart, its gold pairs. Campaigns without a pair count zero. */
export async function pairCounts(campaignIds: readonly string[]): Promise<Map<string, PairCount>> {
  const rows =
    campaignIds.length === 0
      ? []
      : await db.pair.groupBy({
          by: ["campaignId", "isGold"],
          where: { campaignId: { in: [...campaignIds] } },
          _count: { _all: true },
        });
  const counts = new Map(campaignIds.map((id) => [id, { regular: 0, gold: 0 }]));
  for (const r of rows) counts.get(r.campaignId)![r.isGold ? "gold" : "regular"] += r._count._all;
  return counts;
}

/**
 * Per model, over every campaign: images generated, and apart the gold copies made from them
 * (kind gold_degraded, which carry the model of the image they degrade). Models without an image count zero.
 */
export async function imageCounts(modelIds: readonly string[]): Promise<Map<string, ImageCount>> {
  const rows =
    modelIds.length === 0
      ? []
      : await db.image.groupBy({
          by: ["modelId", "kind"],
          where: { modelId: { in: [...modelIds] } },
          _count: { _all: true },
        });
  const counts = new Map(modelIds.map((id) => [id, { generated: 0, goldCopies: 0 }]));
  for (const r of rows) {
    const c = r.modelId === null ? undefined : counts.get(r.modelId);
    if (c) c[r.kind === "generated" ? "generated" : "goldCopies"] += r._count._all;
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

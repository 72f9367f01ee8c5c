import "server-only";
import { db } from "../db";
import { createReadyPairs } from "../pairs/create-ready-pairs";
import { advanceWhenReady } from "../campaigns/advance-when-ready";

/**
 * Pairs the (prompt, seed)s a worker just recorded. Runs after the images' transaction commits:
 * of two workers recording the two sides at once, the one committing last sees both images, so
 * no pair is missed (a pairing inside the insert transaction could miss it on both sides).
 */
export async function pairRecorded(recorded: { campaignId: string; promptId: string; seed: number }[]): Promise<void> {
  const byCampaign = new Map<string, { promptId: string; seed: number }[]>();
  for (const r of recorded) byCampaign.set(r.campaignId, [...(byCampaign.get(r.campaignId) ?? []), { promptId: r.promptId, seed: r.seed }]);
  for (const [campaignId, keys] of byCampaign) await createReadyPairs(campaignId, keys);
}

/**
 * The safety net every worker runs every few seconds: for campaigns that generated recently,
 * pair whatever is pairable (a worker killed between its insert and its pairing leaves work
 * here), top up gold pairs and move a generating campaign to annotating.
 */
export async function sweepRecentCampaigns(withinSeconds = 120): Promise<void> {
  const recent = await db.generationJob.findMany({
    where: { finishedAt: { gte: new Date(Date.now() - withinSeconds * 1000) }, campaign: { status: { in: ["generating", "annotating"] } } },
    distinct: ["campaignId"],
    select: { campaignId: true },
  });
  for (const { campaignId } of recent) {
    await createReadyPairs(campaignId);
    await advanceWhenReady(campaignId);
  }
}

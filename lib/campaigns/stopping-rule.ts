import "server-only";
import { db } from "../db";
import { logger } from "../logger";
import { analyseCampaign } from "../results/campaign-results";
import type { SequentialFigures } from "../results/sequential-figures";
import { DEFAULT_RESULTS_SETTINGS } from "../results/settings";
import { closeWhenDecided } from "./transition-campaign";

/**
 * "Stop when decided" and the adaptive design, on the campaign's side. The figures come from the
 * results pipeline (lib/results/sequential-figures.ts, kept with the campaign's results under the
 * default settings, so flagged annotators are left out as on the results page); this file writes
 * what the lease engine reads — per model pair, decided and priority (CampaignComparison) — and
 * closes the campaign when every comparison is decided (closeWhenDecided, in transition-campaign.ts).
 *
 * When it runs: after a lease in a campaign with the rule or the adaptive design
 * (refreshStoppingRuleSoon, from lib/assignment; coalesced per campaign, off the voting response),
 * and on every poll of the campaign page's live view (with the kept figures). Figures from a few
 * judgments ago are still a valid look (the sequences hold at every time), so neither path waits
 * for fresh results. True when it closed the campaign now.
 */
export async function applyStoppingRule(campaignId: string, figures: SequentialFigures | null): Promise<boolean> {
  if (!figures) return false;
  const kept = await db.campaignComparison.findMany({ where: { campaignId } });
  const keyOf = (a: string, b: string) => `${a}\u0000${b}`;
  const before = new Map(kept.map((k) => [keyOf(k.modelAId, k.modelBId), k]));
  const changed = figures.comparisons
    .map((c) => {
      // Stored with the smaller id first, whatever the campaign's model order (the lease engine looks up least/greatest).
      const [modelAId, modelBId] = c.modelAId < c.modelBId ? [c.modelAId, c.modelBId] : [c.modelBId, c.modelAId];
      return { modelAId, modelBId, decided: c.decided, priority: c.priority };
    })
    .filter((c) => {
      const old = before.get(keyOf(c.modelAId, c.modelBId));
      return !old || old.decided !== c.decided || Math.abs(old.priority - c.priority) > 1e-9;
    });
  if (changed.length > 0)
    await db.$transaction(
      changed.map((c) =>
        db.campaignComparison.upsert({
          where: { campaignId_modelAId_modelBId: { campaignId, modelAId: c.modelAId, modelBId: c.modelBId } },
          create: { campaignId, ...c },
          update: { decided: c.decided, priority: c.priority },
        }),
      ),
    );
  return figures.stopWhenDecided && figures.allDecided && (await closeWhenDecided(campaignId, figures.summary));
}

/**
 * Reads the campaign's figures (as its owner: the rule acts for them) and applies the rule.
 * Fresh results, computed once per data state however many callers ask (lib/results/results-cache.ts).
 */
export async function refreshStoppingRule(campaignId: string): Promise<SequentialFigures | null> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { owner: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (!campaign) return null;
  const analysis = await analyseCampaign(campaign.owner, campaignId, DEFAULT_RESULTS_SETTINGS);
  await applyStoppingRule(campaignId, analysis.sequential);
  return analysis.sequential;
}

const refreshing = new Map<string, { again: boolean; done: Promise<void> }>();

/**
 * refreshStoppingRule in the background, at most one at a time per campaign in this process: a call
 * while one runs asks for one more run after it (so the last judgments are always looked at), and
 * many calls meanwhile cost that one run. Returns the promise of the current round of runs (tests
 * await it; the voting path does not). Failures are logged, never thrown.
 */
export function refreshStoppingRuleSoon(campaignId: string): Promise<void> {
  const current = refreshing.get(campaignId);
  if (current) {
    current.again = true;
    return current.done;
  }
  const state = { again: true, done: Promise.resolve() };
  state.done = (async () => {
    try {
      while (state.again) {
        state.again = false;
        await refreshStoppingRule(campaignId);
      }
    } catch (err) {
      logger.warn({ err, campaignId }, "stopping rule: refresh failed");
    } finally {
      refreshing.delete(campaignId);
    }
  })();
  refreshing.set(campaignId, state);
  return state.done;
}

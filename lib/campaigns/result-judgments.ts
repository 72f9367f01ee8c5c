import "server-only";
import { db } from "../db";
import type { Judgment as StatsJudgment, Winner } from "../stats/types";

/**
 * A campaign's judgments as lib/stats records (model names resolved, oriented A = the pair's
 * first image), for live figures and results. Gold pairs are never included; judgments of
 * flagged annotators are left out when the campaign says so (excludeFlagged).
 */
export async function resultJudgments(campaignId: string): Promise<StatsJudgment[]> {
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { excludeFlagged: true } });
  const flagged = campaign.excludeFlagged
    ? new Set(
        (
          await db.participation.findMany({ where: { campaignId, flaggedAt: { not: null } }, select: { userId: true } })
        ).map((p) => p.userId),
      )
    : new Set<string>();
  const rows = await db.judgment.findMany({
    where: { pair: { campaignId, isGold: false } },
    select: {
      pairId: true,
      annotatorId: true,
      choice: true,
      leftImageId: true,
      latencyMs: true,
      criterion: { select: { key: true } },
      pair: {
        select: {
          promptId: true,
          imageAId: true,
          prompt: { select: { category: true, challenge: true } },
          imageA: { select: { model: { select: { name: true } } } },
          imageB: { select: { model: { select: { name: true } } } },
        },
      },
    },
  });
  return rows
    .filter((r) => !flagged.has(r.annotatorId))
    .map((r) => {
      const modelA = r.pair.imageA.model?.name ?? "?";
      const modelB = r.pair.imageB.model?.name ?? "?";
      const leftIsA = r.leftImageId === r.pair.imageAId;
      const winner: Winner =
        r.choice === "left" ? (leftIsA ? "A" : "B") : r.choice === "right" ? (leftIsA ? "B" : "A") : "tie";
      return {
        pairId: r.pairId,
        promptId: r.pair.promptId,
        category: r.pair.prompt.category ?? undefined,
        challenge: r.pair.prompt.challenge ?? undefined,
        modelA,
        modelB,
        winner,
        annotatorId: r.annotatorId,
        leftModel: leftIsA ? modelA : modelB,
        criterion: r.criterion.key,
        seconds: r.latencyMs === null ? undefined : r.latencyMs / 1000,
      };
    });
}

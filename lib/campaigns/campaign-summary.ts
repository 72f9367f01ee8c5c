import "server-only";
import { db } from "../db";

export interface CampaignSummary {
  id: string;
  name: string;
  status: string;
  pairs: number;
  criteria: { id: string; key: string; question: string; target: number; judgments: number; pairsComplete: number }[];
  judgments: number;
  annotators: number;
}

/** Live counts for the researcher's campaign page. */
export async function campaignSummary(campaignId: string): Promise<CampaignSummary> {
  const campaign = await db.campaign.findUniqueOrThrow({
    where: { id: campaignId },
    include: { criteria: { orderBy: { position: "asc" } }, _count: { select: { pairs: true } } },
  });
  const perCriterion = await db.$queryRaw<{ criterionId: string; judgments: bigint; complete: bigint }[]>`
    SELECT c.id AS "criterionId",
           coalesce(sum(j.n), 0) AS judgments,
           count(*) FILTER (WHERE j.n >= c."judgmentsPerPair") AS complete
    FROM "Criterion" c
    LEFT JOIN (SELECT "criterionId", "pairId", count(*) AS n FROM "Judgment" GROUP BY 1, 2) j ON j."criterionId" = c.id
    WHERE c."campaignId" = ${campaignId}
    GROUP BY c.id`;
  const counts = new Map(perCriterion.map((r) => [r.criterionId, r]));
  const annotators = await db.judgment.findMany({ where: { pair: { campaignId } }, distinct: ["annotatorId"], select: { annotatorId: true } });
  const criteria = campaign.criteria.map((c) => ({
    id: c.id,
    key: c.key,
    question: c.question,
    target: c.judgmentsPerPair,
    judgments: Number(counts.get(c.id)?.judgments ?? 0),
    pairsComplete: Number(counts.get(c.id)?.complete ?? 0),
  }));
  return {
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    pairs: campaign._count.pairs,
    criteria,
    judgments: criteria.reduce((s, c) => s + c.judgments, 0),
    annotators: annotators.length,
  };
}

import { db } from "../../lib/db";
import type { Ledger } from "./annotator";
import type { LoggedResponse } from "./http-client";

/**
 * The end-of-run invariants, read from the database after everything has stopped:
 * every 2xx judgment stored exactly once (and nothing stored that no client saw acknowledged),
 * every generation job done exactly once (images = plan, no failed job), every pair at exactly its
 * target per criterion, and no 5xx outside the restart windows.
 */
export interface Window {
  what: string;
  from: number;
  to: number;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

export async function campaignImagesCheck(label: string, campaignId: string, planned: number): Promise<CheckResult> {
  const [images, jobs, done, failed, distinctJobs] = await Promise.all([
    db.image.count({ where: { campaignId, kind: "generated" } }),
    db.generationJob.count({ where: { campaignId } }),
    db.generationJob.count({ where: { campaignId, status: "done" } }),
    db.generationJob.count({ where: { campaignId, status: "failed" } }),
    db.image
      .groupBy({ by: ["jobId"], where: { campaignId, kind: "generated", jobId: { not: null } } })
      .then((g) => g.length),
  ]);
  const reruns = await db.generationJob.count({ where: { campaignId, attempts: { gt: 1 } } });
  const ok = images === planned && jobs === planned && done === planned && failed === 0 && distinctJobs === planned;
  return {
    name: `generation (${label})`,
    ok,
    detail: `plan ${planned}, jobs ${jobs}, done ${done}, failed ${failed}, images ${images} (one per job: ${distinctJobs}); ${reruns} jobs re-run after a kill`,
  };
}

export async function judgmentChecks(campaignId: string, ledger: Ledger): Promise<CheckResult[]> {
  const stored = await db.judgment.findMany({
    where: { pair: { campaignId } },
    select: { id: true, idempotencyKey: true },
  });
  const byKey = new Map(stored.map((j) => [j.idempotencyKey, j.id]));
  let missing = 0;
  let wrongId = 0;
  for (const [key, id] of ledger.acknowledged) {
    const found = byKey.get(key);
    if (!found) missing++;
    else if (found !== id) wrongId++;
  }
  const unacknowledged = stored.filter((j) => !ledger.acknowledged.has(j.idempotencyKey)).length;
  const duplicates = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (SELECT 1 FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
    WHERE p."campaignId" = ${campaignId} GROUP BY j."pairId", j."annotatorId", j."criterionId" HAVING count(*) > 1) d`;

  const targets = await db.$queryRaw<{ pairs: bigint; short: bigint; over: bigint; cells: bigint }[]>`
    SELECT count(DISTINCT p.id) AS pairs,
           count(*) FILTER (WHERE coalesce(j.n, 0) < c."judgmentsPerPair") AS short,
           count(*) FILTER (WHERE coalesce(j.n, 0) > c."judgmentsPerPair") AS over,
           count(*) AS cells
    FROM "Pair" p JOIN "Criterion" c ON c."campaignId" = p."campaignId"
    LEFT JOIN (SELECT "pairId", "criterionId", count(*) AS n FROM "Judgment" GROUP BY 1, 2) j ON j."pairId" = p.id AND j."criterionId" = c.id
    WHERE p."campaignId" = ${campaignId} AND NOT p."isGold"`;
  const t = targets[0];
  const dupes = Number(duplicates[0]?.n ?? 0);
  return [
    {
      name: "acknowledged judgments stored exactly once",
      ok: missing === 0 && wrongId === 0 && dupes === 0 && ledger.conflictingAcks.length === 0 && unacknowledged === 0,
      detail: `${ledger.acknowledged.size} acknowledged (2xx), ${stored.length} stored; missing ${missing}, different id ${wrongId}, duplicates ${dupes}, stored but never acknowledged ${unacknowledged}, one key acknowledged as two judgments ${ledger.conflictingAcks.length}`,
    },
    {
      name: "every pair has exactly its target judgments",
      ok: Number(t.short) === 0 && Number(t.over) === 0,
      detail: `${Number(t.pairs)} pairs × criteria = ${Number(t.cells)} cells; short ${Number(t.short)}, over ${Number(t.over)}`,
    },
  ];
}

export function serverErrorCheck(entries: LoggedResponse[], windows: Window[]): CheckResult {
  const errors = entries.filter((e) => e.status >= 500);
  const outside = errors.filter((e) => !windows.some((w) => e.at >= w.from && e.at <= w.to));
  const paths = [...new Set(outside.map((e) => `${e.status} ${e.path}`))].slice(0, 5).join(", ");
  return {
    name: "no 5xx outside the restart windows",
    ok: outside.length === 0,
    detail: `${entries.length} responses, ${errors.length} 5xx, of them ${outside.length} outside ${windows.length} windows${paths ? ` (${paths})` : ""}`,
  };
}

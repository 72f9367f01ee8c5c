import { db } from "../../lib/db";
import { run } from "../../lib/db/prepared";
import { DUPLICATE_JUDGMENTS, TARGET_CELLS } from "./statements";
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
  const [{ duplicates: dupes }] = await run(DUPLICATE_JUDGMENTS, [campaignId], db);
  const [t] = await run(TARGET_CELLS, [campaignId], db);
  return [
    {
      name: "acknowledged judgments stored exactly once",
      ok: missing === 0 && wrongId === 0 && dupes === 0 && ledger.conflictingAcks.length === 0 && unacknowledged === 0,
      detail: `${ledger.acknowledged.size} acknowledged (2xx), ${stored.length} stored; missing ${missing}, different id ${wrongId}, duplicates ${dupes}, stored but never acknowledged ${unacknowledged}, one key acknowledged as two judgments ${ledger.conflictingAcks.length}`,
    },
    {
      name: "every pair has exactly its target judgments",
      ok: t.short === 0 && t.over === 0,
      detail: `${t.pairs} pairs × criteria = ${t.cells} cells; short ${t.short}, over ${t.over}`,
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

import "server-only";
import { run } from "../db/prepared";
import { ANNOTATOR_CONTEXT, type AnnotatorContextRow, type ContextCriterion, type LeaseRow } from "./statements";

export type { ContextCriterion };

/**
 * Everything the voting path needs to know about one annotator in one campaign, in ONE
 * prepared statement (ANNOTATOR_CONTEXT; each round trip costs CPU on the web server and in
 * PostgreSQL, which is what limits voting throughput): the campaign's settings and criteria, the participation,
 * the annotator's open leases (with prompt text and answered criteria) and counts for progress.
 * Read fresh on every request, so a paused campaign or an edited protocol applies at once.
 */

/** A live lease with the criteria already answered on it. */
export interface OpenLease extends LeaseRow {
  answered: string[];
}

export interface AnnotatorContext extends Omit<AnnotatorContextRow, "open"> {
  open: OpenLease[];
}

/** Null when the campaign does not exist. */
export async function loadAnnotatorContext(campaignId: string, annotatorId: string): Promise<AnnotatorContext | null> {
  const [row] = await run(ANNOTATOR_CONTEXT, [annotatorId, campaignId]);
  if (!row) return null;
  // Epoch milliseconds in the JSON: a bare timestamp string would be parsed as local time.
  return { ...row, open: row.open.map((a) => ({ ...a, leaseExpiresAt: new Date(a.leaseExpiresAt) })) };
}

import "server-only";
import { run, statement } from "../db/prepared";
import type { LeaseRow } from "./leased-assignment";

/**
 * Everything the voting path needs to know about one annotator in one campaign, in ONE
 * prepared statement (lib/db/prepared.ts; each round trip costs CPU on the web server and in
 * PostgreSQL, which is what limits voting throughput): the campaign's settings and criteria, the participation,
 * the annotator's open leases (with prompt text and answered criteria) and counts for progress.
 * Read fresh on every request, so a paused campaign or an edited protocol applies at once.
 */
export interface ContextCriterion {
  id: string;
  question: string;
  choices: string[];
  showPrompt: boolean;
  judgmentsPerPair: number;
}

/** A live lease with the criteria already answered on it. */
export interface OpenLease extends LeaseRow {
  answered: string[];
}

export interface AnnotatorContext {
  /** False when the annotator never joined (the campaign row alone was found). */
  participating: boolean;
  consentedAt: Date | null;
  flaggedAt: Date | null;
  status: string;
  completionCode: string | null;
  completionUrl: string | null;
  criteriaMode: string;
  perAnnotatorCap: number | null;
  leaseSeconds: number;
  goldRate: number;
  criteria: ContextCriterion[];
  open: OpenLease[];
  /** Completed assignments of this annotator here. */
  done: number;
  /** Non-gold pairs in the campaign (only read when there is no per-annotator cap). */
  pairTotal: number | null;
}

type Row = Omit<AnnotatorContext, "open" | "participating"> & {
  participating: boolean;
  open: (Omit<OpenLease, "leaseExpiresAt"> & { leaseExpiresAt: number })[];
};

const ANNOTATOR_CONTEXT = statement(
  "annotator_context",
  `SELECT p.id IS NOT NULL AS participating, p."consentedAt", p."flaggedAt",
      c.status::text AS status, c."completionCode", c."completionUrl", c."criteriaMode"::text AS "criteriaMode",
      c."perAnnotatorCap", c."leaseSeconds", c."goldRate",
      (SELECT coalesce(json_agg(json_build_object('id', k.id, 'question', k.question, 'choices', k.choices::text[],
                 'showPrompt', k."showPrompt", 'judgmentsPerPair', k."judgmentsPerPair") ORDER BY k.position), '[]')
         FROM "Criterion" k WHERE k."campaignId" = c.id) AS criteria,
      (SELECT coalesce(json_agg(json_build_object('id', a.id, 'pairId', a."pairId", 'leftImageId', a."leftImageId",
                 'imageAId', pr."imageAId", 'imageBId', pr."imageBId", 'criterionIds', a."criterionIds",
                 'leaseExpiresAt', extract(epoch from a."leaseExpiresAt") * 1000, 'prompt', pt.text,
                 'answered', (SELECT coalesce(array_agg(j."criterionId"), '{}') FROM "Judgment" j WHERE j."assignmentId" = a.id))
               ORDER BY a."createdAt"), '[]')
         FROM "Assignment" a JOIN "Pair" pr ON pr.id = a."pairId" JOIN "Prompt" pt ON pt.id = pr."promptId"
         WHERE a."annotatorId" = $1 AND a.status = 'leased' AND a."leaseExpiresAt" > now() AND pr."campaignId" = c.id) AS open,
      (SELECT count(*) FROM "Assignment" a JOIN "Pair" pr ON pr.id = a."pairId"
         WHERE a."annotatorId" = $1 AND a.status = 'completed' AND pr."campaignId" = c.id)::int AS done,
      CASE WHEN c."perAnnotatorCap" IS NULL
        THEN (SELECT count(*) FROM "Pair" x WHERE x."campaignId" = c.id AND NOT x."isGold")::int END AS "pairTotal"
    FROM "Campaign" c LEFT JOIN "Participation" p ON p."campaignId" = c.id AND p."userId" = $1
    WHERE c.id = $2`,
);

/** Null when the campaign does not exist. */
export async function loadAnnotatorContext(campaignId: string, annotatorId: string): Promise<AnnotatorContext | null> {
  const [row] = await run<Row>(ANNOTATOR_CONTEXT, [annotatorId, campaignId]);
  if (!row) return null;
  // Epoch milliseconds in the JSON: a bare timestamp string would be parsed as local time.
  return { ...row, open: row.open.map((a) => ({ ...a, leaseExpiresAt: new Date(a.leaseExpiresAt) })) };
}

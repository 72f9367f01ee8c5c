import { createHash } from "node:crypto";

/**
 * Names that let a report tell annotators apart without naming them. Pure and deterministic, so
 * the same annotator has the same pseudonym in every export of a campaign (and a researcher can
 * exclude one by it), but a different one in every other campaign (no linking across studies).
 */
export function annotatorPseudonym(campaignId: string, userId: string): string {
  return `a-${createHash("sha256").update(`${campaignId}:${userId}`).digest("hex").slice(0, 10)}`;
}

/** annotatorPseudonym in SQL, of two text expressions (for a statement that meets an annotator its dictionary lacks). */
export function annotatorPseudonymSql(campaignId: string, userId: string): string {
  return `'a-' || left(encode(sha256(convert_to(${campaignId} || ':' || ${userId}, 'UTF8')), 'hex'), 10)`;
}

/**
 * A crowd worker id (e.g. a Prolific PID) hashed, salted with the campaign: a researcher who
 * holds the id list can match rows to payments by hashing it the same way (sha256 of
 * "campaign:source:id", first 16 hex digits), but the export itself does not carry the ids, and
 * the same worker's hash differs between campaigns, so exports of two studies cannot be joined
 * on it.
 */
export function crowdIdHash(campaignId: string, source: string | null, crowdId: string | null): string | null {
  if (!crowdId) return null;
  return createHash("sha256")
    .update(`${campaignId}:${source ?? ""}:${crowdId}`)
    .digest("hex")
    .slice(0, 16);
}

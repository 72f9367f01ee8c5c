import { createHash } from "node:crypto";

/** Prefix of ids derived from text, so they are recognisable next to ids a file brought. */
export const DERIVED_ID_PREFIX = "p_";
/** 16 hex digits = 64 bits: a collision among 100,000 prompts has odds of about 1 in 3·10⁹. */
const DERIVED_ID_HEX_LENGTH = 16;
export const MAX_EXTERNAL_ID_LENGTH = 128;

/**
 * The form two prompts must share to count as the same prompt: Unicode NFKC (full-width and
 * compatibility characters folded), trimmed, runs of whitespace collapsed to one space,
 * lower-cased. "A cat\u00a0 on a MAT " and "a cat on a mat" normalise alike.
 */
export function normalisePromptText(text: string): string {
  return text.normalize("NFKC").trim().replace(/\s+/gu, " ").toLowerCase();
}

/**
 * Stable id for a prompt without an id column: `p_` + the first 16 hex digits of the SHA-256 of
 * its normalised text. The same prompt gets the same id in every file and every import.
 */
export function derivePromptId(text: string): string {
  const hash = createHash("sha256").update(normalisePromptText(text), "utf8").digest("hex");
  return DERIVED_ID_PREFIX + hash.slice(0, DERIVED_ID_HEX_LENGTH);
}

/** Why an id from the file cannot be used, or undefined when it is fine. */
export function externalIdProblem(id: string): string | undefined {
  if (id.length > MAX_EXTERNAL_ID_LENGTH)
    return `id is ${id.length} characters; the limit is ${MAX_EXTERNAL_ID_LENGTH}`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we reject
  if (/[\u0000-\u001f\u007f]/.test(id)) return "id contains a control character";
  return undefined;
}

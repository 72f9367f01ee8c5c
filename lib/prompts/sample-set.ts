import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A small prompt set the project wrote itself (52 prompts, PartiPrompts' 12 categories and 11
 * challenges, a few notes) for the demo and for trying an import:
 * `photogenic prompts import lib/prompts/sample-set/photogenic-sample.tsv`.
 * PartiPrompts itself is not shipped (see README: google-research/parti, PartiPrompts.tsv).
 */
export const SAMPLE_PROMPT_SET_FILE = fileURLToPath(new URL("./sample-set/photogenic-sample.tsv", import.meta.url));
export const SAMPLE_PROMPT_SET_NAME = "Photogenic sample";
export const sampleSetFileName = path.basename(SAMPLE_PROMPT_SET_FILE);

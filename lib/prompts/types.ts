import type { ImportIssue } from "./issues";

/** The file formats a prompt set can be imported from. */
export const PROMPT_FORMATS = ["tsv", "csv", "jsonl", "txt"] as const;
export type PromptFormat = (typeof PROMPT_FORMATS)[number];

/** One record as read from a file, before validation. Optional fields are absent when empty. */
export interface PromptRow {
  /** 1-based physical line where the record starts (a quoted CSV field may span several lines). */
  line: number;
  /** Value of an `id` column/key, trimmed; absent when the file has none or the cell is empty. */
  externalId?: string;
  /** The prompt text exactly as read (validation trims it). */
  text: string;
  category?: string;
  challenge?: string;
  note?: string;
}

/**
 * What a format parser yields: rows, interleaved with the problems found while reading them,
 * in file order. A record with a structural problem is reported as an issue instead of a row.
 */
export type ParseEvent = ({ kind: "row" } & PromptRow) | { kind: "issue"; issue: ImportIssue };

/** A prompt accepted for import. */
export interface ParsedPrompt {
  /** The file's id when it had one, otherwise derived from the normalised text (see prompt-id.ts). */
  id: string;
  idSource: "column" | "text";
  /** Trimmed prompt text. */
  text: string;
  category?: string;
  challenge?: string;
  note?: string;
  /** Line the prompt was read from, so later errors can still name it. */
  line: number;
}

/** Byte chunks as produced by fs.createReadStream, a web ReadableStream or a test generator. */
export type ByteChunks = AsyncIterable<Uint8Array>;

import type { ByteChunks, ParseEvent, PromptFormat } from "../types";
import { readLines } from "./byte-lines";
import { parseCsv } from "./csv";
import { parseJsonl } from "./jsonl";
import { parseTsv } from "./tsv";
import { parseTxt } from "./txt";

export { detectFormat } from "./detect-format";
export { readLines, type DecodedLine } from "./byte-lines";

const PARSERS: Record<PromptFormat, (lines: ReturnType<typeof readLines>) => AsyncGenerator<ParseEvent>> = {
  tsv: parseTsv,
  csv: parseCsv,
  jsonl: parseJsonl,
  txt: parseTxt,
};

/** Streams rows and parse issues, in file order, from byte chunks in the given format. */
export function parsePromptRows(chunks: ByteChunks, format: PromptFormat): AsyncGenerator<ParseEvent> {
  return PARSERS[format](readLines(chunks));
}

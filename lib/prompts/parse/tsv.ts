import type { ParseEvent } from "../types";
import { invalidUtf8Issue, type DecodedLine } from "./byte-lines";
import { recordsToEvents, type DelimitedRecord } from "./delimited-rows";

/**
 * Tab-separated values as PartiPrompts ships them: one record per line, no quoting. Quotes are
 * ordinary characters (PartiPrompts has prompts like `The words "Fly an airplane"`), so a field
 * cannot contain a tab or a newline (the IANA text/tab-separated-values rule).
 */
export function parseTsv(lines: AsyncIterable<DecodedLine>): AsyncGenerator<ParseEvent> {
  return recordsToEvents(tsvRecords(lines), "tab");
}

async function* tsvRecords(lines: AsyncIterable<DecodedLine>): AsyncGenerator<DelimitedRecord> {
  for await (const { line, text, invalidUtf8 } of lines) {
    if (!invalidUtf8 && text.trim() === "") continue;
    const problems = invalidUtf8 ? [invalidUtf8Issue(line)] : [];
    yield { line, fields: text.split("\t"), problems };
  }
}

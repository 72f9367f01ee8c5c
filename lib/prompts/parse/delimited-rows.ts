import { makeIssue, type ImportIssue } from "../issues";
import type { ParseEvent } from "../types";
import { mapHeader, rowFromFields, type ColumnLayout } from "./columns";

/** One CSV/TSV record: its fields, where it starts, and any problem found while splitting it. */
export interface DelimitedRecord {
  line: number;
  fields: string[];
  problems: ImportIssue[];
}

/**
 * Turns records into rows: the first record is the header, every later record must have
 * exactly as many fields as the header (RFC 4180 §2.4; guessing which cell is missing would
 * silently shift categories into prompts). Stops after a header that cannot be used.
 */
export async function* recordsToEvents(
  records: AsyncIterable<DelimitedRecord>,
  delimiterName: "comma" | "tab",
): AsyncGenerator<ParseEvent> {
  let layout: ColumnLayout | undefined;
  for await (const record of records) {
    if (layout === undefined) {
      if (record.problems.length > 0) {
        for (const issue of record.problems) yield { kind: "issue", issue };
        return;
      }
      const header = mapHeader(record.fields, record.line, delimiterName);
      for (const issue of header.issues) yield { kind: "issue", issue };
      if (header.layout === undefined) return;
      layout = header.layout;
      continue;
    }
    if (record.problems.length > 0) {
      for (const issue of record.problems) yield { kind: "issue", issue };
      continue;
    }
    if (record.fields.length !== layout.names.length) {
      yield { kind: "issue", issue: wrongFieldCount(record, layout, delimiterName) };
      continue;
    }
    yield { kind: "row", ...rowFromFields(record.fields, layout, record.line) };
  }
}

function wrongFieldCount(record: DelimitedRecord, layout: ColumnLayout, delimiterName: "comma" | "tab"): ImportIssue {
  const expected = layout.names.length;
  const found = record.fields.length;
  const hint =
    found > expected
      ? delimiterName === "comma"
        ? " — a prompt containing commas must be in double quotes"
        : " — a prompt may contain a tab character"
      : "";
  return makeIssue(
    "wrong-field-count",
    record.line,
    `expected ${expected} fields (${layout.names.map((n) => n.trim()).join(", ")}), found ${found}${hint}`,
  );
}

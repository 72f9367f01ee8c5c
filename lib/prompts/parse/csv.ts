import { CsvRecordReader, type CsvProblem, type CsvReaderRecord } from "../../stats/io/csv";
import { makeIssue, type ImportIssue } from "../issues";
import type { ParseEvent } from "../types";
import { invalidUtf8Issue, type DecodedLine } from "./byte-lines";
import { recordsToEvents, type DelimitedRecord } from "./delimited-rows";

/**
 * Comma-separated values with a header row, streamed line by line through the project's one CSV
 * reader (lib/stats/io/csv.ts: RFC 4180, lenient where it is unambiguous). Its problems become
 * import issues: an unterminated quote is reported on the line its record starts.
 */
export function parseCsv(lines: AsyncIterable<DecodedLine>): AsyncGenerator<ParseEvent> {
  return recordsToEvents(csvRecords(lines), "comma");
}

async function* csvRecords(lines: AsyncIterable<DecodedLine>): AsyncGenerator<DelimitedRecord> {
  const reader = new CsvRecordReader(",");
  let utf8Issues: ImportIssue[] = [];
  for await (const { line, text, invalidUtf8 } of lines) {
    if (!reader.inRecord && !invalidUtf8 && text.trim() === "") continue; // blank line between records
    if (invalidUtf8) utf8Issues.push(invalidUtf8Issue(line));
    const record = reader.push(text, line);
    if (record) {
      yield withIssues(record, utf8Issues);
      utf8Issues = [];
    }
  }
  const last = reader.finish();
  if (last) yield withIssues(last, utf8Issues);
}

/** The record's issues in the order they were met: per line, its encoding first; an unclosed quote last. */
function withIssues(record: CsvReaderRecord, utf8Issues: ImportIssue[]): DelimitedRecord {
  const found = (p: CsvProblem) => (p.kind === "unterminated-quote" ? Infinity : p.line);
  const met = [
    ...utf8Issues.map((issue) => ({ at: issue.line, issue })),
    ...record.problems.map((p) => ({ at: found(p), issue: csvIssue(p, record.line) })),
  ].sort((a, b) => a.at - b.at); // stable: a line's encoding issue stays before its quote issue
  return { line: record.line, fields: record.fields, problems: met.map((m) => m.issue) };
}

function csvIssue(problem: CsvProblem, recordLine: number): ImportIssue {
  if (problem.kind === "unterminated-quote")
    return makeIssue(
      "unterminated-quote",
      recordLine,
      `a quoted field in the record starting on line ${recordLine} is never closed (the rest of the file was read into it)`,
    );
  return makeIssue(
    "malformed-quotes",
    problem.line,
    `text after the closing quote of field ${problem.field} — a quote inside a quoted field must be doubled ("")`,
  );
}

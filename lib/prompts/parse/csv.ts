import { makeIssue, type ImportIssue } from "../issues";
import type { ParseEvent } from "../types";
import { invalidUtf8Issue, type DecodedLine } from "./byte-lines";
import { recordsToEvents, type DelimitedRecord } from "./delimited-rows";

/** Comma-separated values with a header row (RFC 4180, read leniently where it is unambiguous). */
export function parseCsv(lines: AsyncIterable<DecodedLine>): AsyncGenerator<ParseEvent> {
  return recordsToEvents(csvRecords(lines), "comma");
}

const QUOTE = '"';
const COMMA = ",";

async function* csvRecords(lines: AsyncIterable<DecodedLine>): AsyncGenerator<DelimitedRecord> {
  const reader = new CsvRecordReader();
  for await (const line of lines) {
    const record = reader.push(line);
    if (record) yield record;
  }
  const last = reader.finish();
  if (last) yield last;
}

/**
 * Assembles records from physical lines. A quoted field may span lines; the record's line is
 * the one where it starts. Quoted fields may hold commas, doubled quotes ("") and newlines
 * (a CRLF inside a quoted field comes back as "\n").
 *
 * Lenient on purpose, like spreadsheet programs: a quote inside an *unquoted* field is kept as
 * a literal character, and spaces after a closing quote are ignored. Strict where the intent is
 * ambiguous: any other text after a closing quote (`"He said "hi"",x`) is an error, because the
 * inner quotes were almost certainly meant to be doubled.
 */
export class CsvRecordReader {
  private open = false;
  private startLine = 0;
  private fields: string[] = [];
  private field = "";
  private atFieldStart = true;
  private inQuotes = false;
  private afterClosingQuote = false;
  private problems: ImportIssue[] = [];

  /** Feeds one physical line; returns the record it completes, if any. */
  push({ line, text, invalidUtf8 }: DecodedLine): DelimitedRecord | undefined {
    if (!this.open) {
      if (!invalidUtf8 && text.trim() === "") return undefined; // blank line between records
      if (!invalidUtf8 && !text.includes(QUOTE)) return { line, fields: text.split(COMMA), problems: [] }; // fast path
      this.begin(line);
    } else {
      this.field += "\n"; // the line break belonged to a quoted field
    }
    if (invalidUtf8) this.problems.push(invalidUtf8Issue(line));
    this.scan(text, line);
    return this.inQuotes ? undefined : this.complete();
  }

  /** Call at end of input: a record still inside quotes is reported where it started. */
  finish(): DelimitedRecord | undefined {
    if (!this.open) return undefined;
    const issue = makeIssue(
      "unterminated-quote",
      this.startLine,
      `a quoted field in the record starting on line ${this.startLine} is never closed (the rest of the file was read into it)`,
    );
    this.problems.push(issue);
    return this.complete();
  }

  private begin(line: number): void {
    this.open = true;
    this.startLine = line;
    this.fields = [];
    this.field = "";
    this.atFieldStart = true;
    this.inQuotes = false;
    this.afterClosingQuote = false;
    this.problems = [];
  }

  private scan(text: string, line: number): void {
    let i = 0;
    while (i < text.length) {
      if (this.inQuotes) {
        const quote = text.indexOf(QUOTE, i);
        if (quote === -1) {
          this.field += text.slice(i);
          return;
        }
        this.field += text.slice(i, quote);
        if (text[quote + 1] === QUOTE) {
          this.field += QUOTE;
          i = quote + 2;
        } else {
          this.inQuotes = false;
          this.afterClosingQuote = true;
          i = quote + 1;
        }
      } else if (this.afterClosingQuote) {
        const c = text[i];
        if (c === COMMA) {
          this.endField();
          i++;
        } else if (c === " " || c === "\t") {
          i++;
        } else {
          this.problems.push(
            makeIssue(
              "malformed-quotes",
              line,
              `text after the closing quote of field ${this.fields.length + 1} — a quote inside a quoted field must be doubled ("")`,
            ),
          );
          this.afterClosingQuote = false; // keep reading the rest as plain text
        }
      } else if (this.atFieldStart && text[i] === QUOTE) {
        this.inQuotes = true;
        this.atFieldStart = false;
        i++;
      } else {
        this.atFieldStart = false;
        const comma = text.indexOf(COMMA, i);
        if (comma === -1) {
          this.field += text.slice(i);
          return;
        }
        this.field += text.slice(i, comma);
        this.endField();
        i = comma + 1;
      }
    }
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = "";
    this.atFieldStart = true;
    this.afterClosingQuote = false;
  }

  private complete(): DelimitedRecord {
    this.fields.push(this.field);
    const record = { line: this.startLine, fields: this.fields, problems: this.problems };
    this.open = false;
    this.fields = [];
    this.field = "";
    this.problems = [];
    return record;
  }
}

import { InputError } from "./text-position";

/** One parsed record with the line each field starts on (for error messages). */
export interface CsvRecord {
  fields: string[];
  /** 1-based line of the record's first character. */
  line: number;
}

/** Where a record breaks the format; the reader keeps going, callers decide whether to stop. */
export type CsvProblem =
  | { kind: "unterminated-quote"; line: number; column: number }
  /** `field` is 1-based; `text` is the first character after the closing quote. */
  | { kind: "text-after-quote"; line: number; column: number; field: number; text: string };

export interface CsvReaderRecord extends CsvRecord {
  problems: CsvProblem[];
}

const QUOTE = '"';

/**
 * The one CSV reader of the project (RFC 4180), fed one physical line at a time so that files of
 * any size stream (lib/prompts reads uploads this way; parseCsv below feeds it a whole text).
 * Fields are separated by `delimiter`, optionally in double quotes; "" inside quotes is a quote;
 * quoted fields may hold delimiters and line breaks (a line break inside quotes comes back as
 * the caller says it was: parseCsv keeps \r\n, \n or \r as written; "\n" by default); each record carries the line it starts on. Empty lines between records are skipped.
 *
 * Lenient where the intent is clear, like spreadsheet programs: a quote inside an *unquoted*
 * field is a literal character, and spaces or tabs after a closing quote are ignored. Any other
 * text after a closing quote (`"He said "hi"",x`) is a problem, because the inner quotes were
 * almost certainly meant to be doubled; the rest of the field is then read as plain text.
 * Reference: RFC 4180, "Common Format and MIME Type for CSV Files" (2005).
 * Complexity: O(length of the line) per line; memory: one record.
 */
export class CsvRecordReader {
  private open = false;
  private startLine = 0;
  private fields: string[] = [];
  private field = "";
  private atFieldStart = true;
  private inQuotes = false;
  private afterClosingQuote = false;
  private quoteLine = 0;
  private quoteColumn = 0;
  private problems: CsvProblem[] = [];

  constructor(private readonly delimiter = ",") {}

  /** True while a quoted field is open across lines (the next line continues the record). */
  get inRecord(): boolean {
    return this.open;
  }

  /**
   * Feeds one physical line (without its line break); returns the record it completes, if any.
   * `breakBefore` is the line break that ended the previous line, kept inside an open quoted field.
   */
  push(text: string, line: number, breakBefore = "\n"): CsvReaderRecord | undefined {
    if (!this.open) {
      if (text === "") return undefined; // blank line between records
      if (!text.includes(QUOTE)) return { line, fields: text.split(this.delimiter), problems: [] }; // fast path
      this.begin(line);
    } else {
      this.field += breakBefore; // the line break belonged to a quoted field
    }
    this.scan(text, line);
    return this.inQuotes ? undefined : this.complete();
  }

  /** Call at end of input: a record still inside quotes comes back with an unterminated-quote problem. */
  finish(): CsvReaderRecord | undefined {
    if (!this.open) return undefined;
    this.problems.push({ kind: "unterminated-quote", line: this.quoteLine, column: this.quoteColumn });
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
    const delimiter = this.delimiter;
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
        if (c === delimiter) {
          this.endField();
          i++;
        } else if (c === " " || c === "\t") {
          i++;
        } else {
          const field = this.fields.length + 1;
          this.problems.push({ kind: "text-after-quote", line, column: i + 1, field, text: c });
          this.afterClosingQuote = false; // keep reading the rest as plain text
        }
      } else if (this.atFieldStart && text[i] === QUOTE) {
        this.inQuotes = true;
        this.atFieldStart = false;
        this.quoteLine = line;
        this.quoteColumn = i + 1;
        i++;
      } else {
        this.atFieldStart = false;
        const end = text.indexOf(delimiter, i);
        if (end === -1) {
          this.field += text.slice(i);
          return;
        }
        this.field += text.slice(i, end);
        this.endField();
        i = end + 1;
      }
    }
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = "";
    this.atFieldStart = true;
    this.afterClosingQuote = false;
  }

  private complete(): CsvReaderRecord {
    this.fields.push(this.field);
    const record = { line: this.startLine, fields: this.fields, problems: this.problems };
    this.open = false;
    this.fields = [];
    this.field = "";
    this.problems = [];
    return record;
  }
}

/**
 * A whole CSV text through CsvRecordReader: CRLF, LF or CR line ends; a leading UTF-8 BOM is
 * dropped. The first problem throws an InputError naming line and column.
 * Complexity: O(length of text).
 */
export function parseCsv(text: string, source: string, delimiter = ","): CsvRecord[] {
  const reader = new CsvRecordReader(delimiter);
  const records: CsvRecord[] = [];
  const keep = (record: CsvReaderRecord | undefined) => {
    if (!record) return;
    const [problem] = record.problems;
    if (problem) throw csvInputError(source, problem);
    records.push({ fields: record.fields, line: record.line });
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineBreak = /\r\n|\n|\r/g;
  let line = 1;
  let start = 0;
  let breakBefore = "\n";
  for (let m = lineBreak.exec(body); m !== null; m = lineBreak.exec(body)) {
    keep(reader.push(body.slice(start, m.index), line++, breakBefore));
    start = m.index + m[0].length;
    breakBefore = m[0];
  }
  keep(reader.push(body.slice(start), line, breakBefore));
  keep(reader.finish());
  return records;
}

/**
 * A CSV or TSV table (delimiter sniffed): its header record and its rows, each with as many fields
 * as the header (RFC 4180 §2.4: guessing which cell is missing would shift values between columns).
 * An empty file or a row of another width throws an InputError naming the line.
 * Complexity: O(length of text).
 */
export function parseCsvTable(text: string, source: string): { header: CsvRecord; rows: CsvRecord[] } {
  const [header, ...rows] = parseCsv(text, source, sniffDelimiter(text));
  if (!header) throw new InputError(source, 1, undefined, "file is empty");
  for (const { fields, line } of rows) {
    if (fields.length !== header.fields.length)
      throw new InputError(
        source,
        line,
        undefined,
        `expected ${header.fields.length} fields (as in the header), found ${fields.length}`,
      );
  }
  return { header, rows };
}

function csvInputError(source: string, problem: CsvProblem): InputError {
  const detail =
    problem.kind === "unterminated-quote"
      ? "unterminated quoted field"
      : `unexpected "${problem.text}" after a closing quote (quote the whole field and double inner quotes)`;
  return new InputError(source, problem.line, problem.column, detail);
}

/** Tab when the first line has tabs and no commas (TSV exports), else comma. O(first line). */
export function sniffDelimiter(text: string): string {
  const end = text.indexOf("\n");
  const firstLine = end < 0 ? text : text.slice(0, end);
  return firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
}

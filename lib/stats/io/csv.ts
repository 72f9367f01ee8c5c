import { InputError } from "./text-position";

/** One parsed record with the line each field starts on (for error messages). */
export interface CsvRecord {
  fields: string[];
  /** 1-based line of the record's first character. */
  line: number;
}

/**
 * RFC 4180 CSV parser: fields separated by `delimiter`, optionally in double quotes, "" inside
 * quotes is a quote, quoted fields may hold delimiters and line breaks; CRLF or LF line ends;
 * a leading UTF-8 BOM is dropped; blank lines are skipped.
 * Errors (an unterminated quote, text after a closing quote) name line and column.
 * Reference: RFC 4180, "Common Format and MIME Type for CSV Files" (2005).
 * Complexity: O(length of text).
 */
export function parseCsv(text: string, source: string, delimiter = ","): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i;
  let fields: string[] = [];
  let recordLine = 1;
  let field = "";
  let atFieldStart = true;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "")) records.push({ fields, line: recordLine });
    fields = [];
    field = "";
    atFieldStart = true;
  };
  while (i < text.length) {
    const ch = text[i];
    if (atFieldStart && fields.length === 0) recordLine = line;
    if (atFieldStart && ch === '"') {
      const quoteLine = line,
        quoteColumn = i - lineStart + 1;
      i++;
      for (;;) {
        if (i >= text.length) throw new InputError(source, quoteLine, quoteColumn, "unterminated quoted field");
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === "\n") {
          line++;
          lineStart = i + 1;
        }
        field += c;
        i++;
      }
      const next = text[i];
      if (i < text.length && next !== delimiter && next !== "\n" && next !== "\r")
        throw new InputError(
          source,
          line,
          i - lineStart + 1,
          `unexpected "${next}" after a closing quote (quote the whole field and double inner quotes)`,
        );
      atFieldStart = false;
      continue;
    }
    if (ch === delimiter) {
      fields.push(field);
      field = "";
      atFieldStart = true;
      i++;
    } else if (ch === "\n" || ch === "\r") {
      endRecord();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      lineStart = i;
    } else {
      field += ch;
      atFieldStart = false;
      i++;
    }
  }
  if (field !== "" || fields.length > 0) endRecord();
  return records;
}

/** Tab when the first line has tabs and no commas (TSV exports), else comma. O(first line). */
export function sniffDelimiter(text: string): string {
  const end = text.indexOf("\n");
  const firstLine = end < 0 ? text : text.slice(0, end);
  return firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
}

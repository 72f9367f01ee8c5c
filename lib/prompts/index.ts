/**
 * # Prompt files → prompts + import report (no database here)
 *
 * The one call the import use case needs:
 *
 * ```ts
 * const { prompts, report } = await parsePromptFile({
 *   fileName: "PartiPrompts.tsv",
 *   stream: fs.createReadStream(path),   // any AsyncIterable<Uint8Array>
 *   format: undefined,                   // "tsv" | "csv" | "jsonl" | "txt"; default: detected
 *   maxLength: 2000,                     // longest prompt, in characters (code points)
 * });
 * if (!report.ok) { show report.issues; write nothing }   // all-or-nothing
 * ```
 *
 * **Formats** (parse/): PartiPrompts-style TSV (header `Prompt, Category, Challenge, Note`, no
 * quoting); CSV with a header (`prompt` or `text`, optional `id, category, challenge, note`, any
 * order and case; BOM, CRLF, RFC 4180 quotes incl. commas, `""` and newlines); JSON Lines
 * (`{prompt|text, id?, category?, challenge?, note?}`); TXT (one prompt a line). `detectFormat`
 * explains how the format is chosen when none is given.
 *
 * **Streaming**: bytes are decoded line by line and parsed record by record; only the accepted
 * prompts are held (once), plus a hash → line map for duplicate detection.
 *
 * **Issues** (issues.ts) carry `{ line, field?, code, severity, message, firstLine? }`; line is
 * the 1-based physical line where the record starts. Errors block the import:
 * missing-prompt-column, duplicate-column, wrong-field-count, unterminated-quote,
 * malformed-quotes, bad-json, invalid-field-type, invalid-utf8, unsupported-encoding,
 * prompt-too-long, duplicate-id, invalid-id, no-prompts. Warnings don't: empty-prompt (row
 * skipped), duplicate-prompt (kept once, names the first line), unknown-column (listed once).
 * The report keeps the first 1,000 errors and 1,000 warnings and counts the rest.
 *
 * **Ids** (prompt-id.ts): an `id` column is kept; otherwise `p_` + 16 hex of SHA-256 of the
 * normalised text, so the same prompt has the same id in every file.
 *
 * **Subsets** (subset-spec.ts, sample.ts): validate a spec with `parseSubsetSpec`, then
 * `sampleSubset(prompts, spec)` and `previewCounts(prompts, spec)`.
 *
 * An I/O failure of the stream itself (file vanished, disk error) is thrown, not reported.
 */
import { makeIssue } from "./issues";
import { detectFormat, parsePromptRows } from "./parse";
import { peekBytes } from "./parse/peek";
import { IssueCollector, type ImportReport } from "./report";
import type { ByteChunks, ParsedPrompt, PromptFormat } from "./types";
import { validatePromptRows } from "./validate";

export {
  PROMPT_FORMATS,
  type ByteChunks,
  type ParsedPrompt,
  type ParseEvent,
  type PromptFormat,
  type PromptRow,
} from "./types";
export { ISSUE_SEVERITY, formatIssue, type ImportIssue, type IssueCode, type IssueSeverity } from "./issues";
export { DEFAULT_MAX_ISSUES, type ImportReport } from "./report";
export { DEFAULT_MAX_PROMPT_LENGTH, validatePromptRows, type ValidateOptions, type ValidationResult } from "./validate";
export { DERIVED_ID_PREFIX, derivePromptId, normalisePromptText } from "./prompt-id";
export { detectFormat, parsePromptRows } from "./parse";
export {
  parseSubsetSpec,
  subsetSpecSchema,
  type SubsetSpec,
  type SubsetSpecError,
  type SubsetSpecInput,
} from "./subset-spec";
export { previewCounts, sampleSubset, type CategoryPreview, type SamplablePrompt, type SubsetPreview } from "./sample";

export interface ParsePromptFileInput {
  /** Shown in messages and used for format detection. */
  fileName: string;
  stream: ByteChunks;
  /** Skip detection and read the file as this format. */
  format?: PromptFormat;
  /** Longest prompt accepted, in characters. Default 2,000. */
  maxLength?: number;
  /** Errors and warnings kept in the report, each. Default 1,000. */
  maxIssues?: number;
}

/** Bytes read before choosing a format: enough for a long header line. */
const SNIFF_BYTES = 8192;

export async function parsePromptFile(
  input: ParsePromptFileInput,
): Promise<{ prompts: ParsedPrompt[]; report: ImportReport }> {
  const { head, rest, close } = await peekBytes(input.stream, SNIFF_BYTES);
  const format = input.format ?? detectFormat(input.fileName, head);
  const formatSource = input.format ? "option" : "detected";

  const encoding = unsupportedEncoding(head);
  if (encoding) {
    await close();
    const issues = new IssueCollector(1);
    issues.add(makeIssue("unsupported-encoding", 1, `the file is ${encoding}; save it as UTF-8 and import again`));
    return { prompts: [], report: buildReport(input.fileName, format, formatSource, issues, 0, 0, 0) };
  }

  const result = await validatePromptRows(parsePromptRows(rest, format), {
    maxLength: input.maxLength,
    maxIssues: input.maxIssues,
  });
  return {
    prompts: result.prompts,
    report: buildReport(
      input.fileName,
      format,
      formatSource,
      result.issues,
      result.rowsRead,
      result.prompts.length,
      result.skipped,
    ),
  };
}

/** Byte-order marks of encodings we do not read; without this they surface as invalid UTF-8. */
function unsupportedEncoding(head: Uint8Array): string | undefined {
  if (head[0] === 0xff && head[1] === 0xfe)
    return head[2] === 0 && head[3] === 0 ? "UTF-32 (little-endian)" : "UTF-16 (little-endian)";
  if (head[0] === 0xfe && head[1] === 0xff) return "UTF-16 (big-endian)";
  if (head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff) return "UTF-32 (big-endian)";
  return undefined;
}

function buildReport(
  fileName: string,
  format: PromptFormat,
  formatSource: ImportReport["formatSource"],
  issues: IssueCollector,
  rowsRead: number,
  accepted: number,
  skipped: number,
): ImportReport {
  return {
    fileName,
    format,
    formatSource,
    ok: issues.errorCount === 0,
    rowsRead,
    accepted,
    skipped,
    errorCount: issues.errorCount,
    warningCount: issues.warningCount,
    issues: issues.issues(),
    issuesOmitted: issues.omitted(),
  };
}

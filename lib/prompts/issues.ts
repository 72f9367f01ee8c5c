/**
 * Every problem an import can report, with its severity.
 *
 * Errors block the import (the DB layer writes nothing when any error exists); warnings are
 * shown but the import goes ahead. The split follows one rule: a warning is only used where the
 * outcome is unambiguous (an empty row is skipped, a duplicate kept once, an unknown column
 * ignored); anything where we would have to guess what the researcher meant is an error.
 */
export const ISSUE_SEVERITY = {
  // Errors: the file cannot be read as the researcher intended.
  "missing-prompt-column": "error",
  "duplicate-column": "error",
  "wrong-field-count": "error",
  "unterminated-quote": "error",
  "malformed-quotes": "error",
  "bad-json": "error",
  "invalid-field-type": "error",
  "invalid-utf8": "error",
  "unsupported-encoding": "error",
  "prompt-too-long": "error",
  "duplicate-id": "error",
  "invalid-id": "error",
  "no-prompts": "error",
  // Warnings: the outcome is clear, the researcher should still know.
  "empty-prompt": "warning",
  "duplicate-prompt": "warning",
  "unknown-column": "warning",
} as const;

export type IssueCode = keyof typeof ISSUE_SEVERITY;
export type IssueSeverity = "error" | "warning";

export interface ImportIssue {
  /** 1-based physical line; 1 for problems with the header or the file as a whole. */
  line: number;
  /** Column (CSV/TSV header name) or key (JSONL) concerned, when there is one. */
  field?: string;
  code: IssueCode;
  severity: IssueSeverity;
  message: string;
  /** For duplicates: the line where the first occurrence was read. */
  firstLine?: number;
}

export function makeIssue(
  code: IssueCode,
  line: number,
  message: string,
  extra: { field?: string; firstLine?: number } = {},
): ImportIssue {
  const issue: ImportIssue = { line, code, severity: ISSUE_SEVERITY[code], message };
  if (extra.field !== undefined) issue.field = extra.field;
  if (extra.firstLine !== undefined) issue.firstLine = extra.firstLine;
  return issue;
}

/** One line for a terminal or a log: `prompts.csv:12: error [wrong-field-count] …`. */
export function formatIssue(fileName: string, issue: ImportIssue): string {
  const field = issue.field ? ` (${issue.field})` : "";
  return `${fileName}:${issue.line}: ${issue.severity} [${issue.code}]${field} ${issue.message}`;
}

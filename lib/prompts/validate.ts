import { makeIssue } from "./issues";
import { derivePromptId, externalIdProblem } from "./prompt-id";
import { DEFAULT_MAX_ISSUES, IssueCollector } from "./report";
import type { ParsedPrompt, ParseEvent, PromptRow } from "./types";

export const DEFAULT_MAX_PROMPT_LENGTH = 2000;

export interface ValidateOptions {
  /** Longest prompt accepted, in Unicode code points. Default 2,000. */
  maxLength?: number;
  /** Errors and warnings kept in the report, each. Default 1,000. */
  maxIssues?: number;
}

export interface ValidationResult {
  prompts: ParsedPrompt[];
  issues: IssueCollector;
  rowsRead: number;
  skipped: number;
}

/**
 * Consumes a parser's events and decides what is imported.
 *
 * Per row, in order: empty text → warning, skipped; longer than maxLength → error;
 * same normalised text as an earlier row → warning naming the first line, kept once;
 * an unusable id or an id already taken by another prompt → error. Parser issues pass through.
 * When nothing at all was accepted and nothing else went wrong, the file is reported empty.
 * Memory: the accepted prompts plus two small maps (text hash → line, id → line).
 */
export async function validatePromptRows(
  events: AsyncIterable<ParseEvent>,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  const maxLength = options.maxLength ?? DEFAULT_MAX_PROMPT_LENGTH;
  const issues = new IssueCollector(options.maxIssues ?? DEFAULT_MAX_ISSUES);
  const prompts: ParsedPrompt[] = [];
  const lineOfText = new Map<string, number>();
  const lineOfId = new Map<string, number>();
  let rowsRead = 0;
  let skipped = 0;

  for await (const event of events) {
    if (event.kind === "issue") {
      issues.add(event.issue);
      continue;
    }
    rowsRead++;
    const prompt = checkRow(event, maxLength, lineOfText, lineOfId, issues);
    if (prompt) prompts.push(prompt);
    else skipped++;
  }

  if (prompts.length === 0 && issues.errorCount === 0) {
    issues.add(
      makeIssue(
        "no-prompts",
        1,
        rowsRead === 0 ? "the file contains no prompts" : "no prompt in the file could be accepted",
      ),
    );
  }
  return { prompts, issues, rowsRead, skipped };
}

function checkRow(
  row: PromptRow,
  maxLength: number,
  lineOfText: Map<string, number>,
  lineOfId: Map<string, number>,
  issues: IssueCollector,
): ParsedPrompt | undefined {
  const { line } = row;
  const text = row.text.trim();
  if (text === "") {
    issues.add(makeIssue("empty-prompt", line, "the prompt is empty; row skipped", { field: "prompt" }));
    return undefined;
  }
  // .length counts UTF-16 units, never fewer than code points: only count exactly when it may matter.
  if (text.length > maxLength) {
    const codePoints = [...text].length;
    if (codePoints > maxLength) {
      issues.add(
        makeIssue("prompt-too-long", line, `the prompt is ${codePoints} characters; the limit is ${maxLength}`, {
          field: "prompt",
        }),
      );
      return undefined;
    }
  }
  const textId = derivePromptId(text);
  const firstTextLine = lineOfText.get(textId);
  if (firstTextLine !== undefined) {
    issues.add(
      makeIssue("duplicate-prompt", line, `same prompt as line ${firstTextLine}; kept once`, {
        field: "prompt",
        firstLine: firstTextLine,
      }),
    );
    return undefined;
  }
  lineOfText.set(textId, line);

  const id = row.externalId ?? textId;
  if (row.externalId !== undefined) {
    const problem = externalIdProblem(row.externalId);
    if (problem) {
      issues.add(makeIssue("invalid-id", line, problem, { field: "id" }));
      return undefined;
    }
  }
  const firstIdLine = lineOfId.get(id);
  if (firstIdLine !== undefined) {
    issues.add(
      makeIssue("duplicate-id", line, `id "${id}" is already used by a different prompt on line ${firstIdLine}`, {
        field: "id",
        firstLine: firstIdLine,
      }),
    );
    return undefined;
  }
  lineOfId.set(id, line);

  const prompt: ParsedPrompt = { id, idSource: row.externalId !== undefined ? "column" : "text", text, line };
  if (row.category !== undefined) prompt.category = row.category;
  if (row.challenge !== undefined) prompt.challenge = row.challenge;
  if (row.note !== undefined) prompt.note = row.note;
  return prompt;
}

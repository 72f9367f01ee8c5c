import { makeIssue, type ImportIssue } from "../issues";
import type { ParseEvent, PromptRow } from "../types";
import { invalidUtf8Issue, type DecodedLine } from "./byte-lines";

const KNOWN_KEYS = new Set(["prompt", "text", "id", "category", "challenge", "note"]);
const OPTIONAL_KEYS = ["category", "challenge", "note"] as const;

/**
 * JSON Lines: one object per line, `{prompt|text, id?, category?, challenge?, note?}`.
 * `prompt` wins over `text` when both are present (then `text` counts as an unknown key).
 * `id` may be a string or an integer; optional keys may be null. Unknown keys are warned about
 * once each, at the first line they appear on.
 */
export async function* parseJsonl(lines: AsyncIterable<DecodedLine>): AsyncGenerator<ParseEvent> {
  const warnedKeys = new Set<string>();
  for await (const { line, text, invalidUtf8 } of lines) {
    if (invalidUtf8) {
      yield issue(invalidUtf8Issue(line));
      continue;
    }
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield issue(makeIssue("bad-json", line, `not valid JSON: ${(error as Error).message}`));
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      const what = Array.isArray(value)
        ? "an array (a JSON array file is not JSON Lines: write one object per line)"
        : JSON.stringify(value);
      yield issue(makeIssue("bad-json", line, `expected a JSON object, found ${what}`));
      continue;
    }
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const unknown = !KNOWN_KEYS.has(key) || (key === "text" && "prompt" in object);
      if (unknown && !warnedKeys.has(key)) {
        warnedKeys.add(key);
        yield issue(
          makeIssue(
            "unknown-column",
            line,
            `key "${key}" is not used (known: prompt or text, id, category, challenge, note)`,
            { field: key },
          ),
        );
      }
    }
    const result = rowFromObject(object, line);
    if ("problems" in result) for (const p of result.problems) yield issue(p);
    else yield { kind: "row", ...result.row };
  }
}

function rowFromObject(
  object: Record<string, unknown>,
  line: number,
): { row: PromptRow } | { problems: ImportIssue[] } {
  const problems: ImportIssue[] = [];
  const promptKey = "prompt" in object ? "prompt" : "text" in object ? "text" : undefined;
  if (promptKey === undefined) {
    return {
      problems: [makeIssue("missing-prompt-column", line, 'object has no "prompt" or "text" key', { field: "prompt" })],
    };
  }
  const text = object[promptKey];
  if (typeof text !== "string") problems.push(wrongType(line, promptKey, "a string", text));
  const row: PromptRow = { line, text: typeof text === "string" ? text : "" };

  const id = object.id;
  if (typeof id === "string" || (typeof id === "number" && Number.isSafeInteger(id))) {
    const trimmed = String(id).trim();
    if (trimmed !== "") row.externalId = trimmed;
  } else if (id !== undefined && id !== null) {
    problems.push(wrongType(line, "id", "a string or an integer", id));
  }

  for (const key of OPTIONAL_KEYS) {
    const v = object[key];
    if (typeof v === "string") {
      const trimmed = v.trim();
      if (trimmed !== "") row[key] = trimmed;
    } else if (v !== undefined && v !== null) {
      problems.push(wrongType(line, key, "a string or null", v));
    }
  }
  return problems.length > 0 ? { problems } : { row };
}

function wrongType(line: number, field: string, expected: string, value: unknown): ImportIssue {
  const found = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
  return makeIssue("invalid-field-type", line, `"${field}" must be ${expected}, found ${found}`, { field });
}

function issue(i: ImportIssue): ParseEvent {
  return { kind: "issue", issue: i };
}

import { jsonErrorOffset } from "./json-syntax";
import { InputError, lineColumnAt } from "./text-position";

/**
 * Parses a JSON array — or JSON Lines, one object per line — and returns each element with the
 * offset where it starts, so that later validation errors can name a line and column.
 * JSON syntax errors are reported with line and column from the parser's position.
 * Complexity: O(length of text).
 */
export function parseJsonElements(text: string, source: string): { value: unknown; offset: number }[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = body.search(/\S/);
  if (first < 0) throw new InputError(source, 1, 1, "file is empty");
  if (body[first] === "{") return parseJsonLines(body, source);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    throw syntaxError(body, source, e, 0);
  }
  if (!Array.isArray(value)) {
    const { line, column } = lineColumnAt(body, first);
    throw new InputError(source, line, column, "expected a JSON array of objects (or JSON Lines)");
  }
  const offsets = topLevelElementOffsets(body, first);
  return value.map((v, i) => ({ value: v, offset: offsets[i] ?? first }));
}

function parseJsonLines(body: string, source: string): { value: unknown; offset: number }[] {
  const out: { value: unknown; offset: number }[] = [];
  let offset = 0;
  for (const line of body.split("\n")) {
    if (line.trim() !== "") {
      try {
        out.push({ value: JSON.parse(line), offset });
      } catch (e) {
        throw syntaxError(body, source, e, offset);
      }
    }
    offset += line.length + 1;
  }
  return out;
}

function syntaxError(body: string, source: string, e: unknown, base: number): InputError {
  const message = e instanceof Error ? e.message.replace(/, ".*" is not valid JSON$/s, "") : String(e);
  const end = body.indexOf("\n", base);
  const offset = jsonErrorOffset(base === 0 ? body : body.slice(base, end < 0 ? undefined : end));
  const { line, column } = lineColumnAt(body, base + Math.max(0, offset));
  return new InputError(source, line, offset >= 0 ? column : undefined, `invalid JSON: ${message}`);
}

/** Offsets where the elements of the top-level array starting at `start` begin. O(n). */
function topLevelElementOffsets(text: string, start: number): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let expectValue = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      if (depth === 1 && expectValue) {
        offsets.push(i);
        expectValue = false;
      }
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      continue;
    }
    if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t") continue;
    if (depth === 1 && expectValue && ch !== "]") {
      offsets.push(i);
      expectValue = false;
    }
    if (ch === "[" || ch === "{") {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (ch === "]" || ch === "}") depth--;
    else if (ch === "," && depth === 1) expectValue = true;
  }
  return offsets;
}

/**
 * JSON request-body templates for inference servers, e.g.
 *   {"prompt": "{prompt}", "seed": {seed}, "size": "{width}x{height}"}
 * A placeholder that is a whole JSON string (or a bare placeholder outside quotes) becomes a typed
 * value (seed is a number, prompt a string); inside a longer string it is interpolated. The body is
 * produced with JSON.stringify, so a prompt with quotes, backslashes or newlines can never break
 * or inject into the JSON. `{aspect_ratio}` is the width:height ratio nearest to the requested size
 * among those services such as Stability accept (aspectRatioOf).
 */
export const TEMPLATE_PLACEHOLDERS = [
  "prompt",
  "negative_prompt",
  "seed",
  "width",
  "height",
  "steps",
  "guidance",
  "aspect_ratio",
] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];
export type TemplateValues = Record<TemplatePlaceholder, string | number>;

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const WHOLE_PLACEHOLDER = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

export type BodyTemplate = string | Record<string, unknown>;

/** Parse a template into a JSON value, or throw an Error whose message says what is wrong. */
export function parseBodyTemplate(template: BodyTemplate): unknown {
  const value = typeof template === "string" ? JSON.parse(quoteBarePlaceholders(template)) : template;
  const unknown = [...new Set(placeholdersIn(value))].filter(
    (p) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(p),
  );
  if (unknown.length) {
    throw new Error(
      `unknown placeholder ${unknown.map((u) => `{${u}}`).join(", ")}; allowed: ${TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(" ")}`,
    );
  }
  return value;
}

export function templateUses(parsed: unknown, name: TemplatePlaceholder): boolean {
  return placeholdersIn(parsed).includes(name);
}

export function renderBody(parsed: unknown, values: TemplateValues): string {
  return JSON.stringify(substitute(parsed, values));
}

/** The template with its placeholders filled, as a value (for bodies that are not JSON text). */
export function renderValue(parsed: unknown, values: TemplateValues): unknown {
  return substitute(parsed, values);
}

function substitute(value: unknown, values: TemplateValues): unknown {
  if (typeof value === "string") {
    const whole = WHOLE_PLACEHOLDER.exec(value);
    if (whole) return values[whole[1] as TemplatePlaceholder];
    return value.replace(PLACEHOLDER, (_, name: string) => String(values[name as TemplatePlaceholder]));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, values));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, values)]));
  }
  return value;
}

function placeholdersIn(value: unknown): string[] {
  if (typeof value === "string") return [...value.matchAll(PLACEHOLDER)].map((m) => m[1]);
  if (Array.isArray(value)) return value.flatMap(placeholdersIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(placeholdersIn);
  return [];
}

/**
 * `{"seed": {seed}}` is not JSON; wrap bare placeholders outside string literals in quotes so the
 * template parses, and the whole-string rule above turns them back into typed values.
 */
function quoteBarePlaceholders(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (ch === "\\") out += text[++i] ?? "";
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    const bare = /^\{[A-Za-z_][A-Za-z0-9_]*\}/.exec(text.slice(i));
    if (ch === "{" && bare) {
      out += `"${bare[0]}"`;
      i += bare[0].length - 1;
      continue;
    }
    out += ch;
  }
  return out;
}

/** Ratios that services taking an aspect ratio instead of a size accept (Stability's list). */
export const ASPECT_RATIOS = ["21:9", "16:9", "3:2", "5:4", "1:1", "4:5", "2:3", "9:16", "9:21"] as const;

/** The accepted ratio nearest to width:height (compared on a log scale, so 2:1 and 1:2 are alike far from 1:1). */
export function aspectRatioOf(width: number, height: number): (typeof ASPECT_RATIOS)[number] {
  const target = Math.log(width / height);
  const distance = (r: string) => {
    const [w, h] = r.split(":").map(Number);
    return Math.abs(Math.log(w / h) - target);
  };
  return ASPECT_RATIOS.reduce((best, r) => (distance(r) < distance(best) ? r : best));
}

import { makeIssue, type ImportIssue } from "../issues";
import type { PromptRow } from "../types";

export type KnownField = "prompt" | "id" | "category" | "challenge" | "note";

/** Header names we understand (compared trimmed and lower-cased) and the field each fills. */
const HEADER_ALIASES: Record<string, KnownField> = {
  prompt: "prompt",
  text: "prompt",
  id: "id",
  category: "category",
  challenge: "challenge",
  note: "note",
  notes: "note",
};

export interface ColumnLayout {
  /** Header cells as written, for messages. */
  names: string[];
  /** Column index of each known field present. */
  index: Partial<Record<KnownField, number>>;
}

/**
 * Reads a CSV/TSV header. Returns the layout, or no layout plus a fatal issue when the file
 * cannot be read as intended (no prompt column, a column named twice). Unknown columns are
 * warnings, listed once here rather than on every row.
 */
export function mapHeader(
  names: string[],
  line: number,
  delimiterName: "comma" | "tab",
): { layout?: ColumnLayout; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const index: ColumnLayout["index"] = {};
  const seen = new Map<string, number>();
  const unknown: number[] = [];

  names.forEach((raw, i) => {
    const key = raw.trim().toLowerCase();
    if (key === "") {
      unknown.push(i);
      return;
    }
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      issues.push(
        makeIssue(
          "duplicate-column",
          line,
          `column "${raw.trim()}" appears twice (columns ${earlier + 1} and ${i + 1})`,
          {
            field: raw.trim(),
          },
        ),
      );
      return;
    }
    seen.set(key, i);
    const field = HEADER_ALIASES[key];
    // "text" only names the prompt when there is no "prompt" column; otherwise it is just data.
    if (field === undefined || (key === "text" && names.some((n) => n.trim().toLowerCase() === "prompt"))) {
      unknown.push(i);
    } else if (index[field] === undefined) {
      index[field] = i;
    } else {
      unknown.push(i); // e.g. both "note" and "notes": the first one wins
    }
  });

  if (index.prompt === undefined) {
    issues.push(
      makeIssue("missing-prompt-column", line, missingPromptMessage(names, delimiterName), { field: "prompt" }),
    );
  }
  if (issues.length > 0) return { issues };

  for (const i of unknown) {
    const name = names[i].trim() || `(unnamed column ${i + 1})`;
    issues.push(
      makeIssue(
        "unknown-column",
        line,
        `column "${name}" is not used (known: prompt or text, id, category, challenge, note)`,
        { field: name },
      ),
    );
  }
  return { layout: { names, index }, issues };
}

function missingPromptMessage(names: string[], delimiterName: "comma" | "tab"): string {
  const shown = names.map((n) => `"${n}"`).join(", ");
  let hint = "";
  if (names.length === 1 && delimiterName === "tab" && names[0].includes(","))
    hint = " — the header has commas but no tabs: is this a CSV file? (use format csv)";
  if (names.length === 1 && delimiterName === "comma" && names[0].includes("\t"))
    hint = " — the header has tabs but no commas: is this a TSV file? (use format tsv)";
  if (names.length === 1 && names[0].includes(";"))
    hint = " — the header is separated by semicolons: save the file as CSV with commas (Excel: “CSV UTF-8”)";
  return `the header has no "prompt" or "text" column (found ${shown})${hint}`;
}

/** Builds a row from one record's fields; empty optional cells become absent. */
export function rowFromFields(fields: string[], layout: ColumnLayout, line: number): PromptRow {
  const { index } = layout;
  const row: PromptRow = { line, text: fields[index.prompt!] };
  const id = optional(fields, index.id);
  if (id !== undefined) row.externalId = id;
  const category = optional(fields, index.category);
  if (category !== undefined) row.category = category;
  const challenge = optional(fields, index.challenge);
  if (challenge !== undefined) row.challenge = challenge;
  const note = optional(fields, index.note);
  if (note !== undefined) row.note = note;
  return row;
}

function optional(fields: string[], i: number | undefined): string | undefined {
  if (i === undefined) return undefined;
  const value = fields[i].trim();
  return value === "" ? undefined : value;
}

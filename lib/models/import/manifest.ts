import path from "node:path";
import { parseCsv, type CsvRecord } from "../../stats/io/csv";
import { InputError } from "../../stats/io/text-position";

/** One row of a manifest: which prompt (by id or by text), which seed, which file. */
export interface ManifestEntry {
  line: number;
  promptId?: string;
  promptText?: string;
  seed?: number;
  /** Path as written in the manifest, relative to the manifest's folder. */
  file: string;
}

export interface ManifestIssue {
  line: number;
  reason: string;
}

export const MANIFEST_EXTENSIONS = [".csv", ".tsv", ".jsonl", ".ndjson"] as const;

const COLUMN_ALIASES: Record<"promptId" | "promptText" | "seed" | "file", string[]> = {
  promptId: ["prompt_id", "promptid", "id"],
  promptText: ["prompt", "prompt_text", "text", "caption"],
  seed: ["seed"],
  file: ["file", "path", "file_path", "image", "filename"],
};

/** Parse a CSV/TSV/JSONL manifest. Never throws for bad content: problems come back with their line. */
export function parseManifest(text: string, fileName: string): { entries: ManifestEntry[]; issues: ManifestIssue[] } {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === ".jsonl" || ext === ".ndjson") return parseJsonl(text);
  if (ext === ".csv" || ext === ".tsv") return parseDelimited(text, ext === ".tsv" ? "\t" : ",");
  return {
    entries: [],
    issues: [{ line: 0, reason: `unsupported manifest type "${ext}" (use ${MANIFEST_EXTENSIONS.join(", ")})` }],
  };
}

function parseDelimited(text: string, delimiter: string) {
  const entries: ManifestEntry[] = [];
  const issues: ManifestIssue[] = [];
  const records = readRecords(text, delimiter, issues);
  const [header, ...rows] = records;
  if (!header) return { entries, issues: [...issues, { line: 1, reason: "manifest is empty" }] };
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const col = (key: keyof typeof COLUMN_ALIASES) => names.findIndex((n) => COLUMN_ALIASES[key].includes(n));
  const idx = { promptId: col("promptId"), promptText: col("promptText"), seed: col("seed"), file: col("file") };
  if (idx.file < 0 || (idx.promptId < 0 && idx.promptText < 0)) {
    issues.push({
      line: header.line,
      reason: `header needs a file column (${COLUMN_ALIASES.file.join("/")}) and a prompt_id or prompt column; found: ${names.join(", ")}`,
    });
    return { entries, issues };
  }
  for (const row of rows) {
    const get = (i: number) => (i >= 0 ? row.fields[i]?.trim() : undefined) || undefined;
    const entry = toEntry(row.line, {
      promptId: get(idx.promptId),
      promptText: get(idx.promptText),
      seed: get(idx.seed),
      file: get(idx.file),
    });
    if ("reason" in entry) issues.push(entry);
    else entries.push(entry);
  }
  return { entries, issues };
}

function parseJsonl(text: string) {
  const entries: ManifestEntry[] = [];
  const issues: ManifestIssue[] = [];
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      if (!raw.trim()) return;
      let obj: unknown;
      try {
        obj = JSON.parse(raw);
      } catch (err) {
        issues.push({ line, reason: `not valid JSON: ${(err as Error).message}` });
        return;
      }
      if (!obj || typeof obj !== "object" || Array.isArray(obj)) {
        issues.push({ line, reason: "expected a JSON object" });
        return;
      }
      const lower = Object.fromEntries(Object.entries(obj).map(([k, v]) => [k.toLowerCase(), v]));
      const pick = (key: keyof typeof COLUMN_ALIASES) => {
        const v = COLUMN_ALIASES[key].map((a) => lower[a]).find((x) => x !== undefined && x !== null && x !== "");
        return v === undefined ? undefined : String(v).trim();
      };
      const entry = toEntry(line, {
        promptId: pick("promptId"),
        promptText: pick("promptText"),
        seed: pick("seed"),
        file: pick("file"),
      });
      if ("reason" in entry) issues.push(entry);
      else entries.push(entry);
    });
  return { entries, issues };
}

function toEntry(
  line: number,
  raw: { promptId?: string; promptText?: string; seed?: string; file?: string },
): ManifestEntry | ManifestIssue {
  if (!raw.file) return { line, reason: "no file path" };
  if (!raw.promptId && !raw.promptText) return { line, reason: "no prompt_id or prompt" };
  if (path.isAbsolute(raw.file) || /^[a-z]:[\\/]/i.test(raw.file))
    return { line, reason: `file path "${raw.file}" must be relative to the manifest` };
  const normalized = path.posix.normalize(raw.file.replace(/\\/g, "/"));
  if (normalized === ".." || normalized.startsWith("../"))
    return { line, reason: `file path "${raw.file}" points outside the manifest's folder` };
  let seed: number | undefined;
  if (raw.seed !== undefined) {
    if (!/^\d+$/.test(raw.seed) || !Number.isSafeInteger(Number(raw.seed)))
      return { line, reason: `seed "${raw.seed}" is not a non-negative integer` };
    seed = Number(raw.seed);
  }
  return { line, promptId: raw.promptId, promptText: raw.promptText, seed, file: normalized };
}

/**
 * The records of a CSV/TSV manifest (lib/stats/io/csv.ts); lines of only spaces are blank. A
 * malformed file comes back as no records and an issue naming the line, beside the other problems.
 */
function readRecords(text: string, delimiter: string, issues: ManifestIssue[]): CsvRecord[] {
  try {
    return parseCsv(text, "manifest", delimiter).filter((r) => !(r.fields.length === 1 && r.fields[0].trim() === ""));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    issues.push({ line: error.line, reason: error.detail });
    return [];
  }
}

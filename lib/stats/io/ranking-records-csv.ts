import { MAX_RANKED, MIN_RANKED, type RankedItem, type RankingRecord } from "../ranking/rankings";
import { parseCsvTable } from "./csv";
import { ANNOTATOR_COLUMN, headerHas, IMAGE_COLUMN, resolveColumns } from "./columns";
import { InputError } from "./text-position";

/** Accepted header names (case, spaces and dashes ignored) for each field of a ranked image. */
const COLUMNS = {
  rankingId: ["ranking", "ranking_id"],
  promptId: ["prompt", "prompt_id"],
  slot: ["slot", "position"],
  model: ["model"],
  rank: ["rank"],
  imageId: IMAGE_COLUMN,
  annotatorId: ANNOTATOR_COLUMN,
  category: ["category"],
  flagged: ["flagged"],
} as const;

type Field = keyof typeof COLUMNS;
const REQUIRED: Field[] = ["rankingId", "promptId", "slot", "model", "rank"];

/** Whether a CSV header names a rankings file (ranking and rank columns). */
export function isRankingsHeader(firstLine: string): boolean {
  return headerHas(firstLine, COLUMNS.rankingId, COLUMNS.rank);
}

interface Building {
  line: number;
  record: RankingRecord & { items: RankedItem[] };
  slots: number[];
  flagged: boolean;
}

/**
 * Reads best-of-K rankings (Photogenic's rankings export, or any CSV/TSV with the same columns),
 * one row per ranked image: required ranking (its id), prompt, slot (1 = shown first), model and
 * rank (1 = best, equal ranks tie); optional image, annotator, category, and flagged (a ranking
 * whose rows say `true` is left out, as the campaign's results leave flagged annotators out).
 * Rankings come back in the order of their first row, items in slot order. The rows of one
 * ranking must agree on prompt, annotator, category and flagged, number its slots 1..K without a
 * gap and hold 2–6 images. Every problem names the file, line and (for one cell) column, 1-based.
 * Complexity: O(length of text).
 */
export function parseRankingRecordsCsv(
  text: string,
  source = "rankings.csv",
): { records: RankingRecord[]; flaggedLeftOut: number } {
  const { header, rows } = parseCsvTable(text, source);
  const col = resolveColumns(header, COLUMNS, REQUIRED, source);
  const byId = new Map<string, Building>();
  for (const { fields, line } of rows) {
    const get = (f: Field) => (col[f] >= 0 ? fields[col[f]].trim() : "");
    const fail = (f: Field, detail: string): never => {
      throw new InputError(source, line, col[f] + 1, `column ${header.fields[col[f]]}: ${detail}`);
    };
    for (const f of ["rankingId", "promptId", "model"] as const) if (get(f) === "") fail(f, "empty");
    const positive = (f: "slot" | "rank") => {
      const n = Number(get(f));
      if (get(f) === "" || !Number.isInteger(n) || n < 1) fail(f, `"${get(f)}" is not a whole number of 1 or more`);
      return n;
    };
    const slot = positive("slot");
    const rank = positive("rank");
    if (slot > MAX_RANKED) fail("slot", `${slot} is past the last slot (${MAX_RANKED})`);
    const flagged = /^true$/i.test(get("flagged"));
    const id = get("rankingId");
    let r = byId.get(id);
    if (!r) {
      const record: Building["record"] = { promptId: get("promptId"), items: [] };
      if (get("annotatorId")) record.annotatorId = get("annotatorId");
      if (get("category")) record.category = get("category");
      r = { line, record, slots: [], flagged };
      byId.set(id, r);
    } else {
      const same = (f: Field, kept: string | undefined) => {
        if (get(f) !== (kept ?? ""))
          fail(f, `"${get(f)}" differs from "${kept ?? ""}" on line ${r!.line} of ranking ${id}`);
      };
      same("promptId", r.record.promptId);
      same("annotatorId", r.record.annotatorId);
      same("category", r.record.category);
      if (flagged !== r.flagged) fail("flagged", `differs from line ${r.line} of ranking ${id}`);
      if (r.slots.includes(slot)) fail("slot", `slot ${slot} of ranking ${id} already given`);
    }
    const item: RankedItem = { model: get("model"), rank };
    if (get("imageId")) item.imageId = get("imageId");
    r.slots.push(slot);
    r.record.items.push(item);
  }
  const records: RankingRecord[] = [];
  let flaggedLeftOut = 0;
  for (const [id, r] of byId) {
    const K = r.slots.length;
    const where = (detail: string) => new InputError(source, r.line, undefined, `ranking ${id}: ${detail}`);
    if (K < MIN_RANKED || K > MAX_RANKED) throw where(`${K} images, a ranking has ${MIN_RANKED}–${MAX_RANKED}`);
    const missing = Array.from({ length: K }, (_, s) => s + 1).filter((s) => !r.slots.includes(s));
    if (missing.length > 0)
      throw where(`slots ${[...r.slots].sort((a, b) => a - b).join(", ")} leave out ${missing.join(", ")}`);
    const order = r.slots.map((_, i) => i).sort((a, b) => r.slots[a] - r.slots[b]);
    const record = { ...r.record, items: order.map((i) => r.record.items[i]) };
    if (r.flagged) flaggedLeftOut++;
    else records.push(record);
  }
  return { records, flaggedLeftOut };
}

import type { RatingRecord } from "../rating/rating-stats";
import { RATING_SCALES, type RatingScale, type ScaleKind } from "../rating/scales";
import { parseCsvTable } from "./csv";
import { ANNOTATOR_COLUMN, headerHas, IMAGE_COLUMN, resolveColumns } from "./columns";
import { InputError } from "./text-position";

/** Accepted header names (case, spaces and dashes ignored) for each field of a rating. */
const COLUMNS = {
  imageId: IMAGE_COLUMN,
  promptId: ["prompt", "prompt_id"],
  model: ["model"],
  aspect: ["aspect", "criterion"],
  scale: ["scale"],
  value: ["value", "rating", "score"],
  annotatorId: ANNOTATOR_COLUMN,
  category: ["category"],
  flagged: ["flagged"],
} as const;

type Field = keyof typeof COLUMNS;
const REQUIRED: Field[] = ["imageId", "promptId", "model", "aspect", "scale", "value"];

/** Whether a CSV header names a ratings file (aspect and value columns) rather than pairwise judgments. */
export function isRatingsHeader(firstLine: string): boolean {
  return headerHas(firstLine, COLUMNS.aspect, COLUMNS.value);
}

/**
 * Reads single-image ratings (Photogenic's ratings export, or any CSV/TSV with the same columns):
 * required image, prompt, model, aspect, scale (likert5, likert3 or yes-no) and value (on that
 * scale); optional annotator, category, and flagged (rows with `true` are left out, as the
 * campaign's results leave flagged annotators out). An aspect has one scale throughout.
 * Every problem names the file, line and column (1-based). Complexity: O(length of text).
 */
export function parseRatingRecordsCsv(
  text: string,
  source = "ratings.csv",
): { records: RatingRecord[]; scales: Record<string, RatingScale>; flaggedLeftOut: number } {
  const { header, rows } = parseCsvTable(text, source);
  const col = resolveColumns(header, COLUMNS, REQUIRED, source);
  const scales: Record<string, RatingScale> = {};
  const records: RatingRecord[] = [];
  let flaggedLeftOut = 0;
  for (const { fields, line } of rows) {
    const get = (f: Field) => (col[f] >= 0 ? fields[col[f]].trim() : "");
    const fail = (f: Field, detail: string): never => {
      throw new InputError(source, line, col[f] + 1, `column ${header.fields[col[f]]}: ${detail}`);
    };
    if (/^true$/i.test(get("flagged"))) {
      flaggedLeftOut++;
      continue;
    }
    for (const f of ["imageId", "promptId", "model", "aspect"] as const) if (get(f) === "") fail(f, "empty");
    const kind = get("scale") as ScaleKind;
    const scale =
      RATING_SCALES[kind] ?? fail("scale", `"${get("scale")}" is not one of ${Object.keys(RATING_SCALES).join(", ")}`);
    const aspect = get("aspect");
    if (scales[aspect] && scales[aspect].kind !== kind)
      fail("scale", `aspect "${aspect}" was on the ${scales[aspect].kind} scale in an earlier row`);
    scales[aspect] = scale;
    const raw = get("value");
    const value = Number(raw);
    if (raw === "" || !scale.values.includes(value))
      fail("value", `"${raw}" is not on the ${kind} scale (${scale.values.join(", ")})`);
    const record: RatingRecord = {
      imageId: get("imageId"),
      promptId: get("promptId"),
      model: get("model"),
      aspect,
      value,
    };
    if (get("annotatorId")) record.annotatorId = get("annotatorId");
    if (get("category")) record.category = get("category");
    records.push(record);
  }
  return { records, scales, flaggedLeftOut };
}

import type { CsvRecord } from "./csv";
import { InputError } from "./text-position";

/** The accepted names of the columns Photogenic's item exports share (ratings, rankings, curation manifest). */
export const IMAGE_COLUMN = ["image", "image_id"] as const;
export const ANNOTATOR_COLUMN = ["annotator", "annotator_id", "rater"] as const;

/** A header name as matched against accepted names: quotes, case, spaces and dashes ignored. */
export const normaliseColumn = (h: string) =>
  h
    .trim()
    .replace(/^"|"$/g, "")
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/** Whether a header line (comma or tab separated) has a column of every one of the accepted-name lists. */
export function headerHas(firstLine: string, ...wanted: readonly (readonly string[])[]): boolean {
  const names = firstLine.split(/[,\t]/).map(normaliseColumn);
  return wanted.every((accepted) => names.some((h) => accepted.includes(h)));
}

/**
 * The field index of each column (-1 when absent) from a header record; a missing required column
 * throws an InputError naming the header's line, the column and the columns found.
 */
export function resolveColumns<F extends string>(
  header: CsvRecord,
  columns: Readonly<Record<F, readonly string[]>>,
  required: readonly F[],
  source: string,
): Record<F, number> {
  const names = header.fields.map(normaliseColumn);
  const col = {} as Record<F, number>;
  for (const [field, accepted] of Object.entries(columns) as [F, readonly string[]][])
    col[field] = names.findIndex((h) => accepted.includes(h));
  for (const f of required)
    if (col[f] < 0)
      throw new InputError(
        source,
        header.line,
        undefined,
        `missing column ${columns[f][0]}; found: ${header.fields.join(", ")}`,
      );
  return col;
}

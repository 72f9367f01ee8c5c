import type { Rating } from "../agreement/rating-table";
import { parseCsvTable } from "./csv";
import { InputError } from "./text-position";

const ITEM = ["item", "unit", "item_id", "pair_id", "subject"];
const RATER = ["rater", "annotator", "annotator_id", "coder", "judge"];
const LABEL = ["label", "rating", "value", "category", "choice", "winner"];

/**
 * Reads long-format ratings (one row per item × rater): CSV or TSV with columns item, rater,
 * label (synonyms: unit/pair_id, annotator/coder, rating/value/choice). Empty labels are missing
 * ratings and are skipped. With `categories` (ordinal order) every label must be one of them.
 * Errors name line and column.
 * Complexity: O(length of text).
 */
export function parseLongRatings(text: string, source = "ratings.csv", categories?: readonly string[]): Rating[] {
  const { header: headerRecord, rows } = parseCsvTable(text, source);
  const header = headerRecord.fields.map((h) => h.trim().toLowerCase());
  const find = (names: string[], what: string) => {
    const i = header.findIndex((h) => names.includes(h));
    if (i < 0)
      throw new InputError(
        source,
        headerRecord.line,
        undefined,
        `missing column "${what}" (or ${names.slice(1).join(", ")}); found: ${headerRecord.fields.join(", ")}`,
      );
    return i;
  };
  const [ci, cr, cl] = [find(ITEM, "item"), find(RATER, "rater"), find(LABEL, "label")];
  const allowed = categories ? new Set(categories) : undefined;
  const out: Rating[] = [];
  for (const { fields, line } of rows) {
    const [item, rater, label] = [fields[ci].trim(), fields[cr].trim(), fields[cl].trim()];
    if (item === "") throw new InputError(source, line, ci + 1, "empty item");
    if (rater === "") throw new InputError(source, line, cr + 1, "empty rater");
    if (label === "") continue;
    if (allowed && !allowed.has(label))
      throw new InputError(
        source,
        line,
        cl + 1,
        `label "${label}" is not one of the ordinal categories ${[...allowed].join(", ")}`,
      );
    out.push({ item, rater, label });
  }
  return out;
}

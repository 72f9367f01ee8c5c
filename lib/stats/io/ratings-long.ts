import type { Rating } from "../agreement/rating-table";
import { parseCsv, sniffDelimiter } from "./csv";
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
  const records = parseCsv(text, source, sniffDelimiter(text));
  if (records.length === 0) throw new InputError(source, 1, undefined, "file is empty");
  const header = records[0].fields.map((h) => h.trim().toLowerCase());
  const find = (names: string[], what: string) => {
    const i = header.findIndex((h) => names.includes(h));
    if (i < 0)
      throw new InputError(
        source,
        records[0].line,
        undefined,
        `missing column "${what}" (or ${names.slice(1).join(", ")}); found: ${records[0].fields.join(", ")}`,
      );
    return i;
  };
  const [ci, cr, cl] = [find(ITEM, "item"), find(RATER, "rater"), find(LABEL, "label")];
  const allowed = categories ? new Set(categories) : undefined;
  const out: Rating[] = [];
  for (const { fields, line } of records.slice(1)) {
    if (fields.length !== header.length)
      throw new InputError(
        source,
        line,
        undefined,
        `expected ${header.length} fields (as in the header), found ${fields.length}`,
      );
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

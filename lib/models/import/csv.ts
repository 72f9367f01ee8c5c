import { parseCsv as parseCsvStrict, type CsvRecord } from "../../stats/io/csv";
import { InputError } from "../../stats/io/text-position";

export type { CsvRecord };

/**
 * RFC 4180 CSV records with the 1-based line where each starts, for import manifests: the one CSV
 * parser of lib/stats/io, with its error returned (line and reason) instead of thrown, so the
 * import report can list it beside the other problems.
 */
export function parseCsv(
  text: string,
  delimiter = ",",
): { records: CsvRecord[]; error?: { line: number; reason: string } } {
  try {
    return {
      records: parseCsvStrict(text, "manifest", delimiter).filter(
        (r) => !(r.fields.length === 1 && r.fields[0].trim() === ""),
      ),
    };
  } catch (error) {
    if (error instanceof InputError) return { records: [], error: { line: error.line, reason: error.detail } };
    throw error;
  }
}

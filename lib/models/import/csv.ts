/**
 * RFC 4180 CSV records (quoted fields, doubled quotes, newlines inside quotes), each with the
 * 1-based line where it starts, so errors can point at the right line of the researcher's file.
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export function parseCsv(text: string, delimiter = ","): { records: CsvRecord[]; error?: { line: number; reason: string } } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  const src = text.replace(/^\uFEFF/, ""); // Excel writes a BOM
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0].trim() === "")) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (inQuotes) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        inQuotes = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") {
      inQuotes = true;
    } else if (ch === delimiter) {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
  }
  if (inQuotes) return { records, error: { line: recordLine, reason: "unterminated quoted field" } };
  if (field !== "" || fields.length) endRecord();
  return { records };
}

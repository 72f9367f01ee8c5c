import type { PromptFormat } from "../types";

const BY_EXTENSION: Record<string, PromptFormat> = {
  tsv: "tsv",
  tab: "tsv",
  csv: "csv",
  jsonl: "jsonl",
  ndjson: "jsonl",
  // A .json file is usually one JSON array; reading it as JSON Lines yields a clear error on line 1.
  json: "jsonl",
};

const PROMPT_HEADERS = new Set(["prompt", "text"]);

/**
 * Picks a format from the file name and the first bytes (a few KiB are plenty).
 *
 * - `.tsv`/`.tab`, `.csv`, `.jsonl`/`.ndjson`/`.json`: the extension decides.
 * - `.txt`: plain text, unless the first line is a tab- or comma-separated header with a
 *   prompt/text column — Excel's "Text (Tab delimited)" export is a TSV saved as .txt.
 * - anything else: content decides — `{` or `[` first means JSON Lines, a header as above
 *   means TSV/CSV, otherwise plain text.
 * Callers that know better pass an explicit format instead of calling this.
 */
export function detectFormat(fileName: string, firstBytes: Uint8Array): PromptFormat {
  const extension = /\.([^./\\]+)$/.exec(fileName.toLowerCase())?.[1] ?? "";
  const byExtension = BY_EXTENSION[extension];
  if (byExtension) return byExtension;

  const head = new TextDecoder("utf-8", { fatal: false }).decode(firstBytes).replace(/^\s+/, "");
  const firstLine = head.split(/\r?\n/, 1)[0] ?? "";
  const delimited = sniffDelimitedHeader(firstLine);
  if (extension === "txt") return delimited ?? "txt";
  if (head.startsWith("{") || head.startsWith("[")) return "jsonl";
  return delimited ?? "txt";
}

function sniffDelimitedHeader(firstLine: string): "tsv" | "csv" | undefined {
  if (firstLine.includes("\t") && hasPromptHeader(firstLine.split("\t"))) return "tsv";
  if (firstLine.includes(",") && hasPromptHeader(firstLine.split(","))) return "csv";
  return undefined;
}

function hasPromptHeader(cells: string[]): boolean {
  return cells.some((cell) =>
    PROMPT_HEADERS.has(
      cell
        .trim()
        .replace(/^"(.*)"$/, "$1")
        .trim()
        .toLowerCase(),
    ),
  );
}

import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { IssueCode } from "./issues";
import { fixture, parseFile } from "./test-helpers";

interface Expected {
  code: IssueCode;
  line: number;
  field?: string;
  firstLine?: number;
}

/** Every file in tests/fixtures/prompts/ and the one error that must block its import. */
const BLOCKED: Record<string, Expected> = {
  "csv-missing-prompt-column.csv": { code: "missing-prompt-column", line: 1, field: "prompt" },
  "csv-wrong-field-count.csv": { code: "wrong-field-count", line: 4 },
  "csv-unterminated-quote.csv": { code: "unterminated-quote", line: 3 },
  "csv-undoubled-quote.csv": { code: "malformed-quotes", line: 2 },
  "csv-duplicate-column.csv": { code: "duplicate-column", line: 1, field: "prompt" },
  "csv-multiline-wrong-count.csv": { code: "wrong-field-count", line: 3 },
  "csv-duplicate-id.csv": { code: "duplicate-id", line: 4, field: "id", firstLine: 2 },
  "csv-latin1-encoded.csv": { code: "invalid-utf8", line: 3 },
  "csv-header-only.csv": { code: "no-prompts", line: 1 },
  "empty-file.csv": { code: "no-prompts", line: 1 },
  "tsv-tab-in-prompt.tsv": { code: "wrong-field-count", line: 3 },
  "tsv-actually-csv.tsv": { code: "missing-prompt-column", line: 1 },
  "tsv-missing-field.tsv": { code: "wrong-field-count", line: 3 },
  "jsonl-trailing-comma.jsonl": { code: "bad-json", line: 2 },
  "jsonl-missing-prompt.jsonl": { code: "missing-prompt-column", line: 3, field: "prompt" },
  "jsonl-prompt-not-string.jsonl": { code: "invalid-field-type", line: 2, field: "prompt" },
  "jsonl-category-array.jsonl": { code: "invalid-field-type", line: 1, field: "category" },
  "jsonl-truncated.jsonl": { code: "bad-json", line: 3 },
  "json-array.json": { code: "bad-json", line: 1 },
  "txt-over-long.txt": { code: "prompt-too-long", line: 2, field: "prompt" },
  "txt-latin1-encoded.txt": { code: "invalid-utf8", line: 2 },
};

/** Files whose only problem is a warning: the import goes ahead. */
const WARNED: Record<string, Expected & { accepted: number }> = {
  "csv-empty-prompt.csv": { code: "empty-prompt", line: 3, field: "prompt", accepted: 2 },
  "csv-duplicate-prompt.csv": { code: "duplicate-prompt", line: 4, field: "prompt", firstLine: 2, accepted: 2 },
  "csv-unknown-column.csv": { code: "unknown-column", line: 1, field: "source", accepted: 1 },
};

describe("malformed prompt files in tests/fixtures/prompts", () => {
  it("has an expectation for every fixture, and at least 15 that must be refused", () => {
    const files = readdirSync(fixture(".")).sort();
    expect(files).toEqual(Object.keys({ ...BLOCKED, ...WARNED }).sort());
    expect(Object.keys(BLOCKED).length).toBeGreaterThanOrEqual(15);
  });

  it.each(Object.entries(BLOCKED))("%s is refused with its line-numbered error", async (file, expected) => {
    const { report } = await parseFile(fixture(file));
    expect(report.ok).toBe(false);
    const errors = report.issues.filter((i) => i.severity === "error");
    expect(errors).toEqual([expect.objectContaining(expected)]);
    expect(errors[0].message.length).toBeGreaterThan(10);
  });

  it.each(Object.entries(WARNED))("%s is imported with a warning", async (file, { accepted, ...expected }) => {
    const { prompts, report } = await parseFile(fixture(file));
    expect(report.ok).toBe(true);
    expect(report.issues).toEqual([expect.objectContaining({ ...expected, severity: "warning" })]);
    expect(prompts).toHaveLength(accepted);
  });
});

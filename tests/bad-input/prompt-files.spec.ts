import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { makeWorld, postJson, refused, type World } from "./support/world";

/**
 * Prompt files over HTTP (POST /api/prompt-sets, multipart): every blocking fixture of
 * tests/fixtures/prompts is refused with `file:line (field)` named; nothing is imported.
 */
let w: World;
beforeAll(async () => {
  w = await makeWorld();
}, 120_000);
afterAll(async () => w?.close());

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/prompts");
/** Fixture → the `file:line` (and field) its refusal must name (see lib/prompts/fixtures.test.ts). */
const BLOCKED: Record<string, string> = {
  "csv-missing-prompt-column.csv": ":1 (prompt)",
  "csv-wrong-field-count.csv": ":4",
  "csv-unterminated-quote.csv": ":3",
  "csv-undoubled-quote.csv": ":2",
  "csv-duplicate-column.csv": ":1 (prompt)",
  "csv-multiline-wrong-count.csv": ":3",
  "csv-duplicate-id.csv": ":4 (id)",
  "csv-latin1-encoded.csv": ":3",
  "csv-header-only.csv": ":1",
  "empty-file.csv": ":1",
  "tsv-tab-in-prompt.tsv": ":3",
  "tsv-actually-csv.tsv": ":1",
  "tsv-missing-field.tsv": ":3",
  "jsonl-trailing-comma.jsonl": ":2",
  "jsonl-missing-prompt.jsonl": ":3 (prompt)",
  "jsonl-prompt-not-string.jsonl": ":2 (prompt)",
  "jsonl-category-array.jsonl": ":1 (category)",
  "jsonl-truncated.jsonl": ":3",
  "json-array.json": ":1",
  "txt-over-long.txt": ":2 (prompt)",
  "txt-latin1-encoded.txt": ":2",
};

function upload(
  client: World["researcher"],
  fields: Record<string, string | Blob>,
  fileName?: string,
): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "string") form.append(k, v);
    else form.append(k, v, fileName);
  }
  return client.request("/api/prompt-sets", { method: "POST", body: form });
}

describe("prompt files with errors are refused by line, importing nothing", () => {
  it.each(Object.entries(BLOCKED))("%s", (file, at) =>
    refused(w, () => upload(w.researcher, { file: new Blob([readFileSync(path.join(FIXTURES, file))]) }, file), {
      status: 422,
      field: `${file}${at}`,
    }),
  );
  it("a PNG uploaded as prompts.csv (binary content)", () =>
    refused(
      w,
      () =>
        upload(
          w.researcher,
          { file: new Blob([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0xff, 0xfe])]) },
          "prompts.csv",
        ),
      { status: 422, field: "prompts.csv:" },
    ));
});

describe("the upload form itself", () => {
  it("not multipart (JSON body)", () =>
    refused(w, () => postJson(w.researcher, "/api/prompt-sets", { prompts: ["a cat"] }), {
      status: 415,
      field: "file",
    }));
  it("multipart without a file", () =>
    refused(w, () => upload(w.researcher, { name: "no file" }), { status: 422, field: "file" }));
  it("unknown format", () =>
    refused(w, () => upload(w.researcher, { file: new Blob(["prompt\na cat\n"]), format: "xlsx" }, "p.csv"), {
      status: 422,
      field: "format",
    }));
  it("maxLength not a number", () =>
    refused(w, () => upload(w.researcher, { file: new Blob(["prompt\na cat\n"]), maxLength: "abc" }, "p.csv"), {
      status: 422,
      field: "maxLength",
    }));
  it("name of 10,000 characters", () =>
    refused(w, () => upload(w.researcher, { file: new Blob(["prompt\na cat\n"]), name: "n".repeat(10_000) }, "p.csv"), {
      status: 422,
      field: "name",
    }));
  it("an annotator may not import", () =>
    refused(w, () => upload(w.annotatorA, { file: new Blob(["prompt\na cat\n"]) }, "p.csv"), {
      status: 403,
      field: /prompts:write/,
    }));
});

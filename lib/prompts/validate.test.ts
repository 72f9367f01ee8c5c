import { describe, expect, it } from "vitest";
import { parsePromptFile } from "./index";
import { chunksOf, parseText } from "./test-helpers";

describe("validation", () => {
  it("keeps the first of duplicate prompts (normalised) and names its line", async () => {
    const { prompts, report } = await parseText("p.txt", "A cat\nB dog\n  a   CAT\nb dog\n");
    expect(prompts.map((p) => [p.line, p.text])).toEqual([
      [1, "A cat"],
      [2, "B dog"],
    ]);
    expect(report).toMatchObject({ ok: true, rowsRead: 4, accepted: 2, skipped: 2, warningCount: 2 });
    expect(report.issues.map((i) => [i.code, i.line, i.firstLine])).toEqual([
      ["duplicate-prompt", 3, 1],
      ["duplicate-prompt", 4, 2],
    ]);
  });

  it("measures length in characters, not UTF-16 units, with a configurable limit", async () => {
    const emoji = "🐈".repeat(10); // 20 UTF-16 units, 10 characters
    expect((await parseText("p.txt", emoji, { maxLength: 10 })).report.ok).toBe(true);
    const { report } = await parseText("p.txt", `ok\n${emoji}x`, { maxLength: 10 });
    expect(report.issues).toEqual([expect.objectContaining({ code: "prompt-too-long", line: 2, severity: "error" })]);
    expect(report.issues[0].message).toContain("11 characters; the limit is 10");
  });

  it("keeps an id column and derives ids only where the cell is empty", async () => {
    const { prompts } = await parseText("p.csv", "id,prompt\nP-1,A cat\n,A dog\n");
    expect(prompts.map((p) => [p.id, p.idSource])).toEqual([
      ["P-1", "column"],
      [expect.stringMatching(/^p_/), "text"],
    ]);
  });

  it("refuses an id column value used twice for different prompts", async () => {
    const { report } = await parseText("p.jsonl", '{"id":"a","prompt":"x"}\n{"id":"a","prompt":"y"}\n');
    expect(report.issues).toEqual([
      expect.objectContaining({ code: "duplicate-id", line: 2, firstLine: 1, field: "id" }),
    ]);
  });

  it("trims prompts and skips empty ones with a warning", async () => {
    const { prompts, report } = await parseText("p.csv", 'prompt,category\n"  A cat  ",Animals\n"   ",Animals\n');
    expect(prompts.map((p) => p.text)).toEqual(["A cat"]);
    expect(report.issues).toEqual([expect.objectContaining({ code: "empty-prompt", line: 3, severity: "warning" })]);
  });

  it("caps errors and warnings separately so an error is never crowded out", async () => {
    const lines = [...Array(50).fill("same prompt"), "x".repeat(30), ...Array(50).fill("other prompt")];
    const { report } = await parseText("p.txt", lines.join("\n"), { maxIssues: 5, maxLength: 20 });
    expect(report).toMatchObject({ ok: false, errorCount: 1, warningCount: 98, issuesOmitted: 93 });
    expect(report.issues.filter((i) => i.severity === "error")).toEqual([
      expect.objectContaining({ code: "prompt-too-long", line: 51 }),
    ]);
    expect(report.issues.map((i) => i.line)).toEqual([...report.issues.map((i) => i.line)].sort((a, b) => a - b));
  });

  it("refuses a file with nothing to import", async () => {
    const { report } = await parseText("p.txt", "\n\n  \n");
    expect(report.issues).toEqual([expect.objectContaining({ code: "no-prompts", line: 1, severity: "error" })]);
  });
});

describe("parsePromptFile", () => {
  it("lets the caller override the detected format", async () => {
    const { prompts, report } = await parsePromptFile({
      fileName: "list.csv",
      stream: chunksOf("a, b\nc, d\n"),
      format: "txt",
    });
    expect(report).toMatchObject({ format: "txt", formatSource: "option" });
    expect(prompts.map((p) => p.text)).toEqual(["a, b", "c, d"]);
  });

  it("names UTF-16 files instead of reporting every line as invalid UTF-8", async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from("prompt\nA cat\n", "utf16le")]);
    const { report } = await parseText("excel.csv", utf16);
    expect(report.issues).toEqual([expect.objectContaining({ code: "unsupported-encoding", line: 1 })]);
    expect(report.issues[0].message).toContain("UTF-16");
  });

  it("closes the source stream when parsing stops early", async () => {
    let closed = false;
    async function* source() {
      try {
        yield new TextEncoder().encode("caption\n");
        for (;;) yield new TextEncoder().encode("more,rows\n".repeat(1000));
      } finally {
        closed = true;
      }
    }
    const { report } = await parsePromptFile({ fileName: "endless.csv", stream: source() });
    expect(report.issues[0]).toMatchObject({ code: "missing-prompt-column" });
    expect(closed).toBe(true);
  });
});

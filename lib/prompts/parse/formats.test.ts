import { describe, expect, it } from "vitest";
import type { ParseEvent, PromptFormat } from "../types";
import { chunksOf } from "../test-helpers";
import { parsePromptRows } from "./index";

async function events(format: PromptFormat, content: string | Uint8Array): Promise<ParseEvent[]> {
  const out: ParseEvent[] = [];
  for await (const e of parsePromptRows(chunksOf(content, 4), format)) out.push(e);
  return out;
}

describe("TSV", () => {
  it("reads PartiPrompts-style rows with literal quotes", async () => {
    const es = await events(
      "tsv",
      'Prompt\tCategory\tChallenge\tNote\nThe words "Fly"\tArts\tWriting & Symbols\t\nbond\tAbstract\tBasic\tA note\n',
    );
    expect(es).toEqual([
      { kind: "row", line: 2, text: 'The words "Fly"', category: "Arts", challenge: "Writing & Symbols" },
      { kind: "row", line: 3, text: "bond", category: "Abstract", challenge: "Basic", note: "A note" },
    ]);
  });

  it("reports a wrong field count with the line", async () => {
    const es = await events("tsv", "Prompt\tCategory\na\tb\tc\n");
    expect(es).toEqual([{ kind: "issue", issue: expect.objectContaining({ code: "wrong-field-count", line: 2 }) }]);
  });
});

describe("JSONL", () => {
  it("reads prompt or text, numeric ids, null optional keys; warns about an unknown key once", async () => {
    const es = await events(
      "jsonl",
      '{"prompt":"a","id":7,"category":null,"extra":1}\n\n{"text":"b","challenge":"Basic","extra":2}\n',
    );
    expect(es).toEqual([
      {
        kind: "issue",
        issue: expect.objectContaining({ code: "unknown-column", line: 1, field: "extra", severity: "warning" }),
      },
      { kind: "row", line: 1, text: "a", externalId: "7" },
      { kind: "row", line: 3, text: "b", challenge: "Basic" },
    ]);
  });

  it("reports bad JSON, non-objects and wrong types by line and field", async () => {
    const es = await events("jsonl", '{"prompt":\n"just a string"\n{"prompt":"x","id":{"a":1}}\n');
    expect(es.map((e) => e.kind === "issue" && [e.issue.code, e.issue.line, e.issue.field])).toEqual([
      ["bad-json", 1, undefined],
      ["bad-json", 2, undefined],
      ["invalid-field-type", 3, "id"],
    ]);
  });
});

describe("TXT", () => {
  it("yields one row per non-blank line with its physical line number", async () => {
    const es = await events("txt", "a cat\r\n\r\n   \nA dog, running\n");
    expect(es).toEqual([
      { kind: "row", line: 1, text: "a cat" },
      { kind: "row", line: 4, text: "A dog, running" },
    ]);
  });
});

import { describe, expect, it } from "vitest";
import type { ParseEvent } from "../types";
import { chunksOf } from "../test-helpers";
import { readLines } from "./byte-lines";
import { parseCsv } from "./csv";

async function events(content: string, chunkSize = 5): Promise<ParseEvent[]> {
  const out: ParseEvent[] = [];
  for await (const e of parseCsv(readLines(chunksOf(content, chunkSize)))) out.push(e);
  return out;
}

const rows = (es: ParseEvent[]) => es.filter((e) => e.kind === "row");
const issues = (es: ParseEvent[]) => es.flatMap((e) => (e.kind === "issue" ? [e.issue] : []));

describe("parseCsv", () => {
  it("maps columns in any order and case and drops empty optional cells", async () => {
    const es = await events("Note,CATEGORY,Text,Id,challenge\nn1,Animals,A cat,c1,\n,,A dog,,Basic\n");
    expect(rows(es)).toEqual([
      { kind: "row", line: 2, text: "A cat", category: "Animals", externalId: "c1", note: "n1" },
      { kind: "row", line: 3, text: "A dog", challenge: "Basic" },
    ]);
  });

  it("reads quoted commas, doubled quotes, embedded CRLF newlines; the record keeps its first line", async () => {
    const es = await events('prompt,category\r\n"A sign, reading ""hi""",Text\r\n"two\r\nlines",Misc\r\nlast,X\r\n', 3);
    expect(rows(es).map((r) => r.kind === "row" && [r.line, r.text, r.category])).toEqual([
      [2, 'A sign, reading "hi"', "Text"],
      [3, "two\nlines", "Misc"],
      [5, "last", "X"],
    ]);
  });

  it("keeps quotes inside unquoted fields literally and ignores spaces after a closing quote", async () => {
    const es = await events('prompt,category\nThe word "PEACE" on a wall,Text\n"quoted"  ,Misc\n');
    expect(rows(es).map((r) => r.kind === "row" && r.text)).toEqual(['The word "PEACE" on a wall', "quoted"]);
    expect(issues(es)).toEqual([]);
  });

  it("reads empty quoted fields and a trailing empty field", async () => {
    const es = await events('prompt,category,note\n"",,\n"x","",\n');
    expect(rows(es)).toEqual([
      { kind: "row", line: 2, text: "" },
      { kind: "row", line: 3, text: "x" },
    ]);
  });

  it("skips blank lines between records, but keeps blank lines inside quotes", async () => {
    const es = await events('prompt\n\na\n\n"b\n\nc"\n');
    expect(rows(es).map((r) => r.kind === "row" && [r.line, r.text])).toEqual([
      [3, "a"],
      [5, "b\n\nc"],
    ]);
  });

  it("reports unknown columns once, on the header line", async () => {
    const es = await events("prompt,source,\na,x,\nb,y,\n");
    expect(issues(es).map((i) => [i.code, i.line, i.field])).toEqual([
      ["unknown-column", 1, "source"],
      ["unknown-column", 1, "(unnamed column 3)"],
    ]);
  });

  it("uses prompt over text when a file has both", async () => {
    const es = await events("text,prompt\nthe caption,the prompt\n");
    expect(rows(es).map((r) => r.kind === "row" && r.text)).toEqual(["the prompt"]);
    expect(issues(es).map((i) => [i.code, i.field])).toEqual([["unknown-column", "text"]]);
  });

  it("stops after a header without a prompt column and suggests TSV when it sees tabs", async () => {
    const es = await events("Prompt\tCategory\nA cat\tAnimals\n");
    expect(es).toHaveLength(1);
    expect(issues(es)[0]).toMatchObject({ code: "missing-prompt-column", line: 1 });
    expect(issues(es)[0].message).toContain("TSV");
  });

  it("explains a semicolon-separated export", async () => {
    const es = await events("Prompt;Category\nA cat;Animals\n");
    expect(issues(es)[0]).toMatchObject({ code: "missing-prompt-column", line: 1 });
    expect(issues(es)[0].message).toContain("semicolons");
  });

  it("reports every malformed record, not only the first", async () => {
    const es = await events('prompt,category\na,b,c\n"x"y,z\nok,fine\nd\n');
    expect(issues(es).map((i) => [i.code, i.line])).toEqual([
      ["wrong-field-count", 2],
      ["malformed-quotes", 3],
      ["wrong-field-count", 5],
    ]);
    expect(rows(es)).toHaveLength(1);
  });
});

import { describe, expect, it } from "vitest";
import { parseArenaJson } from "./arena-json";
import { parseCsv } from "./csv";
import { parseJudgmentsCsv } from "./judgments-csv";
import { parseLongRatings } from "./ratings-long";

describe("CSV parser", () => {
  it("handles quotes, doubled quotes, embedded commas and newlines, CRLF and a BOM", () => {
    const recs = parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",z\n\n', "t.csv");
    expect(recs.map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["multi\nline", "z"],
    ]);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3]);
  });
  it("reads CR line ends, tab delimiters, and spaces after a closing quote", () => {
    expect(parseCsv('a\tb\r"x" \t1\r', "t.tsv", "\t").map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["x", "1"],
    ]);
  });
  it("names line and column of an unterminated quote and of text after a quote", () => {
    expect(() => parseCsv('a,b\n1,"open\n', "t.csv")).toThrow("t.csv:2:3: unterminated quoted field");
    expect(() => parseCsv('a,b\n"x"y,1\n', "t.csv")).toThrow(/^t\.csv:2:4: unexpected "y"/);
  });
});

describe("judgments CSV", () => {
  it("maps columns and answers (A/B/both/neither/model names/left-right)", () => {
    const text = [
      "Pair ID,Prompt,Category,model_a,model_b,choice,annotator,criterion,left_model",
      "p1,q1,Animals,emu,sdxl,A,w1,visual_appeal,emu",
      "p1,q1,Animals,emu,sdxl,Both,w2,visual_appeal,sdxl",
      "p2,q2,People,emu,sdxl,sdxl,w1,text_faithfulness,sdxl",
      "p3,q3,People,emu,sdxl,left,w1,visual_appeal,sdxl",
    ].join("\n");
    const js = parseJudgmentsCsv(text, "v.csv");
    expect(js.map((j) => j.winner)).toEqual(["A", "tie", "B", "B"]);
    expect(js[0]).toEqual({
      pairId: "p1",
      promptId: "q1",
      category: "Animals",
      modelA: "emu",
      modelB: "sdxl",
      winner: "A",
      annotatorId: "w1",
      criterion: "visual_appeal",
      leftModel: "emu",
    });
  });
  it("defaults pair and prompt to the row", () => {
    const js = parseJudgmentsCsv("model_a,model_b,winner\nx,y,tie\n", "v.csv");
    expect(js[0]).toEqual({ pairId: "row-2", promptId: "row-2", modelA: "x", modelB: "y", winner: "tie" });
  });
  it("reports a missing column, a bad answer and a short row with their places", () => {
    expect(() => parseJudgmentsCsv("model_a,winner\nx,A\n", "v.csv")).toThrow("v.csv:1: missing column model_b");
    expect(() => parseJudgmentsCsv("model_a,model_b,winner\nx,y,A\nx,y,maybe\n", "v.csv")).toThrow(
      /^v\.csv:3:3: column winner: "maybe" is not/,
    );
    expect(() => parseJudgmentsCsv("model_a,model_b,winner\nx,y\n", "v.csv")).toThrow(
      "v.csv:2: expected 3 fields (as in the header), found 2",
    );
    expect(() => parseJudgmentsCsv("model_a,model_b,winner\n,y,A\n", "v.csv")).toThrow(
      "v.csv:2:1: column model_a: empty model name",
    );
  });
});

describe("arena JSON", () => {
  it("reads battles, both tie kinds, and filters anonymous / model pattern", () => {
    const text = JSON.stringify([
      { model_a: "m1_generation", model_b: "m2_generation", winner: "model_a", anony: true },
      { model_a: "m1_generation", model_b: "m2_generation", winner: "tie (bothbad)", anony: false },
      { model_a: "m1_edition", model_b: "m2_edition", winner: "tie", anony: true },
    ]);
    expect(parseArenaJson(text).map((j) => j.winner)).toEqual(["A", "tie", "tie"]);
    expect(parseArenaJson(text, "a.json", { anonymousOnly: true, modelPattern: /_generation$/ })).toHaveLength(1);
  });
  it("names the line and column of a bad battle and of a JSON syntax error", () => {
    const text =
      '[\n  {"model_a": "x", "model_b": "y", "winner": "model_a"},\n  {"model_a": "x", "model_b": "y", "winner": "draw"}\n]';
    expect(() => parseArenaJson(text, "a.json")).toThrow(/^a\.json:3:3: battle 2: field "winner" is "draw"/);
    expect(() => parseArenaJson('[\n{"model_a": }\n]', "a.json")).toThrow(/^a\.json:2:13: invalid JSON/);
    expect(() => parseArenaJson('{"model_a": "x"}\n{"model_a" 1}\n', "a.jsonl")).toThrow(
      /^a\.jsonl:2:12: invalid JSON/,
    );
    expect(() => parseArenaJson('{"model_a": "x"}', "a.json")).toThrow(/^a\.json:1:1: battle 1: field "model_b"/);
  });
});

describe("long-format ratings", () => {
  it("reads item, rater, label and skips empty labels", () => {
    expect(parseLongRatings("item,rater,label\n1,a,good\n1,b,\n2,a,bad\n", "r.csv")).toEqual([
      { item: "1", rater: "a", label: "good" },
      { item: "2", rater: "a", label: "bad" },
    ]);
  });
  it("reads TSV and checks ordinal labels with their place", () => {
    expect(parseLongRatings("unit\tcoder\tvalue\nu1\tc1\t3\n", "r.tsv")).toEqual([
      { item: "u1", rater: "c1", label: "3" },
    ]);
    expect(() => parseLongRatings("item,rater,label\n1,a,great\n", "r.csv", ["bad", "ok", "good"])).toThrow(
      /^r\.csv:2:3: label "great"/,
    );
    expect(() => parseLongRatings("item,label\n1,a\n", "r.csv")).toThrow(/^r\.csv:1: missing column "rater"/);
  });
});

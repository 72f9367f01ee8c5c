import { describe, expect, it } from "vitest";
import { parseCsv } from "../stats";
import { csvLine } from "./csv";
import { stackedBarsSvg } from "./charts/stacked-bars";
import { winMatrixSvg } from "./charts/win-matrix";
import { parseResultsSettings, settingsQuery, statsSettingsFor } from "./settings";
import { annotatorPseudonym, crowdIdHash } from "./pseudonyms";
import { winnerOf } from "./winner";

describe("CSV writing", () => {
  it("round-trips commas, quotes, line breaks and edge spaces through an RFC 4180 reader", () => {
    const values = ['a "quoted", word', "two\nlines", " padded ", "plain", "", "-0.5", "a=1+1"];
    const [record] = parseCsv(csvLine(values), "t.csv");
    expect(record.fields).toEqual(values);
    expect(csvLine([null, 1.5, true, -2])).toBe(",1.5,true,-2\r\n");
    // A formula cell is written as text (tests/security/csv-injection.integration.test.ts has the rest).
    expect(parseCsv(csvLine(["=1+1"]), "t.csv")[0].fields).toEqual(["'=1+1"]);
  });
});

describe("charts", () => {
  it("escape every label (names come from users' files)", () => {
    const evil = `<script>alert(1)</script>"'&`;
    const svg = stackedBarsSvg(
      [{ label: evil, win: 0.5, tie: 0.2, loss: 0.3, rate: { estimate: 0.6, lower: 0.5, upper: 0.7 } }],
      evil,
    );
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
    expect(winMatrixSvg([evil, "b", "c"], () => 0.5, evil)).not.toContain("<script>");
  });

  it("draw the same bytes for the same data", () => {
    const rows = [
      { label: "x vs y", win: 0.55, tie: 0.1, loss: 0.35, rate: { estimate: 0.6, lower: 0.52, upper: 0.68 } },
    ];
    expect(stackedBarsSvg(rows, "t")).toBe(stackedBarsSvg(rows, "t"));
  });
});

describe("settings", () => {
  it("defaults, round trip through the query string, and the statistics they ask for", () => {
    const s = parseResultsSettings(new URLSearchParams("ties=excluded&exclude=a-0123456789,a-abcdefabcd&rounds=500"));
    expect(s).toMatchObject({
      aggregation: "majority",
      ties: "excluded",
      rounds: 500,
      exclude: ["a-0123456789", "a-abcdefabcd"],
    });
    expect(parseResultsSettings(settingsQuery(s))).toEqual(s);
    expect(settingsQuery(parseResultsSettings(new URLSearchParams())).toString()).toBe("");
    expect(statsSettingsFor({ ...s, aggregation: "dawid-skene" }, null)).toMatchObject({
      counting: "majority",
      dawidSkene: true,
      bootstrapRounds: 500,
    });
  });
});

describe("pseudonyms and choices", () => {
  it("are stable per campaign and differ across campaigns", () => {
    expect(annotatorPseudonym("c1", "u1")).toBe(annotatorPseudonym("c1", "u1"));
    expect(annotatorPseudonym("c1", "u1")).not.toBe(annotatorPseudonym("c2", "u1"));
    expect(annotatorPseudonym("c1", "u1")).toMatch(/^a-[0-9a-f]{10}$/);
    expect(crowdIdHash("c1", "prolific", null)).toBeNull();
  });

  it("map left / right through the recorded left image; both and neither are ties", () => {
    expect(winnerOf("left", true)).toBe("A");
    expect(winnerOf("left", false)).toBe("B");
    expect(winnerOf("right", false)).toBe("A");
    expect(winnerOf("both", true)).toBe("tie");
    expect(winnerOf("neither", false)).toBe("tie");
  });
});

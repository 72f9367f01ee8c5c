import { describe, expect, it } from "vitest";
import { parseCsv } from "../stats";
import { csvLine } from "./csv";
import { stackedBarsSvg } from "./charts/stacked-bars";
import { winMatrixSvg } from "./charts/win-matrix";
import { intervalPlotSvg } from "./charts/interval-plot";
import { esc } from "./charts/svg";
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

  it("keep a hostile model name inert in text and attributes of every chart (the page inlines the SVG)", () => {
    const name = `m" onmouseover="alert(1)"><script>alert(2)</script><img src=x onerror='alert(3)'>`;
    const escaped = esc(name);
    expect(escaped).toBe(
      "m&quot; onmouseover=&quot;alert(1)&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;&lt;img src=x onerror=&#39;alert(3)&#39;&gt;",
    );
    const rate = { estimate: 0.6, lower: 0.5, upper: 0.7 };
    const charts = {
      stackedBars: stackedBarsSvg([{ label: `${name} vs b`, win: 0.5, tie: 0.2, loss: 0.3, rate }], name),
      winMatrix: winMatrixSvg([name, "b"], () => 0.5, name),
      intervalPlot: intervalPlotSvg([{ label: name, estimate: 1000, lower: 990, upper: 1010 }], name, {
        min: 900,
        max: 1100,
        reference: 1000,
        ticks: [900, 1000, 1100],
        tick: (v) => `${v} ${name}`,
      }),
    };
    const attribute = /\s([a-zA-Z][a-zA-Z0-9:-]*)="[^"<>]*"/g;
    for (const [chart, svg] of Object.entries(charts)) {
      expect(svg, chart).toContain(`aria-label="${escaped}"`);
      expect(svg, chart).toContain(`<title>${escaped}</title>`);
      // Only the elements a chart draws, each made of well-formed attributes none of which is a handler.
      for (const [tag, element, attributes] of svg.matchAll(/<([a-zA-Z]+)([^>]*)>/g)) {
        expect(["svg", "title", "g", "rect", "text", "line", "circle"], `${chart}: ${tag}`).toContain(element);
        expect(attributes.replace(attribute, "").trim(), `${chart}: ${tag}`).toMatch(/^\/?$/);
        const names = [...attributes.matchAll(attribute)].map((m) => m[1]);
        expect(
          names.filter((n) => /^on/i.test(n)),
          `${chart}: ${tag}`,
        ).toEqual([]);
      }
    }
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

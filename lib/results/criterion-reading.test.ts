import { describe, expect, it } from "vitest";
import { computeCampaignStats, type Judgment } from "../stats";
import { AppError } from "../errors";
import { stackedBarsSvg } from "./charts/stacked-bars";
import { LABEL_CHAR_PX, labelColumn } from "./charts/svg";
import {
  agreementNote,
  criterionLabel,
  criterionVerdict,
  inProtocolOrder,
  readMatchup,
  readMatchups,
  type Reading,
} from "./criterion-reading";
import { FORMATS } from "./format";
import type { ReportJson } from "./report-json";
import { resolveReference } from "./reference-model";

/** `wins` prompts won by `winner`, `losses` by `loser`, one pair and one judgment each (criterion `criterion`). */
function decided(criterion: string, winner: string, loser: string, wins: number, losses: number, from = 0): Judgment[] {
  return Array.from({ length: wins + losses }, (_, i) => ({
    pairId: `${criterion}-p${from + i}`,
    promptId: `prompt-${from + i}`,
    modelA: winner,
    modelB: loser,
    winner: i < wins ? ("A" as const) : ("B" as const),
    annotatorId: `a${i % 3}`,
    leftModel: i % 2 ? winner : loser,
    criterion,
  }));
}

const WILSON: Reading = { ties: "excluded", interval: "wilson", level: 0.95, aggregation: "majority" };

/** A report as the page reads it: protocol order visual_appeal, text_faithfulness (the reverse of key order). */
function reportOf(judgments: Judgment[], models: string[]): Pick<ReportJson, "stats" | "protocol"> {
  return {
    stats: computeCampaignStats(judgments, { bootstrapRounds: 200, seed: 1 }),
    protocol: {
      models,
      pairDesign: "all_pairs",
      baselineModel: null,
      seedsPerPrompt: 1,
      goldRate: 0,
      criteria: [
        {
          key: "visual_appeal",
          question: "Which is more appealing?",
          showPrompt: false,
          choices: [],
          judgmentsPerPair: 5,
        },
        {
          key: "text_faithfulness",
          question: "Which matches the text?",
          showPrompt: true,
          choices: [],
          judgmentsPerPair: 3,
        },
      ],
    },
  };
}

// smooth wins 30 of 40 decided pairs over noisy. Wilson 95% for 30/40, by hand:
// centre (0.75 + z²/80) / (1 + z²/40) = 0.728107, half-width z·√(0.75·0.25/40 + z²/6400) / (1 + z²/40) = 0.130036.
const TWO = [
  ...decided("visual_appeal", "smooth", "noisy", 30, 10),
  ...decided("text_faithfulness", "smooth", "noisy", 21, 19),
];

describe("reading a criterion", () => {
  it("labels keys and orders criteria as the protocol asks them, not by key", () => {
    expect(criterionLabel("visual_appeal")).toBe("Visual appeal");
    expect(criterionLabel("textFaithfulness")).toBe("Text faithfulness");
    expect(criterionLabel(null)).toBe("All judgments");
    const report = reportOf(TWO, ["smooth", "noisy"]);
    expect(report.stats.criteria.map((c) => c.criterion)).toEqual(["text_faithfulness", "visual_appeal"]);
    expect(inProtocolOrder(report).map(({ c, ci }) => [c.criterion, ci])).toEqual([
      ["visual_appeal", 1],
      ["text_faithfulness", 0],
    ]);
  });

  it("states a two-model verdict winner-first or from the reference model's side, with its significance", () => {
    const report = reportOf(TWO, ["smooth", "noisy"]);
    const [visual, text] = inProtocolOrder(report).map(({ c }) => c);
    // The statistics name the models alphabetically ("noisy" vs "smooth"): read from smooth's side.
    expect(visual.headToHead[0].model).toBe("noisy");
    expect(criterionVerdict(visual, "smooth", WILSON)).toBe(
      "smooth wins 75.0% [59.8%, 85.8%] of decided pairs over noisy; significant (the 95% interval excludes 50%).",
    );
    expect(criterionVerdict(visual, "noisy", WILSON)).toBe(
      "noisy loses 75.0% [59.8%, 85.8%] of decided pairs to smooth; significant (the 95% interval excludes 50%).",
    );
    expect(criterionVerdict(text, "smooth", WILSON)).toMatch(
      /^smooth wins 52\.5% \[\d+\.\d%, \d+\.\d%\] of decided pairs over noisy; not significant \(the 95% interval includes 50%\)\.$/,
    );
    expect(criterionVerdict(visual, "smooth", { ...WILSON, ties: "half", aggregation: "judgment" })).toContain(
      "of judgments (ties count half) over noisy",
    );
    // The default reference is the leader on the first criterion in protocol order.
    expect(resolveReference(report as ReportJson, null)).toBe("smooth");
    expect(() => resolveReference(report as ReportJson, "smoth")).toThrow(AppError);
    try {
      resolveReference(report as ReportJson, "smoth");
    } catch (e) {
      expect((e as AppError).issues[0].field).toBe("reference");
    }
  });

  it("reads a matchup from the other side through JSON values: wins and losses swapped, rates and bounds complemented", () => {
    const [visual] = inProtocolOrder(reportOf(TWO, ["smooth", "noisy"])).map(({ c }) => c);
    const h = visual.headToHead[0];
    const m = readMatchup(h, true);
    expect(m.label).toBe("smooth vs noisy");
    expect(m.field("counts.win", "count")).toMatchObject({ rel: "counts.loss", value: 30, text: "30" });
    expect(m.field("winShare.estimate", "pct")).toMatchObject({ rel: "lossShare", value: 0.75 });
    const lower = m.field("winRateTiesExcluded.wilson.lower", "pct");
    expect(lower.rel).toBe("winRateTiesExcluded.wilson.upper");
    expect(lower.format).toBe("pctComplement");
    expect(lower.value).toBeCloseTo(1 - h.winRateTiesExcluded!.wilson.upper, 12);
    expect(lower.text).toBe(FORMATS.pctComplement(h.winRateTiesExcluded!.wilson.upper));
    expect(lower.value).toBeCloseTo(0.728107 - 0.130036, 4); // the JSON keeps 5 decimals
    // Not flipped: the JSON as it is.
    expect(readMatchup(h, false).field("counts.win", "count").value).toBe(10);
  });

  it("ranks the reference among three models and never lists a matchup loser-first", () => {
    const three = [
      ...decided("visual_appeal", "smooth", "noisy", 30, 10),
      ...decided("visual_appeal", "smooth", "blurry", 25, 15, 100),
      ...decided("visual_appeal", "blurry", "noisy", 28, 12, 200),
    ];
    const report = reportOf(three, ["noisy", "blurry", "smooth"]);
    const [visual] = inProtocolOrder(report).map(({ c }) => c);
    const verdict = criterionVerdict(visual, "blurry", WILSON);
    expect(verdict).toMatch(/^blurry ranks #\d of 3 \(Bradley–Terry\): /);
    expect(verdict).toContain("loses 62.5% [");
    expect(verdict).toContain("of decided pairs to smooth");
    expect(verdict).toContain("wins 70.0% [");
    const read = readMatchups(visual, "blurry", WILSON).map(({ m }) => m);
    expect(read.slice(0, 2).every((m) => m.model === "blurry")).toBe(true);
    // smooth vs noisy does not involve blurry: winner first.
    expect(read[2].label).toBe("smooth vs noisy");
    expect(read[2].headline(WILSON)!.estimate).toBeGreaterThan(0.5);
  });
});

describe("why agreement is missing", () => {
  it("says no pair has two judgments when votes were spread one per pair, and flags few pairs", () => {
    const [visual] = inProtocolOrder(reportOf(TWO, ["smooth", "noisy"])).map(({ c }) => c);
    expect(visual.agreement.items).toBe(0);
    const note = agreementNote(visual, 5)!;
    expect(note).toContain("no pair has two judgments on this criterion");
    expect(note).toContain("Its 40 judgments are spread over 40 pairs");
    expect(note).toContain("least-judged first");
    expect(agreementNote(visual, 1)).toContain("one judgment per pair");
    const twice = (n: number) =>
      decided("visual_appeal", "smooth", "noisy", n, 0).flatMap((j) => [j, { ...j, annotatorId: "other" }]);
    const few = computeCampaignStats(twice(4), { bootstrapRounds: 100 }).criteria[0];
    expect(agreementNote(few, 5)).toBe(
      "Agreement rests on few pairs: only 4 of 4 pairs have two or more judgments on this criterion, so treat it as rough.",
    );
    expect(agreementNote(computeCampaignStats(twice(12), { bootstrapRounds: 100 }).criteria[0], 5)).toBeNull();
  });
});

describe("chart labels", () => {
  it("get a column wide enough that a long matchup label is not cut at its start", () => {
    const label = "stable-diffusion-xl-refiner vs flux-1-schnell";
    const { width, chars } = labelColumn([label]);
    expect(chars).toBeGreaterThanOrEqual(label.length);
    const svg = stackedBarsSvg([{ label, win: 0.6, tie: 0.1, loss: 0.3 }], "t");
    const x = Number(/<text x="([\d.]+)" y="[\d.]+" text-anchor="end"[^>]*>([^<]*)</.exec(svg)![1]);
    expect(x).toBe(width - 8);
    expect(x - label.length * LABEL_CHAR_PX).toBeGreaterThanOrEqual(0);
    expect(svg).toContain(`>${label}<`);
  });
});

import { describe, expect, it } from "vitest";
import { computeCampaignStats, computeHeadToHeads } from "./campaign-stats";
import { createRng } from "./rng";
import { toReportJson } from "./report-json";
import { wilsonInterval } from "./wilson";
import type { Judgment, Winner } from "./types";

/** A small two-model campaign: 40 prompts × 1 pair × 3 annotators, emu better than sdxl. */
function campaign(seed: number): Judgment[] {
  const rng = createRng(seed);
  const out: Judgment[] = [];
  for (let p = 0; p < 40; p++) {
    for (let a = 0; a < 3; a++) {
      const u = rng.next();
      const winner: Winner = u < 0.55 ? "A" : u < 0.8 ? "B" : "tie";
      out.push({
        pairId: `pair${p}`,
        promptId: `prompt${p}`,
        category: p < 20 ? "Animals" : "People",
        challenge: "Basic",
        modelA: "emu",
        modelB: "sdxl",
        winner,
        annotatorId: `ann${(p + a) % 5}`,
        leftModel: rng.next() < 0.5 ? "emu" : "sdxl",
        criterion: "visual_appeal",
      });
    }
  }
  return out;
}

describe("computeCampaignStats", () => {
  const judgments = campaign(3);
  const stats = computeCampaignStats(judgments, { bootstrapRounds: 300, seed: 4 });
  const c = stats.criteria[0];

  it("is deterministic: same input and seed → identical JSON text", () => {
    expect(JSON.stringify(computeCampaignStats(judgments, { bootstrapRounds: 300, seed: 4 }))).toBe(
      JSON.stringify(stats),
    );
    expect(JSON.stringify(computeCampaignStats(judgments, { bootstrapRounds: 300, seed: 5 }))).not.toBe(
      JSON.stringify(stats),
    );
  });

  it("counts pair majorities like a direct count of the input", () => {
    let win = 0,
      tie = 0,
      loss = 0;
    for (let p = 0; p < 40; p++) {
      const votes = judgments.filter((j) => j.pairId === `pair${p}`).map((j) => j.winner);
      const a = votes.filter((v) => v === "A").length,
        b = votes.filter((v) => v === "B").length,
        t = votes.filter((v) => v === "tie").length;
      if (a > b && a > t) win++;
      else if (b > a && b > t) loss++;
      else tie++;
    }
    const h = c.headToHead[0];
    expect([h.model, h.opponent]).toEqual(["emu", "sdxl"]);
    expect(h.counts).toEqual({ win, tie, loss, total: 40 });
    expect(h.winRateTiesHalf.estimate).toBeCloseTo((win + tie / 2) / 40, 5);
    const w = wilsonInterval(win + tie / 2, 40);
    expect(h.winRateTiesHalf.wilson.lower).toBeCloseTo(w.lower, 5);
    expect(h.winRateTiesHalf.bootstrap!.percentile.lower).toBeLessThan(h.winRateTiesHalf.estimate);
    expect(h.winRateTiesHalf.bootstrap!.percentile.upper).toBeGreaterThan(h.winRateTiesHalf.estimate);
    expect([c.judgments, c.pairs, c.prompts, c.annotators]).toEqual([120, 40, 40, 5]);
  });

  it("orients head-to-heads against the baseline and counts every judgment in judgment mode", () => {
    const s = computeCampaignStats(judgments, { bootstrapRounds: 50, baselineModel: "emu", counting: "judgment" });
    const h = s.criteria[0].headToHead[0];
    expect([h.model, h.opponent]).toEqual(["sdxl", "emu"]);
    expect(h.counts.total).toBe(120);
    expect(h.counts.win).toBe(judgments.filter((j) => j.winner === "B").length);
  });

  it("gives the same head-to-heads alone (computeHeadToHeads) as in the full statistics", () => {
    const twoCriteria = [...judgments, ...judgments.map((j) => ({ ...j, criterion: "text_faithfulness" }))];
    const full = computeCampaignStats(twoCriteria, { bootstrapRounds: 300, seed: 4, baselineModel: "sdxl" });
    const alone = computeHeadToHeads(twoCriteria, { bootstrapRounds: 300, seed: 4, baselineModel: "sdxl" });
    expect(alone.map((x) => [x.criterion, x.judgments, x.annotators])).toEqual(
      full.criteria.map((x) => [x.criterion, x.judgments, x.annotators]),
    );
    expect(alone.map((x) => x.headToHead)).toEqual(full.criteria.map((x) => x.headToHead));
  });

  it("breaks results down per category, and the groups add up", () => {
    const groups = c.breakdowns.filter((b) => b.dimension === "category");
    expect(groups.map((g) => g.group)).toEqual(["Animals", "People"]);
    expect(groups.reduce((s, g) => s + g.headToHead[0].counts.total, 0)).toBe(40);
    expect(c.breakdowns.filter((b) => b.dimension === "challenge").map((g) => g.group)).toEqual(["Basic"]);
  });

  it("reports agreement over the 40 pairs and position bias over 120 judgments", () => {
    expect(c.agreement.items).toBe(40);
    expect(c.agreement.ratings).toBe(120);
    expect(c.agreement.fleissKappa).not.toBeNull();
    expect(c.positionBias.judgments).toBe(120);
    expect(c.leaderboard?.rows).toHaveLength(2);
  });

  it("keeps criteria apart and gives Dawid–Skene on request", () => {
    const two = [
      ...judgments,
      ...judgments.map((j) => ({ ...j, criterion: "text_faithfulness", winner: "tie" as Winner })),
    ];
    const s = computeCampaignStats(two, { bootstrapRounds: 20, dawidSkene: true });
    expect(s.criteria.map((x) => x.criterion)).toEqual(["text_faithfulness", "visual_appeal"]);
    expect(s.criteria[0].headToHead[0].counts).toEqual({ win: 0, tie: 40, loss: 0, total: 40 });
    expect(s.criteria[0].headToHead[0].winRateTiesExcluded).toBeNull();
    expect(s.criteria[1].dawidSkene?.annotators).toHaveLength(5);
  });
});

describe("toReportJson", () => {
  it("rounds to 6 significant digits, keeps integers, maps non-finite to null", () => {
    expect(
      toReportJson({
        a: 0.123456789,
        b: 1151.28946,
        c: 1234567,
        d: 3.2e-15,
        e: NaN,
        f: -0,
        g: Float64Array.from([1 / 3]),
        h: undefined,
      }),
    ).toEqual({
      a: 0.123457,
      b: 1151.29,
      c: 1234567,
      d: 3.2e-15,
      e: null,
      f: 0,
      g: [0.333333],
    });
  });
});

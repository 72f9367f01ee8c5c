import type { CampaignStats, CriterionStats } from "./campaign-stats";
import type { HeadToHead } from "./head-to-head";

const pct = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined ? "–" : `${(100 * x).toFixed(digits)}%`;
const num = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? "–" : x.toFixed(digits));
const pValue = (p: number) => (p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

/** Left-aligned columns separated by two spaces. O(cells). */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** The BCa interval, or, below the bootstrap's minimum of prompts, Wilson over prompts, flagged. O(1). */
function bootstrapCell(h: HeadToHead): string {
  const r = h.winRateTiesHalf;
  if (r.bootstrap) return `[${pct(r.bootstrap.bca.lower)}, ${pct(r.bootstrap.bca.upper)}]`;
  const w = r.wilsonPrompts;
  return `[${pct(w?.lower)}, ${pct(w?.upper)}] Wilson over ${h.prompts} prompts (too few for a bootstrap)`;
}

function headToHeadRows(list: readonly HeadToHead[], level: number): string[][] {
  const L = Math.round(level * 100);
  return [
    [
      "model vs opponent",
      "W / T / L",
      "win",
      "tie",
      "loss",
      "win rate (ties ½)",
      `${L}% CI prompt bootstrap (BCa)`,
      `${L}% CI Wilson`,
      "sign test p",
    ],
    ...list.map((h) => [
      `${h.model} vs ${h.opponent}`,
      `${h.counts.win} / ${h.counts.tie} / ${h.counts.loss}`,
      pct(h.winShare.estimate),
      pct(h.tieShare),
      pct(h.lossShare),
      pct(h.winRateTiesHalf.estimate),
      bootstrapCell(h),
      `[${pct(h.winRateTiesHalf.wilson.lower)}, ${pct(h.winRateTiesHalf.wilson.upper)}]`,
      pValue(h.signTest.pValue),
    ]),
  ];
}

/**
 * The warning printed above a leaderboard whose comparison graph falls apart: how many groups of
 * models never met, even through others, and what that means for their ratings. O(K).
 */
export function disconnectedNote(components: readonly (readonly string[])[]): string {
  return `The comparison graph is disconnected: ${components.length} groups of models (${components.map((g) => g.length).join(" + ")} models) were never compared with each other, not even through other models. Their ratings cannot be compared, so each group is rated on its own scale (centred on 1000; an anchor fixes only its own group) and ranked apart.`;
}

function criterionText(c: CriterionStats, stats: CampaignStats): string {
  const s = stats.settings;
  const out: string[] = [];
  out.push(
    `== ${c.criterion ?? "all judgments"}: ${c.judgments} judgments, ${c.pairs} pairs, ${c.prompts} prompts, ${c.annotators} annotators (counting: ${s.counting === "majority" ? "majority per pair" : "every judgment"})`,
  );
  if (c.headToHead.length > 0) out.push("", table(headToHeadRows(c.headToHead, s.level)));
  if (c.leaderboard && c.models.length >= 3) {
    const lb = c.leaderboard;
    out.push(
      "",
      `Bradley–Terry leaderboard (Arena scale: base ${lb.base}, scale ${lb.scale}, ${lb.anchor ? `${lb.anchor.model} = ${lb.anchor.rating}` : `mean ${lb.mean}`}; ${Math.round(lb.level * 100)}% CI from ${lb.rounds} bootstrap rounds over ${lb.resample})`,
    );
    const split = lb.components.length > 1;
    if (split) out.push(disconnectedNote(lb.components));
    lb.components.forEach((models, component) => {
      if (split) out.push("", `Component ${component + 1} of ${lb.components.length}: ${models.join(", ")}`);
      out.push(
        table([
          ["rank", "model", "rating", "interval", "games", "W / T / L"],
          ...lb.rows
            .filter((r) => r.component === component)
            .map((r) => [
              String(r.rank),
              r.model,
              r.rating.toFixed(1),
              `[${r.lower.toFixed(1)}, ${r.upper.toFixed(1)}]`,
              String(r.games),
              `${r.wins} / ${r.ties} / ${r.losses}`,
            ]),
        ]),
      );
    });
  }
  const a = c.agreement;
  out.push(
    "",
    a.items > 0
      ? `Agreement over ${a.items} pairs with ≥ 2 judgments: raw ${pct(a.rawAgreement)}, Fleiss κ ${num(a.fleissKappa)}, Krippendorff α nominal ${num(a.krippendorffAlphaNominal)} / ordinal ${num(a.krippendorffAlphaOrdinal)}, Gwet AC1 ${num(a.gwetAC1)}`
      : "Agreement: no pair has two judgments.",
  );
  const pb = c.positionBias;
  out.push(
    pb.leftShare === null
      ? "Position bias: no judgment records the left image."
      : `Position bias: left image wins ${pct(pb.leftShare)} of ${pb.leftWins + pb.rightWins} decisive votes [${pct(pb.interval?.lower)}, ${pct(pb.interval?.upper)}], p = ${pValue(pb.pValue)} (raw)${
          pb.adjusted
            ? `; adjusted for the models shown (Bradley–Terry with a left advantage): ${pct(pb.adjusted.leftShare)} [${pct(pb.adjusted.interval.lower)}, ${pct(pb.adjusted.interval.upper)}], p = ${pValue(pb.adjusted.pValue)}`
            : ""
        }`,
  );
  const plan = c.headToHead[0]?.plan;
  if (plan && c.headToHead.length === 1)
    out.push(
      `Planning: current half-width ±${pct(plan.halfWidth)} (design effect ${plan.designEffect.toFixed(2)}); ±${pct(plan.targetHalfWidth)} needs ${plan.unitsNeeded} outcomes (${plan.additionalUnits} more, ≈ ${plan.clustersNeeded} prompts).`,
    );
  return out.join("\n");
}

/**
 * Plain-text summary of computeCampaignStats output for terminals: head-to-head table, leaderboard
 * (three or more models), agreement, position bias and planning. Complexity: O(size of stats).
 */
export function campaignStatsText(stats: CampaignStats): string {
  return stats.criteria.map((c) => criterionText(c, stats)).join("\n\n") + "\n";
}

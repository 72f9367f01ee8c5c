/**
 * Coverage of nominal 95% intervals for a head-to-head win rate (ties count half), per-judgment
 * Wilson versus the prompt (cluster) bootstrap, on simulated campaigns with between-prompt
 * heterogeneity. Prints a Markdown table for docs/STATISTICS.md.
 *
 * Model: prompt c has P(win | not tie) = logistic(μ + σ·z_c), z_c ~ N(0, 1); each of its m judgments
 * is a tie with probability τ, else a win with that probability. The true win rate is
 * E[(1 − τ)·logistic(μ + σZ) + τ/2], computed by numerical integration over Z.
 *
 * The second table repeats it for small groups (a category or challenge with 1–30 prompts), adding
 * Wilson over prompts (wilsonOverPrompts: the interval reported below MIN_BOOTSTRAP_PROMPTS) and
 * the share of bootstrap intervals with zero width.
 *
 * Run: npx tsx bench/stats-coverage.ts [--campaigns 2000] [--rounds 1000] [--seed 1] [--small-only]
 */
import {
  clusterBootstrapRatios,
  createRng,
  modelWinRate,
  normalDraw,
  wilsonInterval,
  wilsonOverPrompts,
} from "../lib/stats";
import { benchFlags } from "./support/args";

const values = benchFlags(
  { campaigns: 2000, rounds: 1000, seed: 1 },
  { "small-only": { type: "boolean", default: false } },
);
const { campaigns: CAMPAIGNS, rounds: ROUNDS, seed: SEED } = values;

interface Scenario {
  prompts: number;
  perPrompt: number;
  mu: number;
  sigma: number;
  tie: number;
}

/** Small groups: 1 outcome per prompt (majority per pair, one pair per prompt) or 5 (every vote counted). */
const SMALL: Scenario[] = [1, 5].flatMap((perPrompt) =>
  [1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30].map((prompts) => ({ prompts, perPrompt, mu: 0.4, sigma: 1, tie: 0.2 })),
);

const SCENARIOS: Scenario[] = [
  { prompts: 100, perPrompt: 5, mu: 0.4, sigma: 0, tie: 0.2 },
  { prompts: 100, perPrompt: 5, mu: 0.4, sigma: 1, tie: 0.2 },
  { prompts: 200, perPrompt: 3, mu: 0.8, sigma: 0.7, tie: 0.3 },
  { prompts: 50, perPrompt: 10, mu: 0.4, sigma: 1.5, tie: 0.2 },
  { prompts: 300, perPrompt: 5, mu: 1.2, sigma: 1, tie: 0.1 },
];

/** E[(1 − τ)·logistic(μ + σZ) + τ/2] (lib/stats/sequential/simulate.ts). */
const trueWinRate = (s: Scenario) => modelWinRate(s.mu, s.sigma, s.tie);
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

function run(s: Scenario, index: number) {
  const truth = trueWinRate(s);
  const rng = createRng(SEED * 1000 + index);
  const hit = { wilson: 0, percentile: 0, bca: 0, prompts: 0 };
  const width = { wilson: 0, percentile: 0, bca: 0, prompts: 0 };
  let zeroWidth = 0;
  const num = new Float64Array(s.prompts);
  const den = new Float64Array(s.prompts).fill(s.perPrompt);
  for (let c = 0; c < CAMPAIGNS; c++) {
    let score = 0;
    for (let p = 0; p < s.prompts; p++) {
      const pWin = logistic(s.mu + s.sigma * normalDraw(rng));
      let sp = 0;
      for (let j = 0; j < s.perPrompt; j++) sp += rng.next() < s.tie ? 0.5 : rng.next() < pWin ? 1 : 0;
      num[p] = sp;
      score += sp;
    }
    const n = s.prompts * s.perPrompt;
    const w = wilsonInterval(score, n);
    const b = clusterBootstrapRatios([{ num, den }], { rounds: ROUNDS, seed: rng.nextUint32() })[0];
    if (b.bca.upper - b.bca.lower === 0) zeroWidth++;
    for (const [k, iv] of [
      ["wilson", w],
      ["percentile", b.percentile],
      ["bca", b.bca],
      ["prompts", wilsonOverPrompts(score, n, s.prompts)],
    ] as const) {
      if (iv.lower <= truth && truth <= iv.upper) hit[k]++;
      width[k] += iv.upper - iv.lower;
    }
  }
  return { truth, hit, width, zeroWidth };
}

const started = Date.now();
console.log(
  `Coverage of nominal 95% intervals, ${CAMPAIGNS} simulated campaigns per row, ${ROUNDS} bootstrap rounds, seed ${SEED}.`,
);
console.log(
  `Monte Carlo standard error of a coverage near 95%: ±${(100 * Math.sqrt((0.95 * 0.05) / CAMPAIGNS)).toFixed(2)} points.\n`,
);
const pc = (x: number) => `${((100 * x) / CAMPAIGNS).toFixed(1)}%`;
if (!values["small-only"]) {
  console.log(
    "| prompts × judgments | σ (prompt effect) | tie rate | true win rate | Wilson (per judgment) | bootstrap percentile | bootstrap BCa | mean width Wilson / bootstrap |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  SCENARIOS.forEach((s, i) => {
    const r = run(s, i);
    console.log(
      `| ${s.prompts} × ${s.perPrompt} | ${s.sigma} | ${s.tie} | ${r.truth.toFixed(4)} | ${pc(r.hit.wilson)} | ${pc(r.hit.percentile)} | ${pc(r.hit.bca)} | ${(r.width.wilson / CAMPAIGNS).toFixed(3)} / ${(r.width.percentile / CAMPAIGNS).toFixed(3)} |`,
    );
  });
  console.log("");
}
console.log(
  `Small groups (μ = ${SMALL[0].mu}, σ = ${SMALL[0].sigma}, tie rate ${SMALL[0].tie}, true win rate ${trueWinRate(SMALL[0]).toFixed(4)}):\n`,
);
console.log(
  "| prompts × judgments | Wilson (per judgment) | bootstrap percentile | bootstrap BCa | Wilson over prompts | BCa of zero width | mean width Wilson / BCa / over prompts |",
);
console.log("|---|---|---|---|---|---|---|");
SMALL.forEach((s, i) => {
  const r = run(s, 100 + i);
  const w = (k: keyof typeof r.width) => (r.width[k] / CAMPAIGNS).toFixed(3);
  console.log(
    `| ${s.prompts} × ${s.perPrompt} | ${pc(r.hit.wilson)} | ${pc(r.hit.percentile)} | ${pc(r.hit.bca)} | ${pc(r.hit.prompts)} | ${pc(r.zeroWidth)} | ${w("wilson")} / ${w("bca")} / ${w("prompts")} |`,
  );
});
console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);

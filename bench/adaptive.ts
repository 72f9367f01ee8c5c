/**
 * Adaptive campaigns by simulation (no server): anytime-valid sequences against peeking at a fixed
 * interval, sequential stopping against fixed designs, and adaptive pair allocation against uniform
 * all-pairs for a ten-model leaderboard. Prints Markdown tables for docs/STATISTICS.md and ends with
 *   summary: peek_fixed_error=X peek_sequential_error=X two_model_saving=X leaderboard_saving=X
 *
 * 1. Peeking: `--campaigns` two-model campaigns, true win rate 50 %, prompt effect σ (logit), tie
 *    rate τ, m judgments per prompt (lib/stats/sequential/simulate.ts), up to `--max-judgments`; a
 *    look after every 20 judgments, at the prompts completed so far. Share declaring a winner at
 *    some look: fixed 95 % prompt-level (cluster) normal interval, per-judgment Wilson, and the
 *    95 % betting sequence.
 * 2. Two models, true win rates 55–80 %, `--runs` campaigns each: median prompts to a correct
 *    decision of the sequential rule (stop when the sequence excludes 50 %) against two fixed designs
 *    at 90 % power (run to the end): the planned one (sized for 60 %) and the oracle (sized for the
 *    true rate), both sized with the model's exact per-prompt outcome variance.
 * 3. Leaderboard: ten Bradley–Terry strengths from the GenAI-Arena text-to-image battles
 *    (../shared/data; six models fitted, interpolated to ten), one judgment per (pair, prompt), tie
 *    rate from the battles. Judgments until the BT ranking has the right top-3 (in order) and
 *    Kendall τ ≥ 0.9 with the truth in 90 % of `--leaderboard-runs` runs, checked every
 *    `--checkpoint` judgments: adaptive (pairPriorities over anytime-valid pair sequences) against
 *    uniform round-robin over all 45 pairs.
 *
 * Assumption everywhere: prompts complete in a random order (each outcome is a fresh prompt).
 *
 * Run: npx tsx bench/adaptive.ts [--campaigns 2000] [--runs 1000] [--leaderboard-runs 200]
 *      [--max-judgments 1500] [--max-leaderboard 8000] [--checkpoint 100] [--rule agrapa]
 *      [--top-weight 4] [--seed 1]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  createPointTests,
  createPromptModel,
  createRng,
  createSequenceMonitor,
  fitBradleyTerry,
  fixedPromptsForPower,
  kendallTau,
  normalCdf,
  normalDraw,
  pairPriority,
  parseArenaJson,
  wilsonInterval,
  zForLevel,
  type BettingRule,
  type Rng,
  type SequenceMonitor,
} from "../lib/stats";
import { benchFlags } from "./support/args";

const values = benchFlags(
  {
    campaigns: 2000,
    runs: 1000,
    "leaderboard-runs": 200,
    "max-judgments": 1500,
    "max-leaderboard": 8000,
    checkpoint: 100,
    "top-weight": 4,
    seed: 1,
  },
  { rule: { type: "string", default: "agrapa" } },
);
const {
  campaigns: CAMPAIGNS,
  runs: RUNS,
  "leaderboard-runs": LB_RUNS,
  "max-judgments": MAX_JUDGMENTS,
  "max-leaderboard": MAX_LB,
  checkpoint: CHECKPOINT,
  seed: SEED,
  "top-weight": TOP_WEIGHT,
} = values;
if (values.rule !== "agrapa" && values.rule !== "hedged") throw new Error(`--rule must be agrapa or hedged`);
const RULE: BettingRule = values.rule;

const ALPHA = 0.05;
const SIGMA = 1; // prompt effect, logit scale
const TIE = 0.2;
const PER_PROMPT = 3;
const LOOK_EVERY = 20;
const Z = zForLevel(0.95);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const started = Date.now();

// ---------------------------------------------------------------- 1. peeking at 50 %
function peeking() {
  const model = createPromptModel({ winRate: 0.5, sigma: SIGMA, tieRate: TIE, judgmentsPerPrompt: 1 });
  const rng = createRng(SEED * 1000 + 1);
  let fixedWins = 0,
    wilsonWins = 0,
    seqWins = 0,
    fixedFinal = 0;
  const prompts = Math.floor(MAX_JUDGMENTS / PER_PROMPT);
  for (let c = 0; c < CAMPAIGNS; c++) {
    // One prompt's judgments share its effect: draw the prompt's win probability once, then m judgments.
    const seq = createPointTests([0.5], { alpha: ALPHA, rule: RULE });
    let judgments = 0,
      judgmentScore = 0,
      k = 0,
      sum = 0,
      sum2 = 0;
    let fixedHit = false,
      wilsonHit = false;
    for (let p = 0; p < prompts; p++) {
      let s = 0;
      const q = 1 / (1 + Math.exp(-(model.mu + SIGMA * normalDraw(rng))));
      for (let j = 0; j < PER_PROMPT; j++) {
        const x = rng.next() < TIE ? 0.5 : rng.next() < q ? 1 : 0;
        s += x;
        judgmentScore += x;
        judgments++;
        if (judgments % LOOK_EVERY === 0) {
          // look: prompts completed so far, and every judgment for Wilson
          if (k >= 2) {
            const mean = sum / k;
            const sd = Math.sqrt(Math.max(0, (sum2 - k * mean * mean) / (k - 1)));
            const h = (Z * sd) / Math.sqrt(k);
            if (mean - h > 0.5 || mean + h < 0.5) fixedHit = true;
          }
          const w = wilsonInterval(judgmentScore, judgments);
          if (w.lower > 0.5 || w.upper < 0.5) wilsonHit = true;
        }
      }
      const o = s / PER_PROMPT;
      k++;
      sum += o;
      sum2 += o * o;
      seq.push(o);
    }
    const mean = sum / k;
    const sd = Math.sqrt((sum2 - k * mean * mean) / (k - 1));
    if (Math.abs(mean - 0.5) > (Z * sd) / Math.sqrt(k)) fixedFinal++;
    if (fixedHit) fixedWins++;
    if (wilsonHit) wilsonWins++;
    if (seq.rejected(0)) seqWins++;
  }
  return {
    fixed: fixedWins / CAMPAIGNS,
    wilson: wilsonWins / CAMPAIGNS,
    sequential: seqWins / CAMPAIGNS,
    fixedOnce: fixedFinal / CAMPAIGNS,
  };
}

// ---------------------------------------------------------------- 2. two models
const RATES = [0.55, 0.6, 0.65, 0.7, 0.75, 0.8];
const PLANNED = 0.6;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

function twoModels() {
  const spec = { sigma: SIGMA, tieRate: TIE, judgmentsPerPrompt: PER_PROMPT };
  const v0 = createPromptModel({ winRate: 0.5, ...spec }).outcomeVariance;
  const planned = createPromptModel({ winRate: PLANNED, ...spec });
  const nPlanned = fixedPromptsForPower(PLANNED, { nullVariance: v0, targetVariance: planned.outcomeVariance });
  return RATES.map((rate, index) => {
    const model = createPromptModel({ winRate: rate, ...spec });
    const nOracle = fixedPromptsForPower(rate, { nullVariance: v0, targetVariance: model.outcomeVariance });
    const rows = (["agrapa", "hedged"] as const).map((rule) => {
      const rng = createRng(SEED * 1000 + 100 + index);
      const cap = 20 * nPlanned;
      const stops: number[] = [];
      let wrong = 0;
      for (let r = 0; r < RUNS; r++) {
        const t = createPointTests([0.5], { alpha: ALPHA, rule });
        while (t.n < cap && !t.rejected(0)) t.push(model.draw(rng));
        const correct = t.rejected(0) && t.estimate > 0.5;
        if (t.rejected(0) && !correct) wrong++;
        stops.push(correct ? t.n : Infinity);
      }
      const sorted = stops.sort((a, b) => a - b);
      return { rule, median: median(sorted), p90: sorted[Math.ceil(0.9 * RUNS) - 1], wrong: wrong / RUNS };
    });
    // Power of the planned fixed design at this rate (normal approximation, as in fixedPromptsForPower).
    const plannedPower = normalCdf(
      ((rate - 0.5) * Math.sqrt(nPlanned) - Z * Math.sqrt(v0)) / Math.sqrt(model.outcomeVariance),
    );
    return { rate, nPlanned, nOracle, plannedPower, rows };
  });
}

// ---------------------------------------------------------------- 3. leaderboard
const K = 10;

function arenaStrengths() {
  const file = path.resolve(import.meta.dirname, "../../shared/data/genai_arena_clean_battle_20240220.json");
  const battles = parseArenaJson(readFileSync(file, "utf8"), file, { modelPattern: /_generation$/ });
  const models = [...new Set(battles.flatMap((b) => [b.modelA, b.modelB]))].sort();
  const M = models.length;
  const wins = new Float64Array(M * M);
  let ties = 0;
  for (const b of battles) {
    const i = models.indexOf(b.modelA),
      j = models.indexOf(b.modelB);
    const s = b.winner === "A" ? 1 : b.winner === "B" ? 0 : 0.5;
    if (s === 0.5) ties++;
    wins[i * M + j] += s;
    wins[j * M + i] += 1 - s;
  }
  const fitted = [...fitBradleyTerry(wins, M)].sort((a, b) => a - b);
  // Ten strengths by linear interpolation of the sorted six at evenly spaced positions: same range,
  // adjacent gaps 5/9 of the fitted ones.
  const theta = Array.from({ length: K }, (_, i) => {
    const x = (i * (M - 1)) / (K - 1);
    const lo = Math.floor(x),
      hi = Math.min(M - 1, lo + 1);
    return fitted[lo] + (x - lo) * (fitted[hi] - fitted[lo]);
  }).reverse(); // model 0 best
  return { theta, tieRate: ties / battles.length, battles: battles.length, models, fitted };
}

interface LeaderboardRun {
  ok: boolean[]; // per checkpoint
}

function leaderboardRun(theta: number[], tieRate: number, adaptive: boolean, rng: Rng): LeaderboardRun {
  const pairs: [number, number][] = [];
  for (let i = 0; i < K; i++) for (let j = i + 1; j < K; j++) pairs.push([i, j]);
  const P = pairs.length;
  const prob = pairs.map(([i, j]) => {
    const s = 1 / (1 + Math.exp(theta[j] - theta[i])); // mean score of i against j
    const tau = Math.min(tieRate, 2 * s, 2 * (1 - s));
    return { tau, win: (s - tau / 2) / (1 - tau) };
  });
  const wins = new Float64Array(K * K);
  const monitors: SequenceMonitor[] = adaptive
    ? pairs.map(() => createSequenceMonitor({ alpha: ALPHA / P, rule: RULE, gridSize: 100 }))
    : [];
  const counts = new Array<number>(P).fill(0);
  const priority = new Array<number>(P).fill(0);
  let rank = Array.from({ length: K }, (_, i) => i);
  const truthTop = [0, 1, 2];
  const ok: boolean[] = [];
  let order: number[] = [];
  const refit = () => {
    const s = fitBradleyTerry(wins, K);
    order = Array.from({ length: K }, (_, i) => i).sort((a, b) => s[b] - s[a] || a - b);
    rank = new Array<number>(K);
    order.forEach((m, r) => (rank[m] = r));
    return s;
  };
  const score = (p: number) => {
    const [i, j] = pairs[p];
    const iv = monitors[p].interval();
    // The criterion is about the top 3 first: pairs touching ranks 1–3 (so also 3 against 4) weigh more.
    const weight = Math.min(rank[i], rank[j]) < 3 ? TOP_WEIGHT : 1;
    return pairPriority({
      n: counts[p],
      lower: iv.lower,
      upper: iv.upper,
      rankDistance: Math.abs(rank[i] - rank[j]),
      weight,
    });
  };
  let roundOrder: number[] = [];
  const warmup = 2 * P;
  for (let t = 1; t <= MAX_LB; t++) {
    let p: number;
    if (!adaptive || t <= warmup) {
      if (roundOrder.length === 0) roundOrder = shuffle(rng, P);
      p = roundOrder.pop()!;
    } else {
      if ((t - warmup - 1) % P === 0) {
        refit();
        for (let q = 0; q < P; q++) priority[q] = score(q);
      }
      let best = -1,
        bestScore = -1,
        tiesSeen = 0;
      for (let q = 0; q < P; q++) {
        if (priority[q] > bestScore) {
          best = q;
          bestScore = priority[q];
          tiesSeen = 1;
        } else if (priority[q] === bestScore && rng.int(++tiesSeen) === 0) best = q;
      }
      p = best;
      if (bestScore === 0) p = rng.int(P); // everything settled: spread evenly
    }
    const [i, j] = pairs[p];
    const x = rng.next() < prob[p].tau ? 0.5 : rng.next() < prob[p].win ? 1 : 0;
    wins[i * K + j] += x;
    wins[j * K + i] += 1 - x;
    counts[p]++;
    if (adaptive) {
      monitors[p].push(x); // fixed orientation (i against j): the mean must not change with the ranking
      if (t > warmup) priority[p] = score(p);
    }
    if (t % CHECKPOINT === 0) {
      const s = refit();
      const topOk = truthTop.every((m, r) => order[r] === m);
      ok.push(topOk && kendallTau(s, theta) >= 0.9);
    }
  }
  return { ok };
}

function shuffle(rng: Rng, n: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function leaderboard() {
  const { theta, tieRate, battles, fitted } = arenaStrengths();
  const result = (adaptive: boolean) => {
    const share = new Array<number>(Math.floor(MAX_LB / CHECKPOINT)).fill(0);
    for (let r = 0; r < LB_RUNS; r++) {
      const run = leaderboardRun(theta, tieRate, adaptive, createRng(SEED * 1000 + 500 + r));
      run.ok.forEach((v, c) => (share[c] += v ? 1 / LB_RUNS : 0));
    }
    const first = share.findIndex((s) => s >= 0.9 - 1e-9);
    return { share, judgments: first < 0 ? null : (first + 1) * CHECKPOINT };
  };
  return { theta, tieRate, battles, fitted, uniform: result(false), adaptive: result(true) };
}

// ---------------------------------------------------------------- report
console.log(
  `# bench/adaptive.ts — seed ${SEED}, bet rule ${RULE}, α = ${ALPHA}, prompt effect σ = ${SIGMA}, tie rate ${TIE}, ${PER_PROMPT} judgments per prompt\n`,
);
const peek = peeking();
console.log(
  `## 1. Continuous monitoring at a true 50 % (${CAMPAIGNS} campaigns, up to ${MAX_JUDGMENTS} judgments, a look every ${LOOK_EVERY})\n`,
);
console.log("| interval | share declaring a winner at some look |");
console.log("|---|---|");
console.log(`| fixed 95 % interval, prompt-level (cluster) normal | ${pct(peek.fixed)} |`);
console.log(`| fixed 95 % Wilson, per judgment | ${pct(peek.wilson)} |`);
console.log(`| 95 % betting sequence (${RULE}) | ${pct(peek.sequential)} |`);
console.log(`| fixed 95 % prompt-level interval, one look at the end (reference) | ${pct(peek.fixedOnce)} |`);
console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);

const two = twoModels();
console.log(
  `## 2. Prompts to a correct decision (${RUNS} campaigns per rate; fixed designs at 90 % power, α = 0.05 two-sided)\n`,
);
console.log(
  "| true win rate | fixed planned (60 %) [its power] | fixed oracle | sequential aGRAPA median (p90, wrong) | sequential hedged median (p90, wrong) | saving vs planned | saving vs oracle |",
);
console.log("|---|---|---|---|---|---|---|");
let saving70 = NaN;
for (const r of two) {
  const main = r.rows.find((x) => x.rule === RULE)!;
  const cell = (x: (typeof r.rows)[number]) => `${x.median} (${x.p90}, ${pct(x.wrong)})`;
  const vsPlanned = 1 - main.median / r.nPlanned;
  const vsOracle = 1 - main.median / r.nOracle;
  if (r.rate === 0.7) saving70 = vsPlanned;
  console.log(
    `| ${pct(r.rate)} | ${r.nPlanned} [${pct(r.plannedPower)}] | ${r.nOracle} | ${cell(r.rows[0])} | ${cell(r.rows[1])} | ${vsPlanned.toFixed(2)} | ${vsOracle.toFixed(2)} |`,
  );
}
console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);

const lb = leaderboard();
console.log(
  `## 3. Ten-model leaderboard (${LB_RUNS} runs per strategy, checked every ${CHECKPOINT} judgments up to ${MAX_LB})\n`,
);
console.log(
  `Strengths: Bradley–Terry on ${lb.battles} GenAI-Arena text-to-image battles (six models, θ = ${lb.fitted.map((x) => x.toFixed(3)).join(", ")}), interpolated to ten: θ = ${lb.theta.map((x) => x.toFixed(3)).join(", ")}; tie rate ${pct(lb.tieRate)}.\n`,
);
console.log("| strategy | judgments until top-3 right and τ ≥ 0.9 in 90 % of runs | share at 1k / 2k / 4k |");
console.log("|---|---|---|");
const at = (s: number[], j: number) => (j / CHECKPOINT - 1 < s.length ? pct(s[j / CHECKPOINT - 1]) : "—");
for (const [name, r] of [
  ["uniform all pairs", lb.uniform],
  [`adaptive (pairPriorities, top-3 weight ${TOP_WEIGHT})`, lb.adaptive],
] as const)
  console.log(
    `| ${name} | ${r.judgments ?? `> ${MAX_LB}`} | ${at(r.share, 1000)} / ${at(r.share, 2000)} / ${at(r.share, 4000)} |`,
  );
const lbSaving =
  lb.uniform.judgments !== null && lb.adaptive.judgments !== null
    ? 1 - lb.adaptive.judgments / lb.uniform.judgments
    : NaN;
console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
console.log(
  `summary: peek_fixed_error=${peek.fixed.toFixed(3)} peek_sequential_error=${peek.sequential.toFixed(3)} two_model_saving=${saving70.toFixed(2)} leaderboard_saving=${lbSaving.toFixed(2)}`,
);

/**
 * Speed of the full bootstrap on a large campaign: 1,000,000 judgments, 10 models, 1,632 prompts,
 * 1,000 rounds resampling prompts, giving intervals for all 45 head-to-head win rates and the
 * Bradley–Terry leaderboard. The fast path reduces the judgments once to per-(prompt, model pair)
 * counts (lib/stats/matchups.ts) and resamples those; the naive baseline touches every judgment of
 * every resampled prompt in every round. The naive version runs fewer rounds (--naive-rounds) and
 * is scaled linearly to 1,000, because its cost per round is constant.
 *
 * Run: npx tsx bench/stats-speed.ts [--judgments 1000000] [--rounds 1000] [--naive-rounds 20]
 */
import { cpus } from "node:os";
import {
  bootstrapMatchups,
  buildMatchupStats,
  createRng,
  fitBradleyTerry,
  headToHead,
  leaderboardFromReplicates,
  pairIndexOf,
  percentileInterval,
  type Judgment,
  type Winner,
} from "../lib/stats";
import { benchFlags } from "./support/args";

const {
  judgments: N,
  rounds: ROUNDS,
  "naive-rounds": NAIVE_ROUNDS,
} = benchFlags({ judgments: 1_000_000, rounds: 1000, "naive-rounds": 20 });
const MODELS = 10;
const PROMPTS = 1632;

function simulate(): Judgment[] {
  const rng = createRng(2024);
  const strength = Array.from({ length: MODELS }, (_, i) => (i - 4.5) * 0.15);
  const names = strength.map((_, i) => `model-${String(i).padStart(2, "0")}`);
  const promptEffect = Array.from({ length: PROMPTS }, () => 0.8 * (rng.next() - 0.5));
  const out: Judgment[] = new Array(N);
  for (let n = 0; n < N; n++) {
    const p = rng.int(PROMPTS);
    const a = rng.int(MODELS);
    let b = rng.int(MODELS - 1);
    if (b >= a) b++;
    const u = rng.next();
    const pA = 1 / (1 + Math.exp(strength[b] - strength[a] - (a % 2 ? promptEffect[p] : -promptEffect[p])));
    const winner: Winner = u < 0.2 ? "tie" : rng.next() < pA ? "A" : "B";
    out[n] = { pairId: `pair-${n}`, promptId: `prompt-${p}`, modelA: names[a], modelB: names[b], winner };
  }
  return out;
}

/** Fast path: reduce once, resample prompt × pair counts, summarise all pairs and the leaderboard. */
function fast(judgments: Judgment[]) {
  const t0 = performance.now();
  const stats = buildMatchupStats(judgments, "prompt");
  const t1 = performance.now();
  const replicates = bootstrapMatchups(stats, { rounds: ROUNDS, seed: 1 });
  const t2 = performance.now();
  const pairs = [];
  for (let i = 0; i < MODELS; i++)
    for (let j = i + 1; j < MODELS; j++)
      pairs.push(
        headToHead(stats, replicates, stats.models[i], stats.models[j], { level: 0.95, targetHalfWidth: 0.01 }),
      );
  const board = leaderboardFromReplicates(stats, replicates, {
    resample: "prompts",
    priorPrecision: 0.01,
    rounds: ROUNDS,
  });
  const t3 = performance.now();
  return { reduce: t1 - t0, bootstrap: t2 - t1, summarise: t3 - t2, total: t3 - t0, pairs, board };
}

/** Naive path: every round walks every judgment of every drawn prompt. */
function naive(judgments: Judgment[], rounds: number) {
  const t0 = performance.now();
  const models = [...new Set(judgments.flatMap((j) => [j.modelA, j.modelB]))].sort();
  const index = new Map(models.map((m, i) => [m, i]));
  const byPrompt = new Map<string, Judgment[]>();
  for (const j of judgments) {
    let list = byPrompt.get(j.promptId);
    if (!list) byPrompt.set(j.promptId, (list = []));
    list.push(j);
  }
  const prompts = [...byPrompt.values()];
  const rng = createRng(1);
  const K = models.length,
    P = (K * (K - 1)) / 2;
  const rates = Array.from({ length: P }, () => new Float64Array(rounds));
  const ratings = Array.from({ length: K }, () => new Float64Array(rounds));
  for (let r = 0; r < rounds; r++) {
    const wins = new Float64Array(K * K);
    for (let k = 0; k < prompts.length; k++) {
      for (const j of prompts[rng.int(prompts.length)]) {
        const a = index.get(j.modelA)!,
          b = index.get(j.modelB)!;
        if (j.winner === "A") wins[a * K + b]++;
        else if (j.winner === "B") wins[b * K + a]++;
        else {
          wins[a * K + b] += 0.5;
          wins[b * K + a] += 0.5;
        }
      }
    }
    for (let i = 0; i < K; i++)
      for (let j = i + 1; j < K; j++)
        rates[pairIndexOf(i, j, K)][r] = wins[i * K + j] / (wins[i * K + j] + wins[j * K + i]);
    const theta = fitBradleyTerry(wins, K);
    for (let i = 0; i < K; i++) ratings[i][r] = theta[i];
  }
  rates.forEach((x) => percentileInterval(x));
  ratings.forEach((x) => percentileInterval(x));
  return performance.now() - t0;
}

console.log(`machine: ${cpus()[0]?.model ?? "unknown"} × ${cpus().length} cores, Node ${process.version}`);
console.log(
  `data: ${N.toLocaleString("en")} judgments, ${MODELS} models, ${PROMPTS} prompts; ${ROUNDS} bootstrap rounds over prompts`,
);
const judgments = simulate();
fast(judgments.slice(0, 20000)); // warm up the JIT on a small input
const f = fast(judgments);
console.log(
  `fast (sufficient statistics): ${(f.total / 1000).toFixed(2)} s total = reduce ${(f.reduce / 1000).toFixed(2)} s + bootstrap with ${ROUNDS} Bradley–Terry fits ${(f.bootstrap / 1000).toFixed(2)} s + 45 head-to-heads and leaderboard ${(f.summarise / 1000).toFixed(2)} s`,
);
console.log(
  `  leaderboard: ${f.board.rows
    .map((r) => `${r.model} ${r.rating.toFixed(1)} [${r.lower.toFixed(1)}, ${r.upper.toFixed(1)}]`)
    .slice(0, 3)
    .join("; ")} …`,
);
const naiveMs = naive(judgments, NAIVE_ROUNDS);
const naiveFull = (naiveMs / NAIVE_ROUNDS) * ROUNDS;
console.log(
  `naive (every judgment, every round): ${(naiveMs / 1000).toFixed(2)} s for ${NAIVE_ROUNDS} rounds → ${(naiveFull / 1000).toFixed(1)} s for ${ROUNDS} rounds (linear)`,
);
console.log(`speed-up: ${(naiveFull / f.total).toFixed(0)}×`);

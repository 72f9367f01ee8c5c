import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Command } from "commander";
import {
  buildRatingTable,
  campaignStatsText,
  computeCampaignStats,
  fleissKappa,
  gwetAC1,
  InputError,
  krippendorffAlpha,
  parseArenaJson,
  parseJudgmentsCsv,
  parseLongRatings,
  rawAgreement,
  toReportJson,
  type CampaignStatsSettings,
  type Judgment,
} from "../../lib/stats";
import { commaList } from "../../lib/comma-list";
import { isRatingsHeader, parseRatingRecordsCsv } from "../../lib/stats/io/rating-records-csv";
import { isRankingsHeader, parseRankingRecordsCsv } from "../../lib/stats/io/ranking-records-csv";
import { ratingFigures, type AspectRatingStats } from "../../lib/stats/rating/rating-stats";
import { rankingFigures, type RankingFigures } from "../../lib/stats/ranking/ranking-figures";
import { isCurationManifestHeader, parseCurationManifestCsv } from "../../lib/stats/io/curation-manifest-csv";
import { curationStageFigures, curationSummary, type CurationStageFigures } from "../../lib/stats/curation";
import { acceptanceWords, fig } from "../../lib/curation/curation-figures";
import type { Leaderboard } from "../../lib/stats/leaderboard";
import { bracket, differenceInterval, estimateInterval, num } from "../../lib/rating/rating-figures";

export interface AnalyzeOptions {
  criterion?: string;
  format?: "csv" | "arena-json" | "ratings" | "rankings" | "curation";
  json?: string;
  counting?: "majority" | "judgment";
  rounds?: string;
  seed?: string;
  level?: string;
  baseline?: string;
  anchor?: string;
  anonymousOnly?: boolean;
  models?: string;
  leaderboardResample?: "prompts" | "judgments";
}

/** Where command output goes; tests pass a collector. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

const stdio: Output = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

function positiveInt(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer, got "${raw}"`);
  return n;
}

class UsageError extends Error {}

/** Reads the votes of FILE (CSV or arena JSON), keeps one criterion if asked. */
export function readJudgments(file: string, options: AnalyzeOptions): Judgment[] {
  const text = readFileSync(file, "utf8");
  const format = options.format ?? (/\.jsonl?$/i.test(file) ? "arena-json" : "csv");
  let judgments: Judgment[];
  if (format === "arena-json") {
    let modelPattern: RegExp | undefined;
    try {
      modelPattern = options.models ? new RegExp(options.models) : undefined;
    } catch (e) {
      throw new UsageError(`--models is not a valid regular expression: ${(e as Error).message}`);
    }
    judgments = parseArenaJson(text, file, { anonymousOnly: options.anonymousOnly, modelPattern });
  } else if (format === "csv") {
    judgments = parseJudgmentsCsv(text, file);
    if (options.models) {
      const re = new RegExp(options.models);
      judgments = judgments.filter((j) => re.test(j.modelA) && re.test(j.modelB));
    }
  } else
    throw new UsageError(`--format must be csv, arena-json, ratings, rankings or curation, got "${String(format)}"`);
  if (options.criterion !== undefined) judgments = judgments.filter((j) => j.criterion === options.criterion);
  if (judgments.length === 0)
    throw new UsageError(
      `${file}: no judgments left${options.criterion ? ` for criterion "${options.criterion}"` : ""} after filtering`,
    );
  return judgments;
}

/** Settings for computeCampaignStats from the command-line flags. */
export function settingsFromOptions(options: AnalyzeOptions): CampaignStatsSettings {
  let anchor: CampaignStatsSettings["anchor"] = null;
  if (options.anchor) {
    const m = /^(.+)=(-?\d+(\.\d+)?)$/.exec(options.anchor);
    if (!m) throw new UsageError(`--anchor must be MODEL=RATING, got "${options.anchor}"`);
    anchor = { model: m[1], rating: Number(m[2]) };
  }
  const level = options.level === undefined ? 0.95 : Number(options.level);
  if (!(level > 0 && level < 1)) throw new UsageError(`--level must be in (0, 1), got "${options.level}"`);
  return {
    counting: options.counting ?? "majority",
    bootstrapRounds: positiveInt(options.rounds, "rounds", 1000),
    seed: positiveInt(options.seed, "seed", 1),
    level,
    baselineModel: options.baseline ?? null,
    anchor,
    leaderboardResample: options.leaderboardResample ?? "prompts",
  };
}

/** `photogenic analyze`: prints the summary; with --json writes every figure. Returns the exit code. */
export function runAnalyze(file: string, options: AnalyzeOptions, io: Output = stdio): number {
  return guard(io, () => {
    const kind = itemFileKind(file, options);
    if (kind === "ratings") return analyzeRatings(file, options, io);
    if (kind === "rankings") return analyzeRankings(file, options, io);
    if (kind === "curation") return analyzeCuration(file, options, io);
    const stats = computeCampaignStats(readJudgments(file, options), settingsFromOptions(options));
    io.out(campaignStatsText(stats));
    writeJson(options, stats, io);
  });
}

function writeJson(options: AnalyzeOptions, figures: unknown, io: Output): void {
  if (!options.json) return;
  mkdirSync(dirname(options.json), { recursive: true });
  writeFileSync(options.json, JSON.stringify(figures, null, 2) + "\n");
  io.out(`\nWrote every figure to ${options.json}\n`);
}

/**
 * A ratings, rankings or curation file (Photogenic's exports): by --format, else by a CSV's header
 * — aspect and value columns (ratings), ranking and rank columns (rankings), stage and vote columns
 * (a curation manifest); null for pairwise judgments.
 */
function itemFileKind(file: string, options: AnalyzeOptions): "ratings" | "rankings" | "curation" | null {
  if (options.format === "ratings" || options.format === "rankings" || options.format === "curation")
    return options.format;
  if (options.format !== undefined || /\.jsonl?$/i.test(file)) return null;
  const header = readFileSync(file, "utf8").split(/\r?\n/, 1)[0];
  if (isRatingsHeader(header)) return "ratings";
  if (isRankingsHeader(header)) return "rankings";
  return isCurationManifestHeader(header) ? "curation" : null;
}

/** The bootstrap's rounds, seed and level from the flags (the results page's defaults). */
function bootstrapOptions(options: AnalyzeOptions) {
  const s = settingsFromOptions(options);
  return { rounds: s.bootstrapRounds ?? 1000, seed: s.seed ?? 1, level: s.level ?? 0.95 };
}

/**
 * Single-image ratings: the figures of a rating campaign's results page (lib/stats/rating
 * ratingFigures): per aspect the models' means with intervals, differences and ordinal α, and
 * the same per category; --json writes them as the page's JSON report names them.
 */
function analyzeRatings(file: string, options: AnalyzeOptions, io: Output): void {
  const { records, scales, flaggedLeftOut } = parseRatingRecordsCsv(readFileSync(file, "utf8"), file);
  const aspect = options.criterion;
  if (aspect !== undefined && !(aspect in scales)) throw new UsageError(`${file}: no ratings of aspect "${aspect}"`);
  const kept = aspect === undefined ? records : records.filter((r) => r.aspect === aspect);
  if (kept.length === 0) throw new UsageError(`${file}: no ratings`);
  const figures = ratingFigures(
    kept,
    aspect === undefined ? scales : { [aspect]: scales[aspect] },
    bootstrapOptions(options),
  );
  io.out(ratingStatsText(figures.stats, kept.length, flaggedLeftOut));
  writeJson(options, { kind: "rating", ...figures }, io);
}

/**
 * Best-of-K rankings: the figures of a ranking campaign's results page (lib/stats/ranking
 * rankingFigures): the rank-broken Bradley–Terry and Plackett–Luce leaderboards, Kendall's W and
 * slot bias; --json writes them as the page's JSON report names them.
 */
function analyzeRankings(file: string, options: AnalyzeOptions, io: Output): void {
  const { records, flaggedLeftOut } = parseRankingRecordsCsv(readFileSync(file, "utf8"), file);
  if (records.length === 0) throw new UsageError(`${file}: no rankings`);
  const figures = rankingFigures(records, bootstrapOptions(options));
  io.out(rankingFiguresText(figures, records.length, flaggedLeftOut));
  writeJson(options, { kind: "ranking", ...figures }, io);
}

/**
 * A curation campaign's manifest: the figures of its results page (lib/stats/curation
 * curationStageFigures over curationSummary) — per stage the candidates and decisions, the
 * acceptance rate with its Wilson interval and the agreement — and the survivors; --json writes
 * `{kind: "curation", images, stages, survivors}`, the page's JSON figures exactly.
 */
function analyzeCuration(file: string, options: AnalyzeOptions, io: Output): void {
  if (options.criterion !== undefined) throw new UsageError("--criterion does not apply to a curation manifest");
  const manifest = parseCurationManifestCsv(readFileSync(file, "utf8"), file);
  const summary = curationSummary(manifest.votes, manifest.stages, manifest.pool);
  const figures = {
    kind: "curation",
    images: manifest.pool.length,
    stages: curationStageFigures(summary),
    survivors: summary.survivors.map((imageId) => ({ imageId, fileName: manifest.fileNames.get(imageId)! })),
  };
  io.out(curationFiguresText(figures.images, figures.stages, figures.survivors.length));
  writeJson(options, figures, io);
}

function curationFiguresText(images: number, stages: CurationStageFigures[], survivors: number): string {
  const votes = stages.reduce((n, s) => n + s.votes, 0);
  const lines = [`${votes} votes on ${images} images in ${stages.length} stage${stages.length === 1 ? "" : "s"}`];
  for (const s of stages) {
    const a = s.agreement;
    lines.push(
      "",
      `Stage ${s.stage} (${s.who}, ${s.rule}): ${s.candidates} candidates, ${s.accepted} accepted, ${s.rejected} rejected, ${s.pending} pending`,
      `  acceptance ${acceptanceWords(s.acceptance)} (95% Wilson)`,
      `  agreement over ${a.images} images: raw ${fig(a.rawAgreement)}, Fleiss κ ${fig(a.fleissKappa)}, Krippendorff α ${fig(a.krippendorffAlpha)}, Gwet AC1 ${fig(a.gwetAC1)}`,
    );
  }
  lines.push("", `${survivors} images accepted at every stage`);
  return lines.join("\n") + "\n";
}

function rankingFiguresText(f: RankingFigures, rankings: number, flagged: number): string {
  const lines = [`${rankings} rankings${flagged ? ` (${flagged} of flagged annotators left out)` : ""}`];
  const board = (title: string, b: Leaderboard | null) => {
    if (!b) return;
    lines.push("", `${title} (${Math.round(b.level * 100)}% interval, ${b.rounds} prompt resamples)`);
    for (const r of b.rows)
      lines.push(
        `  ${String(r.rank).padStart(2)}. ${r.model.padEnd(24)} ${num(r.rating, 0)} [${num(r.lower, 0)}, ${num(r.upper, 0)}]`,
      );
  };
  board("Bradley–Terry on rank-broken pairs", f.rankBroken);
  board(`Plackett–Luce${f.plackettLuce && !f.plackettLuce.converged ? " (did not converge)" : ""}`, f.plackettLuce);
  const c = f.concordance;
  lines.push(
    "",
    `Kendall's W: mean ${num(c?.meanW ?? null, 3)} over ${c?.tasks.length ?? 0} sets ranked more than once`,
  );
  for (const b of f.slotBias)
    lines.push(
      `Slot bias, K=${b.items}: first place per slot ${b.slots.map((s) => num(s.firstShare)).join(" / ")} (expected ${num(b.expectedShare)}), p = ${num(b.pValue, 3)}`,
    );
  return lines.join("\n") + "\n";
}

function ratingStatsText(stats: AspectRatingStats[], ratings: number, flagged: number): string {
  const lines = [`${ratings} ratings${flagged ? ` (${flagged} of flagged annotators left out)` : ""}`];
  for (const a of stats) {
    lines.push(
      "",
      `${a.aspect} (${a.scale.kind}): Krippendorff α ordinal ${num(a.agreement.ordinal, 3)} over ${a.agreement.images} images`,
    );
    for (const m of a.models)
      lines.push(
        `  ${m.model.padEnd(24)} mean ${num(m.mean.estimate)} ${bracket(estimateInterval(m.mean).interval)}  n=${m.ratings}`,
      );
    for (const d of a.differences)
      lines.push(
        `  ${d.model} − ${d.opponent}: ${num(d.estimate)} ${bracket(differenceInterval(d).interval)} over ${d.prompts} prompts`,
      );
  }
  return lines.join("\n") + "\n";
}

/** `photogenic agreement`: agreement coefficients for long-format ratings. Returns the exit code. */
export function runAgreement(file: string, options: { ordinal?: string; json?: string }, io: Output = stdio): number {
  return guard(io, () => {
    const order = options.ordinal ? commaList(options.ordinal) : undefined;
    const ratings = parseLongRatings(readFileSync(file, "utf8"), file, order);
    const table = buildRatingTable(ratings, order);
    const result = toReportJson({
      items: table.items.length,
      raters: new Set(ratings.map((r) => r.rater)).size,
      ratings: ratings.length,
      categories: table.categories,
      rawAgreement: rawAgreement(table),
      fleissKappa: fleissKappa(table),
      gwetAC1: gwetAC1(table),
      krippendorffAlphaNominal: krippendorffAlpha(table, "nominal"),
      krippendorffAlphaOrdinal: order ? krippendorffAlpha(table, "ordinal") : null,
    }) as Record<string, unknown>;
    const lines = [
      `${result.items} items, ${result.raters} raters, ${result.ratings} ratings; categories: ${table.categories.join(", ")}`,
      `raw agreement          ${result.rawAgreement ?? "–"}`,
      `Fleiss' kappa          ${result.fleissKappa ?? "–"}`,
      `Gwet's AC1             ${result.gwetAC1 ?? "–"}`,
      `Krippendorff α nominal ${result.krippendorffAlphaNominal ?? "–"}`,
    ];
    if (order)
      lines.push(`Krippendorff α ordinal ${result.krippendorffAlphaOrdinal ?? "–"} (order ${order.join(" < ")})`);
    io.out(lines.join("\n") + "\n");
    if (options.json) {
      mkdirSync(dirname(options.json), { recursive: true });
      writeFileSync(options.json, JSON.stringify(result, null, 2) + "\n");
    }
  });
}

/** Bad input is the user's to fix: print it plainly and exit 1; anything else is a bug and rethrows. */
function guard(io: Output, body: () => void): number {
  try {
    body();
    return 0;
  } catch (e) {
    if (e instanceof InputError || e instanceof UsageError) {
      io.err(`error: ${e.message}\n`);
      return 1;
    }
    if (e instanceof Error && "code" in e && (e as NodeJS.ErrnoException).code === "ENOENT") {
      io.err(`error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

export function registerAnalyzeCommands(program: Command): void {
  program
    .command("analyze")
    .description("Win rates with intervals, Bradley–Terry leaderboard and agreement for votes collected anywhere")
    .argument(
      "<file>",
      "judgments CSV (model_a, model_b, winner|choice, optional prompt_id, pair_id, category, challenge, annotator, criterion, left_model), arena battle JSON, a ratings CSV (image, prompt, model, aspect, scale, value, optional annotator, category, flagged), a rankings CSV (ranking, prompt, slot, model, rank, optional image, annotator, category, flagged) or a curation manifest (stage, image, vote, stage_rules, optional file_name, annotator)",
    )
    .option("--criterion <name>", "only judgments of this criterion")
    .option(
      "--format <format>",
      "csv, arena-json, ratings, rankings or curation (default: from the extension and the CSV header)",
    )
    .option("--json <out>", "write every figure as JSON to this file")
    .option("--counting <mode>", "majority (one outcome per pair, default) or judgment")
    .option("--rounds <n>", "bootstrap rounds (default 1000)")
    .option("--seed <n>", "bootstrap seed (default 1)")
    .option("--level <p>", "confidence level (default 0.95)")
    .option("--baseline <model>", "report head-to-heads against this model")
    .option("--anchor <model=rating>", "pin one model's rating instead of mean 1000")
    .option("--leaderboard-resample <unit>", "prompts (default) or judgments")
    .option("--anonymous-only", "arena JSON: only battles voted blind (anony = true)")
    .option("--models <regex>", "only comparisons where both model names match")
    .action((file: string, options: AnalyzeOptions) => {
      process.exitCode = runAnalyze(file, options);
    });
  program
    .command("agreement")
    .description("Inter-annotator agreement for long-format ratings (item, rater, label)")
    .argument("<file>", "CSV/TSV with item, rater, label columns")
    .option("--ordinal <labels>", "comma-separated label order for ordinal Krippendorff's alpha, e.g. bad,ok,good")
    .option("--json <out>", "write the figures as JSON to this file")
    .action((file: string, options: { ordinal?: string; json?: string }) => {
      process.exitCode = runAgreement(file, options);
    });
}

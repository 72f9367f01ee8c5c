import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseArenaJson } from "./io/arena-json";
import { computeCampaignStats, type CampaignStatsSettings } from "./campaign-stats";
import type { Judgment } from "./types";

// Real votes: GenAI-Arena, 2024-02-20 (see ../shared/data/SOURCES.md). Read in place, never copied.
const ARENA = fileURLToPath(new URL("../../../shared/data/genai_arena_clean_battle_20240220.json", import.meta.url));
const text = readFileSync(ARENA, "utf8");
const generation = /^imagenhub_.*_generation$/;
const short = (m: string) => m.replace(/^imagenhub_/, "").replace(/_generation$/, "");

describe("GenAI-Arena text-to-image battles", () => {
  const all = parseArenaJson(text, ARENA, { modelPattern: generation });
  const anonymous = parseArenaJson(text, ARENA, { modelPattern: generation, anonymousOnly: true });

  it("reads the counts SOURCES.md states: 1,978 battles, 1,451 anonymous, winners 725 / 711 / 130 + 412 ties", () => {
    expect(all).toHaveLength(1978);
    expect(anonymous).toHaveLength(1451);
    const count = (w: Judgment["winner"]) => all.filter((j) => j.winner === w).length;
    expect([count("A"), count("B"), count("tie")]).toEqual([725, 711, 130 + 412]);
    expect(new Set(all.flatMap((j) => [short(j.modelA), short(j.modelB)]))).toEqual(
      new Set(["LCM", "OpenJourney", "PixArtAlpha", "PlayGroundV2", "SDXL", "SDXLTurbo"]),
    );
  });

  // The leaderboard as production computes it (the results page, reports and `photogenic analyze`
  // all go through computeCampaignStats); reports round to 6 significant digits (0.01 point here).
  const leaderboard = (settings: CampaignStatsSettings) =>
    computeCampaignStats(anonymous, { counting: "judgment", breakdowns: [], ...settings }).criteria[0].leaderboard!;
  const board = leaderboard({ bootstrapRounds: 300, seed: 1, leaderboardResample: "judgments" });

  it("places PlayGroundV2 first and LCM last on the anonymous battles", () => {
    const order = board.rows.map((r) => short(r.model));
    expect(order[0]).toBe("PlayGroundV2");
    expect(order[order.length - 1]).toBe("LCM");
    expect(board.rows[0].rank).toBe(1);
  });

  it("matches an independent maximum-likelihood fit to 0.1 points", () => {
    // Computed with scipy.optimize.minimize (BFGS, gtol 1e-10) on the same likelihood with ties as
    // half a win and no prior, centred to mean 1000 on the 400/ln 10 scale.
    const reference: Record<string, number> = {
      LCM: 849.638,
      OpenJourney: 921.314,
      PixArtAlpha: 1078.404,
      PlayGroundV2: 1151.306,
      SDXLTurbo: 972.132,
      SDXL: 1027.206,
    };
    const exact = leaderboard({ bootstrapRounds: 1, priorPrecision: 1e-9 });
    for (const r of exact.rows) expect(r.rating).toBeCloseTo(reference[short(r.model)], 1);
    // the default prior (λ = 0.01) moves no rating by more than 0.1 point here
    for (const r of board.rows) expect(Math.abs(r.rating - reference[short(r.model)])).toBeLessThan(0.1);
  });

  it("has intervals around each rating, mean 1000, games = 2 × battles", () => {
    const mean = board.rows.reduce((s, r) => s + r.rating, 0) / board.rows.length;
    expect(Math.abs(mean - 1000)).toBeLessThan(0.01);
    for (const r of board.rows) {
      expect(r.lower).toBeLessThan(r.rating);
      expect(r.upper).toBeGreaterThan(r.rating);
      // ±1.96 SE of a BT rating from ~450 games is roughly 20–35 points
      expect(r.upper - r.lower).toBeGreaterThan(20);
      expect(r.upper - r.lower).toBeLessThan(80);
    }
    expect(board.rows.reduce((s, r) => s + r.games, 0)).toBe(2 * 1451);
  });

  it("is deterministic for a seed and anchors on request", () => {
    const settings = { bootstrapRounds: 50, seed: 9, leaderboardResample: "judgments" } as const;
    expect(leaderboard(settings)).toEqual(leaderboard(settings));
    const anchored = leaderboard({
      bootstrapRounds: 50,
      seed: 9,
      anchor: { model: "imagenhub_SDXL_generation", rating: 1100 },
    });
    const sdxl = anchored.rows.find((r) => short(r.model) === "SDXL")!;
    expect(sdxl.rating).toBeCloseTo(1100, 9);
    expect(sdxl.upper - sdxl.lower).toBeCloseTo(0, 9);
    expect(() => leaderboard({ bootstrapRounds: 1, anchor: { model: "nope", rating: 1 } })).toThrow(/anchor/);
  });
});

describe("GenAI-Arena, every battle: two groups of models that never met", () => {
  // 1,978 text-to-image battles among 6 models and 83 image-editing battles among 7 others.
  const everything = parseArenaJson(text, ARENA);
  const stats = computeCampaignStats(everything, { bootstrapRounds: 100 });
  const lb = stats.criteria[0].leaderboard!;

  it("finds the two connected components, largest first", () => {
    expect(lb.components).toHaveLength(2);
    expect(lb.components[0].every((m) => m.endsWith("_edition"))).toBe(true);
    expect(lb.components[0]).toHaveLength(7);
    expect(lb.components[1].map(short).sort()).toEqual([
      "LCM",
      "OpenJourney",
      "PixArtAlpha",
      "PlayGroundV2",
      "SDXL",
      "SDXLTurbo",
    ]);
  });

  it("ranks each component apart, in rating order, each centred on 1000", () => {
    for (let c = 0; c < 2; c++) {
      const rows = lb.rows.filter((r) => r.component === c);
      expect(rows.map((r) => r.model).sort()).toEqual(lb.components[c]);
      expect(rows[0].rank).toBe(1);
      for (let i = 1; i < rows.length; i++) {
        expect(rows[i].rating).toBeLessThanOrEqual(rows[i - 1].rating);
        expect(rows[i].rank).toBeGreaterThanOrEqual(rows[i - 1].rank);
      }
      const mean = rows.reduce((s, r) => s + r.rating, 0) / rows.length;
      expect(Math.abs(mean - 1000)).toBeLessThan(0.01);
    }
    // The generation models are rated as if analysed alone (the fit separates by component).
    const alone = computeCampaignStats(parseArenaJson(text, ARENA, { modelPattern: generation }), {
      bootstrapRounds: 100,
    }).criteria[0].leaderboard!;
    expect(alone.components).toHaveLength(1);
    for (const r of lb.rows.filter((x) => x.component === 1))
      expect(Math.abs(r.rating - alone.rows.find((x) => x.model === r.model)!.rating)).toBeLessThan(0.01);
  });
});

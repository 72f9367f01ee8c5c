import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { registerAnalyzeCommands, runAgreement, runAnalyze } from "./analyze";
import { captureOutput } from "../../tests/support/capture-output";

const ARENA = fileURLToPath(new URL("../../../shared/data/genai_arena_clean_battle_20240220.json", import.meta.url));

const capture = captureOutput;

describe("photogenic analyze", () => {
  it("runs on the GenAI-Arena JSON: PlayGroundV2 first, LCM last, every figure in --json", () => {
    const dir = mkdtempSync(join(tmpdir(), "analyze-"));
    const out = join(dir, "stats.json");
    const io = capture();
    const code = runAnalyze(ARENA, { anonymousOnly: true, models: "_generation$", rounds: "100", json: out }, io);
    expect(io.stderr).toBe("");
    expect(code).toBe(0);
    const board = io.stdout
      .slice(io.stdout.indexOf("Bradley–Terry leaderboard"))
      .split("\n")
      .filter((l) => /^\d+\s/.test(l));
    expect(board).toHaveLength(6);
    expect(board[0]).toMatch(/^1\s+imagenhub_PlayGroundV2_generation/);
    expect(board[5]).toMatch(/imagenhub_LCM_generation/);
    const stats = JSON.parse(readFileSync(out, "utf8"));
    expect(stats.schema).toBe("photogenic.campaign-stats/1");
    expect(stats.criteria[0].judgments).toBe(1451);
  });

  it("on every GenAI-Arena battle says the comparison graph is disconnected and ranks each component apart", () => {
    const dir = mkdtempSync(join(tmpdir(), "analyze-"));
    const out = join(dir, "stats.json");
    const io = capture();
    expect(runAnalyze(ARENA, { rounds: "50", json: out }, io)).toBe(0);
    expect(io.stdout).toMatch(/comparison graph is disconnected: 2 groups of models \(7 \+ 6 models\)/);
    const [, first, second] = io.stdout.split(/^Component \d of 2: /m);
    const ranked = (block: string) =>
      block
        .split("\n")
        .filter((l) => /^\d+\s+imagenhub_/.test(l))
        .map((l) => l.split(/\s+/));
    expect(ranked(first)).toHaveLength(7);
    expect(ranked(first).every(([, model]) => model.endsWith("_edition"))).toBe(true);
    const generation = ranked(second.slice(0, second.indexOf("Agreement")));
    expect(generation).toHaveLength(6);
    expect(generation[0][0]).toBe("1");
    expect(generation.map(([rank]) => Number(rank))).toEqual(
      [...generation.map(([rank]) => Number(rank))].sort((a, b) => a - b),
    );
    const stats = JSON.parse(readFileSync(out, "utf8"));
    const lb = stats.criteria[0].leaderboard;
    expect(lb.components.map((g: string[]) => g.length)).toEqual([7, 6]);
    expect(new Set(lb.rows.map((r: { component: number }) => r.component))).toEqual(new Set([0, 1]));
  });

  it("reads a judgments CSV and filters a criterion", () => {
    const dir = mkdtempSync(join(tmpdir(), "analyze-"));
    const file = join(dir, "votes.csv");
    const rows = ["pair_id,prompt_id,model_a,model_b,winner,annotator,criterion"];
    for (let p = 0; p < 12; p++)
      for (const a of ["w1", "w2", "w3"])
        rows.push(`p${p},q${p},emu,sdxl,${p % 4 === 0 ? "B" : "A"},${a},visual_appeal`);
    rows.push("x,q0,emu,sdxl,tie,w1,text_faithfulness");
    writeFileSync(file, rows.join("\n"));
    const io = capture();
    expect(runAnalyze(file, { criterion: "visual_appeal", rounds: "50" }, io)).toBe(0);
    // 9 of 12 pairs won by emu, unanimously: win rate 75.0%; raw agreement 100%.
    expect(io.stdout).toMatch(/emu vs sdxl\s+9 \/ 0 \/ 3\s+75\.0%/);
    expect(io.stdout).toMatch(/raw 100\.0%/);
  });

  it("exits 1 with the place of the problem for a malformed file", () => {
    const dir = mkdtempSync(join(tmpdir(), "analyze-"));
    const file = join(dir, "bad.csv");
    writeFileSync(file, "model_a,model_b,winner\nx,y,A\nx,y,perhaps\n");
    const io = capture();
    expect(runAnalyze(file, {}, io)).toBe(1);
    expect(io.stderr).toMatch(/bad\.csv:3:3: column winner: "perhaps"/);
    const missing = capture();
    expect(runAnalyze(join(dir, "nope.csv"), {}, missing)).toBe(1);
    expect(missing.stderr).toMatch(/ENOENT/);
    const flags = capture();
    expect(runAnalyze(file, { rounds: "many" }, flags)).toBe(1);
  });
});

describe("photogenic agreement", () => {
  it("prints the coefficients of Krippendorff's published example (α nominal 0.743, ordinal 0.815)", () => {
    const dir = mkdtempSync(join(tmpdir(), "agreement-"));
    const file = join(dir, "ratings.csv");
    const data: Record<string, string> = {
      A: "1 2 3 3 2 1 4 1 2 . . .",
      B: "1 2 3 3 2 2 4 1 2 5 . 3",
      C: ". 3 3 3 2 3 4 2 2 5 1 .",
      D: "1 2 3 3 2 4 4 1 2 5 1 .",
    };
    const lines = ["item,rater,label"];
    for (const [rater, row] of Object.entries(data))
      row.split(" ").forEach((v, u) => lines.push(`u${u + 1},${rater},${v === "." ? "" : v}`));
    writeFileSync(file, lines.join("\n"));
    const io = capture();
    expect(runAgreement(file, { ordinal: "1,2,3,4,5" }, io)).toBe(0);
    expect(io.stdout).toMatch(/Krippendorff α nominal 0\.743/);
    expect(io.stdout).toMatch(/Krippendorff α ordinal 0\.815/);
  });
});

describe("registerAnalyzeCommands", () => {
  it("adds analyze and agreement to a commander program", () => {
    const program = new Command("photogenic");
    registerAnalyzeCommands(program);
    expect(program.commands.map((c) => c.name())).toEqual(["analyze", "agreement"]);
  });
});

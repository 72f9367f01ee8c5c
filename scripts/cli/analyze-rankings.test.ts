import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAnalyze } from "./analyze";
import { captureOutput } from "../../tests/support/capture-output";

const capture = captureOutput;

const HEADER = "annotator,ranking,set,prompt,category,slot,image,model,rank,flagged,created_at";

/** Rankings of A, B, C by two annotators over 8 prompts, A always first, B and C tied on even prompts; one flagged ranking. */
function rankingsCsv(): string {
  const rows = [HEADER];
  for (let p = 0; p < 8; p++)
    for (const a of ["x", "y"]) {
      const ranks = { A: 1, B: 2, C: p % 2 ? 3 : 2 };
      // Slots rotate with the prompt; rows of a ranking are written in any order.
      (["C", "A", "B"] as const).forEach((model, i) =>
        rows.push(
          `${a},r-${a}-${p},s${p},p${p},,${((i + p) % 3) + 1},img-${model}-${p},${model},${ranks[model]},false,`,
        ),
      );
    }
  for (const [slot, model] of ["A", "B", "C"].entries())
    rows.push(`z,r-z,s0,p0,,${slot + 1},img-${model}-0,${model},${3 - slot},true,`);
  return rows.join("\r\n") + "\r\n";
}

function analyse(text: string, options = {}) {
  const file = join(mkdtempSync(join(tmpdir(), "analyze-rankings-")), "rankings.csv");
  writeFileSync(file, text);
  const io = capture();
  return { code: runAnalyze(file, { rounds: "100", ...options }, io), io, file };
}

describe("photogenic analyze on a rankings CSV", () => {
  it("takes the format from the header, leaves the flagged ranking out and puts A first on both leaderboards", () => {
    const { code, io } = analyse(rankingsCsv());
    expect(io.stderr).toBe("");
    expect(code).toBe(0);
    expect(io.stdout).toContain("16 rankings (1 of flagged annotators left out)");
    expect(io.stdout).toMatch(/Bradley–Terry on rank-broken pairs[^\n]*\n\s+1\. A /);
    expect(io.stdout).toMatch(/Plackett–Luce[^\n]*\n\s+1\. A /);
    // Both annotators ranked every set alike: W = 1.
    expect(io.stdout).toContain("Kendall's W: mean 1.000 over 8 sets ranked more than once");
    expect(io.stdout).toMatch(/Slot bias, K=3: first place per slot/);
  });

  it("names the file, line and column of a bad cell, and the line of a ranking with a gap or one image", () => {
    const bad = (rows: string[]) => analyse([HEADER, ...rows].join("\n") + "\n");
    let r = bad(["x,r1,s,p1,,1,i1,A,1,false,", "x,r1,s,p1,,2,i2,B,first,false,"]);
    expect(r.code).toBe(1);
    expect(r.io.stderr).toBe(`error: ${r.file}:3:9: column rank: "first" is not a whole number of 1 or more\n`);
    r = bad(["x,r1,s,p1,,1,i1,A,1,false,", "x,r1,s,p2,,2,i2,B,2,false,"]);
    expect(r.io.stderr).toBe(`error: ${r.file}:3:4: column prompt: "p2" differs from "p1" on line 2 of ranking r1\n`);
    r = bad(["x,r1,s,p1,,1,i1,A,1,false,", "x,r1,s,p1,,1,i2,B,2,false,"]);
    expect(r.io.stderr).toBe(`error: ${r.file}:3:6: column slot: slot 1 of ranking r1 already given\n`);
    r = bad(["x,r1,s,p1,,1,i1,A,1,false,", "x,r1,s,p1,,3,i2,B,2,false,"]);
    expect(r.io.stderr).toBe(`error: ${r.file}:2: ranking r1: slots 1, 3 leave out 2\n`);
    r = bad(["x,r1,s,p1,,1,i1,A,1,false,", "x,r2,s,p1,,1,i1,A,1,false,", "x,r2,s,p1,,2,i2,B,1,false,"]);
    expect(r.io.stderr).toBe(`error: ${r.file}:2: ranking r1: 1 images, a ranking has 2–6\n`);
    r = analyse("annotator,ranking,prompt,rank\nx,r1,p1,1\n");
    expect(r.io.stderr).toBe(`error: ${r.file}:1: missing column slot; found: annotator, ranking, prompt, rank\n`);
  });
});

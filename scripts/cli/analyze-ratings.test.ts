import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAnalyze } from "./analyze";
import { captureOutput } from "../../tests/support/capture-output";

const capture = captureOutput;

const HEADER = "annotator,image,prompt,category,model,aspect,scale,value,flagged,latency_ms,created_at";

/** Two raters on every image of models A and B over 6 prompts: A gets 4 and 5 (mean 4.5), B gets 2 and 2. */
function ratingsCsv(): string {
  const rows = [HEADER];
  for (let p = 0; p < 6; p++)
    for (const [model, values] of [
      ["A", [4, 5]],
      ["B", [2, 2]],
    ] as const)
      values.forEach((v, r) =>
        rows.push(`a-${r},img-${model}-${p},p${p},cat${p % 2},${model},quality,likert5,${v},false,,`),
      );
  rows.push(`a-9,img-A-0,p0,cat0,A,quality,likert5,1,true,,`);
  return rows.join("\r\n") + "\r\n";
}

describe("photogenic analyze on a ratings CSV", () => {
  it("prints per model the mean worked by hand, the difference and α, leaving flagged rows out", () => {
    const dir = mkdtempSync(join(tmpdir(), "analyze-ratings-"));
    const file = join(dir, "ratings.csv");
    writeFileSync(file, ratingsCsv());
    const io = capture();
    expect(runAnalyze(file, { rounds: "200" }, io)).toBe(0);
    expect(io.stderr).toBe("");
    expect(io.stdout).toContain("24 ratings (1 of flagged annotators left out)");
    expect(io.stdout).toMatch(/A\s+mean 4\.50 \[/);
    expect(io.stdout).toMatch(/B\s+mean 2\.00 \[/);
    expect(io.stdout).toContain("A − B: 2.50");
    expect(io.stdout).toMatch(/quality \(likert5\): Krippendorff α ordinal \d\.\d{3} over 12 images/);
  });

  it("names the file, line and column of a value off the scale and of an unknown scale", () => {
    const dir = mkdtempSync(join(tmpdir(), "analyze-ratings-"));
    const file = join(dir, "bad.csv");
    writeFileSync(file, `${HEADER}\nx,i1,p1,,A,quality,likert5,3,false,,\nx,i2,p1,,B,quality,likert5,6,false,,\n`);
    const io = capture();
    expect(runAnalyze(file, {}, io)).toBe(1);
    expect(io.stderr).toBe(`error: ${file}:3:8: column value: "6" is not on the likert5 scale (1, 2, 3, 4, 5)\n`);
    writeFileSync(file, `${HEADER}\nx,i1,p1,,A,quality,likert7,3,false,,\n`);
    const again = capture();
    expect(runAnalyze(file, {}, again)).toBe(1);
    expect(again.stderr).toBe(`error: ${file}:2:7: column scale: "likert7" is not one of likert5, likert3, yes-no\n`);
  });
});

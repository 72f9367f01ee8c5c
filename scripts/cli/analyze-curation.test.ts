import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAnalyze } from "./analyze";
import { captureOutput } from "../../tests/support/capture-output";

const HEADER = "stage,file_name,image,annotator,role,vote,stage_decision,in_dataset,voted_at,stage_rules";
const RULES = "majority of 3 | at least 1 of 1 accept";

/**
 * Four images: i0 accepted by all three of the crowd and then by the expert; i1 rejected by two;
 * i2 accepted 2–1 and rejected by the expert; i3 without a vote yet (a row of its own).
 */
function manifest(rules = RULES): string {
  const rows = [HEADER];
  const vote = (stage: number, image: number, annotator: string, v: string) =>
    rows.push(
      `${stage},f${image}.png,i${image},${annotator},${stage === 1 ? "crowd" : "expert"},${v},x,false,,${rules}`,
    );
  for (const a of ["a", "b", "c"]) vote(1, 0, a, "accept");
  vote(1, 1, "a", "reject");
  vote(1, 1, "b", "reject");
  vote(1, 2, "a", "accept");
  vote(1, 2, "b", "reject");
  vote(1, 2, "c", "accept");
  rows.push(`1,f3.png,i3,,,,pending,false,,${rules}`);
  vote(2, 0, "e", "accept");
  vote(2, 2, "e", "reject");
  return rows.join("\r\n") + "\r\n";
}

function analyse(text: string, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), "analyze-curation-"));
  const file = join(dir, "manifest.csv");
  writeFileSync(file, text);
  const io = captureOutput();
  return { code: runAnalyze(file, { json: join(dir, "out.json"), ...options }, io), io, file, dir };
}

describe("photogenic analyze on a curation manifest", () => {
  it("takes the format from the header and prints acceptance and agreement per stage and the survivors", () => {
    const { code, io, dir } = analyse(manifest());
    expect(io.stderr).toBe("");
    expect(code).toBe(0);
    expect(io.stdout).toContain("10 votes on 4 images in 2 stages");
    expect(io.stdout).toContain(
      "Stage 1 (crowd, majority of 3): 4 candidates, 2 accepted, 1 rejected, 1 pending\n  acceptance 66.7 % [",
    );
    expect(io.stdout).toContain(
      "Stage 2 (experts, at least 1 of 1 accept): 2 candidates, 1 accepted, 1 rejected, 0 pending",
    );
    expect(io.stdout).toContain("1 images accepted at every stage");
    const json = JSON.parse(readFileSync(join(dir, "out.json"), "utf8"));
    expect(json.kind).toBe("curation");
    expect(json.images).toBe(4);
    expect(json.survivors).toEqual([{ imageId: "i0", fileName: "f0.png" }]);
    expect(json.stages.map((s: { votes: number; voted: number }) => [s.votes, s.voted])).toEqual([
      [8, 3],
      [2, 2],
    ]);
    // Three images with at least two votes at stage 1: i0 (3 accepts), i1 (2 rejects), i2 (split).
    expect(json.stages[0].agreement.images).toBe(3);
    expect(json.stages[0].agreement.rawAgreement).toBeCloseTo((1 + 1 + 1 / 3) / 3, 12);
  });

  it("names the file, line and column of a bad cell, and refuses a file without rows or without its columns", () => {
    const bad = (...rows: string[]) => analyse([HEADER, ...rows].join("\n") + "\n");
    const row = (cells: Partial<Record<string, string>>) => {
      const v = { stage: "1", file: "f.png", image: "i", annotator: "a", vote: "accept", rules: RULES, ...cells };
      return `${v.stage},${v.file},${v.image},${v.annotator},crowd,${v.vote},pending,false,,${v.rules}`;
    };
    let r = bad(row({}), row({ vote: "yes" }));
    expect(r.code).toBe(1);
    expect(r.io.stderr).toBe(`error: ${r.file}:3:6: column vote: "yes" is not accept, reject or empty\n`);
    r = bad(row({ stage: "3" }));
    expect(r.io.stderr).toBe(
      `error: ${r.file}:2:1: column stage: "3" is not a stage of this campaign (1–2, as stage_rules lists them)\n`,
    );
    r = bad(row({ stage: "one" }));
    expect(r.io.stderr).toMatch(/:2:1: column stage: "one" is not a stage/);
    r = bad(row({ image: "" }));
    expect(r.io.stderr).toBe(`error: ${r.file}:2:3: column image: empty\n`);
    r = bad(row({}), row({ file: "other.png" }));
    expect(r.io.stderr).toBe(
      `error: ${r.file}:3:2: column file_name: "other.png" differs from "f.png" on line 2 for image i\n`,
    );
    r = bad(row({ vote: "", annotator: "a" }));
    expect(r.io.stderr).toBe(`error: ${r.file}:2:6: column vote: empty, but annotator "a" is given\n`);
    r = bad(row({ rules: "most of 3" }));
    expect(r.io.stderr).toBe(
      `error: ${r.file}:2:10: column stage_rules: "most of 3" is not "majority of N" or "at least T of N accept"\n`,
    );
    r = bad(row({ rules: "at least 4 of 3 accept" }));
    expect(r.io.stderr).toBe(
      `error: ${r.file}:2:10: column stage_rules: "at least 4 of 3 accept": N must be 1 or more, and T from 1 to N\n`,
    );
    r = bad(row({}), row({ image: "j", rules: "majority of 3" }));
    expect(r.io.stderr).toBe(`error: ${r.file}:3:10: column stage_rules: differs from line 2\n`);
    r = bad();
    expect(r.io.stderr).toBe(`error: ${r.file}:1: no rows after the header\n`);
    r = analyse("stage,image,vote\n1,i,accept\n");
    expect(r.io.stderr).toBe(`error: ${r.file}:1: missing column stage_rules; found: stage, image, vote\n`);
    r = analyse(manifest(), { criterion: "stage_1" });
    expect(r.io.stderr).toBe("error: --criterion does not apply to a curation manifest\n");
  });
});

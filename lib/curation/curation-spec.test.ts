import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { parseMarkdown } from "../annotation/markdown";
import { campaignSpecSchema, specIssues } from "../campaigns/campaign-spec";
import { locateIssues, readSpecFile } from "../campaigns/spec-file";
import { EMU_PHOTOGRAPHY_RUBRIC } from "../stats/curation";
import { curationCriteria, rubricMarkdown, stageRules, storedCuration } from "./curation-spec";

const SPEC = `name: Harbour photos
taskType: curation
curation:
  imageFolder: harbour
  stages:
    - votes: 3
      accept: majority
    - votes: 2
      accept: 3
`;

describe("the curation spec", () => {
  it("a spec file offers curation from a folder (no prompt set, no models) and names a bad stage by its line", () => {
    const file = readSpecFile(SPEC, "spec.yaml");
    const parsed = campaignSpecSchema.safeParse(file.value);
    expect(parsed.success).toBe(false);
    const located = locateIssues(new AppError("VALIDATION", "bad", specIssues(parsed.error!)), file);
    expect(located.issues).toEqual([
      { field: "spec.yaml:9: curation.stages.1.accept", message: "at most the stage's 2 votes (got 3)" },
    ]);
    const fixed = campaignSpecSchema.parse(readSpecFile(SPEC.replace("accept: 3", "accept: 2"), "spec.yaml").value);
    expect(fixed.curation).toMatchObject({ imageFolder: "harbour", question: EMU_PHOTOGRAPHY_RUBRIC.question });
    expect(stageRules(fixed.curation!.stages)).toEqual([
      { stage: 1, votesPerImage: 3, rule: { kind: "majority" } },
      { stage: 2, votesPerImage: 2, rule: { kind: "threshold", minAccepts: 2 } },
    ]);
  });

  it("defaults to Emu's rubric as Markdown (a heading, the five principles as a list) and Emu-style stages, one criterion each", () => {
    const stored = storedCuration(undefined);
    const blocks = parseMarkdown(stored.rubric);
    expect(blocks[0]).toMatchObject({ t: "h" });
    const list = blocks.find((b) => b.t === "ul");
    expect(list && list.t === "ul" && list.items.map((item) => item[0])).toEqual(
      EMU_PHOTOGRAPHY_RUBRIC.principles.map((p) => ({ t: "strong", v: `${p.title}.` })),
    );
    expect(stored.rubric).toBe(rubricMarkdown());
    expect(curationCriteria(stored).map((c) => [c.key, c.judgmentsPerPair])).toEqual([
      ["stage_1", 3],
      ["stage_2", 2],
    ]);
  });

  it("curation needs a model or a folder, and a folder excludes models and the prompt set", () => {
    const issues = (v: unknown) => {
      const r = campaignSpecSchema.safeParse(v);
      return r.success ? [] : specIssues(r.error);
    };
    expect(issues({ name: "x", taskType: "curation", promptSet: "p", models: [] })).toContainEqual({
      field: "models",
      message: "at least one model, or curation.imageFolder",
    });
    expect(issues({ name: "x", taskType: "curation", promptSet: "p", models: ["m"] })).toEqual([]);
    expect(issues({ name: "x", taskType: "curation", promptSet: "p", curation: { imageFolder: "f" } })).toContainEqual({
      field: "promptSet",
      message: "a curation campaign from an image folder takes its captions from the folder",
    });
    expect(issues({ name: "x", taskType: "pairwise", promptSet: "p", models: ["m"] })).toContainEqual({
      field: "models",
      message: "at least two models",
    });
  });
});

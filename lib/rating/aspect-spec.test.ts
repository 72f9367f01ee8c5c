import { describe, expect, it } from "vitest";
import { campaignSpecSchema, specIssues } from "../campaigns/campaign-spec";
import { readSpecFile } from "../campaigns/spec-file";
import { aspectsToCriteria, heimAspects, ratingSpecOf, resolveAspects } from "./aspect-spec";

const SPEC = `name: Rated
taskType: rating
promptSet: parti
models: [a, b]
aspects:
  - key: quality
    question: How good is it?
    scale: likert7
  - key: text
    question: Is there text?
    scale: yes-no
    labels: [No, Maybe, Yes]
`;

describe("rating aspects in a campaign spec", () => {
  it("names the file line and field of an unknown scale and of labels that do not fit the scale", () => {
    const file = readSpecFile(SPEC, "spec.yaml");
    const parsed = campaignSpecSchema.safeParse(file.value);
    expect(parsed.success).toBe(false);
    const issues = specIssues(parsed.error!).map(
      (i) => `${file.fileName}:${file.lineOf(i.field)}: ${i.field}: ${i.message}`,
    );
    expect(issues).toEqual(["spec.yaml:8: aspects.0.scale: the scale is one of likert5, likert3, yes-no"]);
    const fixed = campaignSpecSchema.safeParse(readSpecFile(SPEC.replace("likert7", "likert5"), "spec.yaml").value);
    expect(specIssues(fixed.error!)).toEqual([
      { field: "aspects.1.labels", message: "the yes-no scale needs 2 labels, lowest first (got 3)" },
    ]);
  });

  it("takes `aspects: heim` as HEIM's five aspects, and stored criteria give the same spec back", () => {
    const parsed = campaignSpecSchema.parse({
      name: "x",
      promptSet: "p",
      models: ["a", "b"],
      taskType: "rating",
      aspects: "heim",
    });
    const aspects = resolveAspects(parsed.aspects);
    expect(aspects.map((a) => a.key)).toEqual([
      "alignment",
      "aesthetics",
      "originality",
      "photorealism",
      "subject_clarity",
    ]);
    expect(aspects).toEqual(heimAspects());
    const rows = aspectsToCriteria(aspects, 3);
    expect(rows[3]).toMatchObject({ key: "photorealism", showPrompt: false, scale: "likert5", judgmentsPerPair: 3 });
    expect(ratingSpecOf(rows).aspects).toEqual(aspects);
  });
});

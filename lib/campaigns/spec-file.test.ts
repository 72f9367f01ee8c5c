import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { campaignSpecSchema, specIssues } from "./campaign-spec";
import { jsonSyntaxError, locateIssues, readSpecFile } from "./spec-file";

const YAML = `# a comment
name: Parti
promptSet: parti@1
subset:
  mode: per-category
  perCategory: 2
models:
  - demo-a
  - demo-b
criteria:
  - key: appeal
    showPrompt: false
    choices: [left, right]
    judgmentsPerPair: 3
seedsPerPrompt: two
`;

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("readSpecFile", () => {
  it("reads YAML and finds the line of every field path", () => {
    const file = readSpecFile(YAML, "spec.yaml");
    expect(file.value).toMatchObject({ name: "Parti", models: ["demo-a", "demo-b"] });
    expect(file.lineOf("name")).toBe(2);
    expect(file.lineOf("subset")).toBe(4);
    expect(file.lineOf("subset.perCategory")).toBe(6);
    expect(file.lineOf("models.1")).toBe(9);
    expect(file.lineOf("criteria.0.choices")).toBe(13);
    // A missing field is placed at its closest enclosing node: the criterion's first line.
    expect(file.lineOf("criteria.0.question")).toBe(11);
    expect(file.lineOf("(root)")).toBe(2);
    expect(file.lineOf("nowhere.at.all")).toBe(2);
  });

  it("names the file and line of a schema's issues", () => {
    const file = readSpecFile(YAML, "spec.yaml");
    const parsed = campaignSpecSchema.safeParse(file.value);
    expect(parsed.success).toBe(false);
    const located = locateIssues(new AppError("VALIDATION", "bad", specIssues(parsed.error!)), file);
    const fields = located.issues.map((i) => i.field);
    expect(fields).toContain("spec.yaml:15: seedsPerPrompt");
    expect(fields).toContain("spec.yaml:11: criteria.0.question");
    expect(located.message).toMatch(/^spec\.yaml: \d+ problems; nothing was written$/);
  });

  it("reads JSON and maps paths to its lines", () => {
    const json = '{\n\t"name": "x",\n\t"models": [\n\t\t"a",\n\t\t"b"\n\t],\n\t"seedsPerPrompt": "2"\n}\n';
    const file = readSpecFile(json, "spec.json");
    expect(file.lineOf("models.1")).toBe(5);
    expect(file.lineOf("seedsPerPrompt")).toBe(7);
  });

  it("refuses YAML and JSON syntax errors with the line", () => {
    expect(refusal(() => readSpecFile("name: x\nmodels: [a, b\nseeds: 2\n", "s.yaml")).issues[0].field).toBe(
      "s.yaml:3",
    );
    expect(refusal(() => readSpecFile("name: x\nname: y\n", "s.yaml")).issues[0]).toEqual({
      field: "s.yaml:2",
      message: "syntax error: Map keys must be unique",
    });
    const json = refusal(() => readSpecFile('{\n  "name": "x",\n  "models": [1,]\n}\n', "s.json"));
    expect(json.message).toBe("s.json: not valid JSON");
    expect(json.issues[0].field).toBe("s.json:3");
  });
});

describe("campaignSpecSchema", () => {
  const base = { name: "x", promptSet: "parti", models: ["a", "b"] };

  it("accepts names or ids, and defaults to Emu's two criteria", () => {
    const spec = campaignSpecSchema.parse(base);
    expect(spec.criteria.map((c) => c.key)).toEqual(["visual_appeal", "text_faithfulness"]);
    expect(campaignSpecSchema.safeParse({ name: "x", promptSetId: "c1", modelIds: ["m1", "m2"] }).success).toBe(true);
  });

  it("names unknown fields (a typo must not fall back to a default)", () => {
    const parsed = campaignSpecSchema.safeParse({ ...base, seedPerPrompt: 2 });
    expect(specIssues(parsed.error!)).toEqual([{ field: "seedPerPrompt", message: "unknown field" }]);
  });

  it("wants the prompt set and the models one way, and a baseline among the models", () => {
    const issues = (input: object) => specIssues(campaignSpecSchema.safeParse(input).error!).map((i) => i.field);
    expect(issues({ ...base, promptSetId: "c1" })).toContain("promptSet");
    expect(issues({ name: "x", promptSet: "p" })).toContain("models");
    expect(issues({ ...base, models: ["a", "a"] })).toContain("models");
    expect(issues({ ...base, pairDesign: "baseline", baselineModel: "c" })).toContain("baselineModel");
    expect(campaignSpecSchema.safeParse({ ...base, pairDesign: "baseline", baselineModel: "a" }).success).toBe(true);
  });
});

describe("jsonSyntaxError", () => {
  it("finds the first character that is not JSON", () => {
    expect(jsonSyntaxError('{"a": [1,]}')).toEqual({ offset: 9, message: 'unexpected "]"' });
    expect(jsonSyntaxError('{"a": 1 "b": 2}')).toEqual({ offset: 8, message: "expected , or }" });
    expect(jsonSyntaxError("{a: 1}")).toEqual({ offset: 1, message: "expected a quoted key" });
    expect(jsonSyntaxError('{"a": tru}').message).toBe("expected true");
    expect(jsonSyntaxError('{"a": "x\\"}').message).toBe("unterminated string");
    expect(jsonSyntaxError('{"a": 1} x').message).toBe("unexpected text after the end");
  });
});

import { describe, expect, it } from "vitest";
import { derivePromptId, externalIdProblem, normalisePromptText } from "./prompt-id";

describe("normalisePromptText", () => {
  it("folds NFKC forms, trims, collapses whitespace and lower-cases", () => {
    expect(normalisePromptText("  A\u00a0Cat \t on\na  ＭＡＴ ")).toBe("a cat on a mat");
    expect(normalisePromptText("ﬁne café")).toBe(normalisePromptText("fine cafe\u0301"));
  });
});

describe("derivePromptId", () => {
  it("is p_ + 16 hex digits of the normalised text's SHA-256", () => {
    // Checked against `printf 'a cat on a mat' | sha256sum` → b2281618d7e4848f…
    expect(derivePromptId("A cat  on a mat")).toBe("p_b2281618d7e4848f");
    expect(derivePromptId("A cat  on a mat")).toBe(derivePromptId("a cat on a mat"));
    expect(derivePromptId("a cat on a mat")).not.toBe(derivePromptId("a cat on a hat"));
  });
});

describe("externalIdProblem", () => {
  it("accepts ordinary ids and refuses very long ones or control characters", () => {
    expect(externalIdProblem("parti-0001")).toBeUndefined();
    expect(externalIdProblem("x".repeat(129))).toMatch(/limit is 128/);
    expect(externalIdProblem("a\u0007b")).toMatch(/control/);
  });
});

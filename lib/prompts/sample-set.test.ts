import { describe, expect, it } from "vitest";
import { SAMPLE_PROMPT_SET_FILE } from "./sample-set";
import { parseFile } from "./test-helpers";

describe("the shipped sample prompt set", () => {
  it("is a clean PartiPrompts-style TSV: about 50 prompts, all 12 categories, all 11 challenges", async () => {
    const { prompts, report } = await parseFile(SAMPLE_PROMPT_SET_FILE);
    expect(report).toMatchObject({ ok: true, format: "tsv", errorCount: 0, warningCount: 0 });
    expect(prompts.length).toBeGreaterThanOrEqual(45);
    expect(new Set(prompts.map((p) => p.category)).size).toBe(12);
    expect(new Set(prompts.map((p) => p.challenge)).size).toBe(11);
    expect(prompts.filter((p) => p.note).length).toBeGreaterThan(0);
  });
});

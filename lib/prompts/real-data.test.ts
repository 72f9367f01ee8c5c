import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ParsedPrompt } from "./types";
import { parseFile, parseText, sharedData, PARTI_CATEGORY_COUNTS } from "./test-helpers";

const countBy = (prompts: ParsedPrompt[], key: "category" | "challenge") => {
  const counts: Record<string, number> = {};
  for (const p of prompts) if (p[key]) counts[p[key]!] = (counts[p[key]!] ?? 0) + 1;
  return counts;
};

const parti = sharedData("PartiPrompts.tsv");
const drawBench = sharedData("DrawBench.csv");

// The reference files live beside the repository (../shared/data), never inside it.
describe.skipIf(!existsSync(parti))("PartiPrompts.tsv", () => {
  it("imports 1,632 prompts with 12 categories, 11 challenges and 190 notes", async () => {
    const { prompts, report } = await parseFile(parti);
    expect(report).toMatchObject({
      ok: true,
      format: "tsv",
      rowsRead: 1632,
      accepted: 1632,
      skipped: 0,
      errorCount: 0,
      warningCount: 0,
    });
    expect(prompts).toHaveLength(1632);
    expect(countBy(prompts, "category")).toEqual(PARTI_CATEGORY_COUNTS);
    expect(countBy(prompts, "challenge")).toEqual({
      "Fine-grained Detail": 312,
      Basic: 272,
      "Simple Detail": 232,
      "Style & Format": 206,
      Imagination: 150,
      Complex: 113,
      "Writing & Symbols": 91,
      Quantity: 90,
      Perspective: 70,
      "Linguistic Structures": 61,
      "Properties & Positioning": 35,
    });
    expect(prompts.filter((p) => p.note)).toHaveLength(190);
    expect(new Set(prompts.map((p) => p.id)).size).toBe(1632);
    expect(prompts.every((p) => p.idSource === "text" && /^p_[0-9a-f]{16}$/.test(p.id))).toBe(true);
    expect(prompts[0]).toMatchObject({
      line: 2,
      text: "bond",
      category: "Abstract",
      challenge: "Basic",
      note: "Biology-inspired concepts with multiple meanings",
    });
    expect(prompts.find((p) => p.text.startsWith("Dogs playing poker"))).toMatchObject({
      note: 'Description of "Dogs Playing Poker"',
    });
  });
});

describe.skipIf(!existsSync(drawBench))("DrawBench.csv", () => {
  it("imports 200 prompts in 11 categories through the BOM and quoted commas", async () => {
    const { prompts, report } = await parseFile(drawBench);
    expect(report).toMatchObject({ ok: true, format: "csv", accepted: 200, errorCount: 0, warningCount: 0 });
    expect(countBy(prompts, "category")).toEqual({
      Colors: 25,
      Conflicting: 10,
      Counting: 19,
      "DALL-E": 20,
      Descriptions: 20,
      "Gary Marcus et al.": 10,
      Misspellings: 10,
      Positional: 20,
      "Rare Words": 7,
      Reddit: 38,
      Text: 21,
    });
    expect(prompts.some((p) => p.text.includes(","))).toBe(true);
    expect(prompts.every((p) => !p.text.startsWith('"') && !p.text.startsWith("\ufeff"))).toBe(true);
  });

  it("recognises the same prompts in a TXT file written differently (case, spacing)", async () => {
    const { prompts } = await parseFile(drawBench);
    const txt = prompts.map((p) => `  ${p.text.toUpperCase().replace(/ /g, "   ")}`).join("\r\n");
    const { prompts: again } = await parseText("shouting.txt", txt, { chunkSize: 4096 });
    expect(again.map((p) => p.id)).toEqual(prompts.map((p) => p.id));
  });
});

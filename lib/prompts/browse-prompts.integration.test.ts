import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db";
import { countPrompts } from "./count-prompts";
import { importPromptSet } from "./import-prompt-set";
import { listPrompts, NONE_FILTER, parsePromptQuery } from "./list-prompts";
import { previewPromptSubset } from "./preview-prompt-subset";
import { chunksOf } from "./test-helpers";

let setId: string;

/** 120 prompts: 60 Animals, 40 Vehicles, 20 without a category; every 3rd has challenge "Quantity". */
function csv(): string {
  const lines = ["id,prompt,category,challenge"];
  for (let i = 0; i < 120; i++) {
    const category = i < 60 ? "Animals" : i < 100 ? "Vehicles" : "";
    const subject = i < 60 ? "cat" : i < 100 ? "car" : "cloud";
    lines.push(
      `q${i},"A ${i % 2 ? "red" : "blue"} ${subject}, number ${i}",${category},${i % 3 === 0 ? "Quantity" : "Basic"}`,
    );
  }
  lines.push(`special,"100% pure_snake <script>alert(1)</script>",Animals,Basic`);
  return lines.join("\n") + "\n";
}

beforeAll(async () => {
  ({
    promptSet: { id: setId },
  } = await importPromptSet({ name: "Browse", fileName: "browse.csv", stream: chunksOf(csv(), 4096) }));
});
afterAll(async () => {
  await disconnectDb();
});

const q = (params: Record<string, string>) => listPrompts(setId, parsePromptQuery(new URLSearchParams(params)));

describe("browsing a stored set", () => {
  it("pages in file order", async () => {
    const first = await q({ pageSize: "50" });
    expect(first).toMatchObject({ total: 121, page: 1, pageSize: 50, pageCount: 3 });
    expect(first.items.map((p) => p.externalId).slice(0, 3)).toEqual(["q0", "q1", "q2"]);
    const last = await q({ pageSize: "50", page: "3" });
    expect(last.items.map((p) => p.externalId)).toEqual([
      ...Array.from({ length: 20 }, (_, i) => `q${100 + i}`),
      "special",
    ]);
    expect((await q({ page: "9" })).items).toEqual([]);
  });

  it("filters by category and challenge, and by no category", async () => {
    expect((await q({ category: "Vehicles" })).total).toBe(40);
    expect((await q({ category: "Animals", challenge: "Quantity" })).total).toBe(20);
    expect((await q({ category: NONE_FILTER })).total).toBe(20);
    expect((await q({ category: "vehicles" })).total).toBe(0);
    expect((await q({ category: "" })).total).toBe(121);
  });

  it("searches case-insensitively, every word, with % and _ taken literally", async () => {
    expect((await q({ q: "CAR" })).total).toBe(40);
    expect((await q({ q: "red car" })).total).toBe(20);
    expect((await q({ q: "red car", category: "Animals" })).total).toBe(0);
    expect((await q({ q: "7 CAT" })).items.map((p) => p.externalId)).toEqual(["q7", "q17", "q27", "q37", "q47", "q57"]);
    expect((await q({ q: "100%" })).items.map((p) => p.externalId)).toEqual(["special"]);
    expect((await q({ q: "%" })).total).toBe(1);
    expect((await q({ q: "e_c" })).total).toBe(0);
    expect((await q({ q: "\\" })).total).toBe(0);
    expect((await q({ q: "pure_snake" })).total).toBe(1);
    expect((await q({ q: "<script>" })).items[0].text).toBe("100% pure_snake <script>alert(1)</script>");
  });

  it("rejects bad query parameters, naming the field", () => {
    expect(() => parsePromptQuery(new URLSearchParams({ page: "0" }))).toThrow(
      expect.objectContaining({ code: "VALIDATION", issues: [expect.objectContaining({ field: "page" })] }),
    );
    expect(() => parsePromptQuery(new URLSearchParams({ page: "two" }))).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ field: "page" })] }),
    );
    expect(() => parsePromptQuery(new URLSearchParams({ pageSize: "100000" }))).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ field: "pageSize" })] }),
    );
    expect(() => parsePromptQuery(new URLSearchParams({ sort: "x" }))).toThrow(
      expect.objectContaining({ code: "VALIDATION" }),
    );
  });

  it("counts per category and challenge", async () => {
    const counts = await countPrompts(setId);
    expect(counts.total).toBe(121);
    expect(counts.categories).toEqual([
      { name: "Animals", count: 61 },
      { name: "Vehicles", count: 40 },
      { name: null, count: 20 },
    ]);
    expect(counts.challenges).toEqual([
      { name: "Basic", count: 81 },
      { name: "Quantity", count: 40 },
    ]);
  });

  it("previews a subset spec against the stored prompts", async () => {
    const { preview } = await previewPromptSubset(setId, {
      mode: "per-category",
      perCategory: 10,
      seed: 7,
      excludeCategories: ["Vehicles", "Plants"],
    });
    expect(preview.total).toEqual({ available: 121, afterFilter: 81, selected: 20 });
    expect(preview.unmatched.categories).toEqual(["Plants"]);
    const again = await previewPromptSubset(setId, { mode: "fraction", fraction: 0.5, seed: 1 });
    expect(again.preview.total.selected).toBe(61);
    await expect(previewPromptSubset(setId, { mode: "fraction", fraction: 2 })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ field: "fraction" }],
    });
    await expect(previewPromptSubset(setId, { mode: "all", colour: "red" })).rejects.toMatchObject({
      issues: [{ field: "colour" }],
    });
    await expect(previewPromptSubset("nope", { mode: "all" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("stored text is exactly what the file held", async () => {
    const special = await db.prompt.findFirstOrThrow({ where: { promptSetId: setId, externalId: "special" } });
    expect(special.text).toBe("100% pure_snake <script>alert(1)</script>");
  });
});

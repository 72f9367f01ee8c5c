import { createReadStream, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db";
import { AppError } from "../errors";
import { countPrompts } from "./count-prompts";
import { findPromptSet } from "./find-prompt-set";
import { importPromptSet, PromptImportError } from "./import-prompt-set";
import { listPromptSets } from "./list-prompt-sets";
import { chunksOf, fixture, PARTI_CATEGORY_COUNTS } from "./test-helpers";

const sharedData = (name: string) => path.resolve(process.cwd(), "../shared/data", name);

afterAll(async () => {
  await disconnectDb();
});

const importFile = (file: string, name: string) =>
  importPromptSet({ name, fileName: path.basename(file), stream: createReadStream(file) });
const rowCounts = async () => ({ sets: await db.promptSet.count(), prompts: await db.prompt.count() });

describe("importing the real prompt sets into PostgreSQL", () => {
  it("PartiPrompts.tsv: 1,632 prompts, 12 categories with their counts, 11 challenges, 190 notes — read back from the database", async () => {
    const { promptSet, report } = await importFile(sharedData("PartiPrompts.tsv"), "PartiPrompts");
    expect(report.ok).toBe(true);
    expect(promptSet).toMatchObject({ name: "PartiPrompts", version: 1, promptCount: 1632 });

    expect(await db.prompt.count({ where: { promptSetId: promptSet.id } })).toBe(1632);
    const categories = await db.prompt.groupBy({
      by: ["category"],
      where: { promptSetId: promptSet.id },
      _count: { _all: true },
    });
    expect(Object.fromEntries(categories.map((c) => [c.category, c._count._all]))).toEqual(PARTI_CATEGORY_COUNTS);
    const challenges = await db.prompt.findMany({
      where: { promptSetId: promptSet.id },
      distinct: ["challenge"],
      select: { challenge: true },
    });
    expect(challenges.filter((c) => c.challenge !== null)).toHaveLength(11);
    expect(await db.prompt.count({ where: { promptSetId: promptSet.id, note: { not: null } } })).toBe(190);

    // Positions follow the file, ids are the stable derived ones, the report is stored.
    const first = await db.prompt.findFirstOrThrow({
      where: { promptSetId: promptSet.id },
      orderBy: { position: "asc" },
    });
    expect(first.position).toBe(0);
    expect(first.externalId).toMatch(/^p_[0-9a-f]{16}$/);
    const positions = await db.prompt.aggregate({ where: { promptSetId: promptSet.id }, _max: { position: true } });
    expect(positions._max.position).toBe(1631);
    const stored = await db.promptSet.findUniqueOrThrow({ where: { id: promptSet.id } });
    expect(stored).toMatchObject({ format: "tsv", sourceFile: "PartiPrompts.tsv", promptCount: 1632 });
    expect(stored.report).toMatchObject({ ok: true, accepted: 1632, format: "tsv" });

    const counts = await countPrompts(promptSet.id);
    expect(counts.total).toBe(1632);
    expect(counts.categories[0]).toEqual({ name: "Animals", count: 314 });
    expect(counts.categories).toHaveLength(12);
    expect(counts.challenges.filter((c) => c.name !== null)).toHaveLength(11);
    expect(counts.notes).toBe(190);
  });

  it("DrawBench.csv (BOM, quoted commas): 200 prompts in 11 categories", async () => {
    const { promptSet } = await importFile(sharedData("DrawBench.csv"), "DrawBench");
    expect(await db.prompt.count({ where: { promptSetId: promptSet.id } })).toBe(200);
    const categories = await db.prompt.findMany({
      where: { promptSetId: promptSet.id },
      distinct: ["category"],
      select: { category: true },
    });
    expect(categories.filter((c) => c.category !== null)).toHaveLength(11);
    // A quoted field with a comma survives the round trip.
    expect(await db.prompt.count({ where: { promptSetId: promptSet.id, text: { contains: "," } } })).toBeGreaterThan(0);
  });
});

describe("versions", () => {
  it("importing again under the same name creates version 2 and leaves version 1 and its campaigns' prompts alone", async () => {
    const csv = "id,prompt,category\na,A red cube,Shapes\nb,A blue sphere,Shapes\n";
    const v1 = await importPromptSet({ name: "Shapes", fileName: "shapes.csv", stream: chunksOf(csv) });
    const v1Prompts = await db.prompt.findMany({
      where: { promptSetId: v1.promptSet.id },
      orderBy: { position: "asc" },
    });
    const v2 = await importPromptSet({
      name: "Shapes",
      fileName: "shapes.csv",
      stream: chunksOf(csv + "c,A green cone,Shapes\n"),
    });
    expect(v1.promptSet.version).toBe(1);
    expect(v2.promptSet.version).toBe(2);
    expect(v2.promptSet.id).not.toBe(v1.promptSet.id);
    expect(await db.prompt.findMany({ where: { promptSetId: v1.promptSet.id }, orderBy: { position: "asc" } })).toEqual(
      v1Prompts,
    );
    expect(await db.prompt.count({ where: { promptSetId: v2.promptSet.id } })).toBe(3);

    expect((await findPromptSet("Shapes")).version).toBe(2);
    expect((await findPromptSet("Shapes@1")).id).toBe(v1.promptSet.id);
    expect((await findPromptSet(v1.promptSet.id)).versions.map((v) => v.version)).toEqual([2, 1]);
    await expect(findPromptSet("No such set")).rejects.toMatchObject({ code: "NOT_FOUND" });

    const listed = (await listPromptSets()).filter((s) => s.name === "Shapes");
    expect(listed.map((s) => [s.version, s.latest, s.promptCount, s.categoryCount])).toEqual([
      [2, true, 3, 1],
      [1, false, 2, 1],
    ]);
  });

  it("concurrent imports of one name get distinct versions", async () => {
    const results = await Promise.all(
      [1, 2, 3].map((i) => importPromptSet({ name: "Race", fileName: "race.txt", stream: chunksOf(`prompt ${i}\n`) })),
    );
    expect(results.map((r) => r.promptSet.version).sort()).toEqual([1, 2, 3]);
  });
});

/** Fixtures whose import must be refused, and the line of their (first) error. */
const REFUSED: Record<string, number> = {
  "csv-missing-prompt-column.csv": 1,
  "csv-wrong-field-count.csv": 4,
  "csv-unterminated-quote.csv": 3,
  "csv-undoubled-quote.csv": 2,
  "csv-duplicate-column.csv": 1,
  "csv-multiline-wrong-count.csv": 3,
  "csv-duplicate-id.csv": 4,
  "csv-latin1-encoded.csv": 3,
  "csv-header-only.csv": 1,
  "empty-file.csv": 1,
  "tsv-tab-in-prompt.tsv": 3,
  "tsv-actually-csv.tsv": 1,
  "tsv-missing-field.tsv": 3,
  "jsonl-trailing-comma.jsonl": 2,
  "jsonl-missing-prompt.jsonl": 3,
  "jsonl-prompt-not-string.jsonl": 2,
  "jsonl-category-array.jsonl": 1,
  "jsonl-truncated.jsonl": 3,
  "json-array.json": 1,
  "txt-over-long.txt": 2,
  "txt-latin1-encoded.txt": 2,
};
const WARNED = ["csv-empty-prompt.csv", "csv-duplicate-prompt.csv", "csv-unknown-column.csv"];

describe("malformed files write nothing", () => {
  it("covers every fixture", () => {
    expect(readdirSync(fixture(".")).sort()).toEqual([...Object.keys(REFUSED), ...WARNED].sort());
  });

  it.each(Object.entries(REFUSED))("%s → AppError VALIDATION naming line %i, zero rows written", async (file, line) => {
    const before = await rowCounts();
    const error = await importFile(fixture(file), `refused ${file}`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toBeInstanceOf(PromptImportError);
    const appError = error as PromptImportError;
    expect(appError.code).toBe("VALIDATION");
    expect(appError.status).toBe(422);
    expect(appError.issues[0].field).toMatch(new RegExp(`^${file.replace(/\./g, "\\.")}:${line}\\b`));
    expect(appError.message).toContain(`line ${line}:`);
    expect(appError.report.ok).toBe(false);
    expect(appError.lines()[0]).toContain(`${file}:`);
    expect(await rowCounts()).toEqual(before);
    expect(await db.promptSet.count({ where: { name: `refused ${file}` } })).toBe(0);
  });

  it.each(WARNED)("%s imports with its warning in the stored report", async (file) => {
    const { promptSet, report } = await importFile(fixture(file), `warned ${file}`);
    expect(report.ok).toBe(true);
    expect(report.warningCount).toBe(1);
    const stored = await db.promptSet.findUniqueOrThrow({ where: { id: promptSet.id } });
    expect(stored.report).toMatchObject({ warningCount: 1, issues: [{ severity: "warning" }] });
  });

  it("bad options are refused before anything is read", async () => {
    await expect(importPromptSet({ name: "  ", fileName: "x.txt", stream: chunksOf("a\n") })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ field: "name" }],
    });
  });

  it("an over-long prompt under a custom limit is refused and writes nothing", async () => {
    const before = await rowCounts();
    await expect(
      importPromptSet({
        name: "short",
        fileName: "s.txt",
        stream: chunksOf("ok\nthis one is far too long\n"),
        maxLength: 10,
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ field: "s.txt:2 (prompt)" }] });
    expect(await rowCounts()).toEqual(before);
  });
});

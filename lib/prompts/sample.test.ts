import { describe, expect, it } from "vitest";
import { previewCounts, sampleSubset } from "./sample";
import { parseSubsetSpec, type SubsetSpecInput } from "./subset-spec";

const spec = (input: SubsetSpecInput) => {
  const result = parseSubsetSpec(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.spec;
};

// 3 categories of 10, 6 and 1 prompts; challenges alternate.
const prompts = [
  ...Array.from({ length: 10 }, (_, i) => ({
    id: `a${i}`,
    category: "Animals",
    challenge: i % 2 ? "Basic" : "Complex",
  })),
  ...Array.from({ length: 6 }, (_, i) => ({
    id: `v${i}`,
    category: "Vehicles",
    challenge: i % 2 ? "Basic" : "Complex",
  })),
  { id: "x0", category: null, challenge: null },
];

function shuffled<T>(items: T[]): T[] {
  return [...items].reverse().sort((a, b) => (JSON.stringify(a).length % 3) - (JSON.stringify(b).length % 3));
}

const ids = (ps: { id: string }[]) => ps.map((p) => p.id);
const count = (ps: { category?: string | null }[], c: string | null) =>
  ps.filter((p) => (p.category ?? null) === c).length;

describe("sampleSubset", () => {
  it("is reproducible and independent of input order", () => {
    for (const s of [
      spec({ mode: "per-category", perCategory: 3, seed: 42 }),
      spec({ mode: "fraction", fraction: 0.5, seed: 42 }),
      spec({ mode: "all", seed: 1 }),
    ]) {
      const a = sampleSubset(prompts, s);
      expect(ids(sampleSubset(shuffled(prompts), s))).toEqual(ids(a));
      expect(ids(sampleSubset([...prompts].reverse(), s))).toEqual(ids(a));
    }
  });

  it("changes with the seed", () => {
    const a = ids(sampleSubset(prompts, spec({ mode: "per-category", perCategory: 3, seed: 1 })));
    const b = ids(sampleSubset(prompts, spec({ mode: "per-category", perCategory: 3, seed: 2 })));
    expect(a).not.toEqual(b);
  });

  it("takes N per category, all of a smaller category", () => {
    const s = sampleSubset(prompts, spec({ mode: "per-category", perCategory: 4 }));
    expect([count(s, "Animals"), count(s, "Vehicles"), count(s, null)]).toEqual([4, 4, 1]);
  });

  it("apportions a fraction over categories by largest remainder", () => {
    // 0.3 × (10, 6, 1) = 3, 1.8, 0.3 → floors 3, 1, 0; total round(5.1) = 5 → the 0.8 remainder wins.
    const s = sampleSubset(prompts, spec({ mode: "fraction", fraction: 0.3 }));
    expect([count(s, "Animals"), count(s, "Vehicles"), count(s, null)]).toEqual([3, 2, 0]);
    expect(sampleSubset(prompts, spec({ mode: "fraction", fraction: 1 }))).toHaveLength(17);
  });

  it("applies include/exclude filters case-insensitively before sampling", () => {
    const s = sampleSubset(
      prompts,
      spec({ mode: "all", includeCategories: ["animals"], excludeChallenges: ["BASIC"] }),
    );
    expect(ids(s).sort()).toEqual(["a0", "a2", "a4", "a6", "a8"]);
    const noVehicles = sampleSubset(prompts, spec({ mode: "all", excludeCategories: ["Vehicles"] }));
    expect(noVehicles).toHaveLength(11); // uncategorised prompts survive an exclude
  });

  it("is consistent when the set grows: an old prompt picked from the larger set was picked from the smaller", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = spec({ mode: "per-category", perCategory: 3, seed });
      const small = prompts.slice(0, 5);
      const fromSmall = new Set(ids(sampleSubset(small, s)));
      const fromAllButOld = ids(sampleSubset(prompts, s)).filter((id) => small.some((p) => p.id === id));
      expect(fromAllButOld.every((id) => fromSmall.has(id))).toBe(true);
    }
  });
});

describe("previewCounts", () => {
  it("gives counts per category before and after filters and sampling", () => {
    const preview = previewCounts(
      prompts,
      spec({
        mode: "per-category",
        perCategory: 2,
        excludeChallenges: ["Basic"],
        includeCategories: ["Animals", "Vehicles", "Plants"],
      }),
    );
    expect(preview.total).toEqual({ available: 17, afterFilter: 8, selected: 4 });
    expect(preview.categories).toEqual([
      { category: "Animals", available: 10, afterFilter: 5, selected: 2 },
      { category: "Vehicles", available: 6, afterFilter: 3, selected: 2 },
      { category: null, available: 1, afterFilter: 0, selected: 0 },
    ]);
    expect(preview.unmatched).toEqual({ categories: ["Plants"], challenges: [] });
  });
});

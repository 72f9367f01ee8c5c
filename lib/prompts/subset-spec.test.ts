import { describe, expect, it } from "vitest";
import { parseSubsetSpec } from "./subset-spec";

describe("parseSubsetSpec", () => {
  it("accepts each mode and defaults the seed to 0", () => {
    expect(parseSubsetSpec({ mode: "all" })).toEqual({ ok: true, spec: { mode: "all", seed: 0 } });
    expect(
      parseSubsetSpec({ mode: "per-category", perCategory: 10, seed: 7, includeCategories: [" Animals "] }),
    ).toEqual({
      ok: true,
      spec: { mode: "per-category", perCategory: 10, seed: 7, includeCategories: ["Animals"] },
    });
    expect(parseSubsetSpec({ mode: "fraction", fraction: 0.25 })).toMatchObject({ ok: true });
  });

  it.each([
    [{ mode: "fraction", fraction: 0 }, "fraction"],
    [{ mode: "fraction", fraction: 1.5 }, "fraction"],
    [{ mode: "fraction" }, "fraction"],
    [{ mode: "per-category", perCategory: 2.5 }, "perCategory"],
    [{ mode: "per-category", perCategory: 0 }, "perCategory"],
    [{ mode: "all", seed: -1 }, "seed"],
    [{ mode: "all", seed: "abc" }, "seed"],
    [{ mode: "all", includeCategories: ["ok", ""] }, "includeCategories.1"],
    [{ mode: "all", includeChallenges: ["Basic"], excludeChallenges: ["basic"] }, "excludeChallenges"],
    [{ mode: "all", perCategoy: 3 }, "perCategoy"],
    [{ mode: "some" }, "mode"],
    [{}, "mode"],
  ])("%j is refused naming %s", (input, field) => {
    const result = parseSubsetSpec(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toContain(field);
  });
});

import { describe, expect, it } from "vitest";
import { groupBy } from "./group-by";

describe("groupBy", () => {
  it("keeps groups and their items in first-seen order, null keys included", () => {
    const groups = groupBy(["b1", "a1", "b2", "x", "a2"], (s) => (s.length === 1 ? null : s[0]));
    expect([...groups]).toEqual([
      ["b", ["b1", "b2"]],
      ["a", ["a1", "a2"]],
      [null, ["x"]],
    ]);
    expect(groupBy([], () => 1).size).toBe(0);
  });
});

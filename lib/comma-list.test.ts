import { describe, expect, it } from "vitest";
import { commaList } from "./comma-list";

describe("commaList", () => {
  it("trims the items and drops the empty ones", () => {
    expect(commaList(" a, b ,,c,")).toEqual(["a", "b", "c"]);
  });
  it("reads an empty or blank text as no items", () => {
    expect(commaList("")).toEqual([]);
    expect(commaList(" , ")).toEqual([]);
  });
});

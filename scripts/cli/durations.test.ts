import { describe, expect, it } from "vitest";
import { parseDays } from "./durations";

describe("parseDays", () => {
  it("reads days, weeks, years and never", () => {
    expect(parseDays("--expires", "90d")).toBe(90);
    expect(parseDays("--expires", "2w")).toBe(14);
    expect(parseDays("--expires", "1y")).toBe(365);
    expect(parseDays("--expires", "7")).toBe(7);
    expect(parseDays("--expires", "never")).toBeUndefined();
    expect(parseDays("--expires", undefined)).toBeUndefined();
  });
  it("names the flag on nonsense", () => {
    expect(() => parseDays("--expires", "soon")).toThrow(/--expires: expected a duration/);
    expect(() => parseDays("--expires", "0d")).toThrow(/--expires/);
    expect(() => parseDays("--expires", "3h")).toThrow(/--expires/);
  });
});

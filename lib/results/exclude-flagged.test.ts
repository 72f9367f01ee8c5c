import { describe, expect, it } from "vitest";
import { DEFAULT_RESULTS_SETTINGS, parseResultsSettings, settingsQuery } from "./settings";

describe("the excludeFlagged setting", () => {
  it("defaults to the campaign's rule, round-trips lists and none through the query, in a fixed order", () => {
    expect(DEFAULT_RESULTS_SETTINGS.excludeFlagged).toBeNull();
    expect(settingsQuery(DEFAULT_RESULTS_SETTINGS).has("excludeFlagged")).toBe(false);
    const listed = parseResultsSettings(new URLSearchParams("excludeFlagged=timing, gold,side-bias,gold"));
    expect(listed.excludeFlagged).toEqual(["gold", "side-bias", "timing"]);
    expect(settingsQuery(listed).get("excludeFlagged")).toBe("gold,side-bias,timing");
    expect(parseResultsSettings(settingsQuery(listed))).toEqual(listed);
    const none = parseResultsSettings(new URLSearchParams("excludeFlagged=none"));
    expect(none.excludeFlagged).toEqual([]);
    expect(settingsQuery(none).get("excludeFlagged")).toBe("none");
    expect(parseResultsSettings(settingsQuery(none))).toEqual(none);
    expect(parseResultsSettings({ excludeFlagged: "" }).excludeFlagged).toBeNull();
  });

  it("refuses unknown flags and none mixed with flags, naming the field", () => {
    for (const bad of ["excludeFlagged=fast", "excludeFlagged=none,gold", "excludeFlagged=gold&excludeFlagged=speed"])
      expect(() => parseResultsSettings(new URLSearchParams(bad))).toThrow(/excludeFlagged/);
  });
});

import type { CurationStageFigures } from "../stats/curation";

/**
 * How a curation campaign's figures read, the same on the results page, in the HTML report and in
 * `photogenic analyze`'s text. Pure.
 */

/** A number for people: three decimals, or an em dash. */
export const fig = (x: number | null | undefined, digits = 3) =>
  x === null || x === undefined ? "—" : x.toFixed(digits);

export const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

/** "50.0 % [43.1 %, 56.9 %]" (the rate and its Wilson interval), or an em dash before any decision. */
export const acceptanceWords = (a: CurationStageFigures["acceptance"]) =>
  a ? `${percent(a.rate)} [${percent(a.lower)}, ${percent(a.upper)}]` : "—";

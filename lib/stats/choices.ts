import type { Winner } from "./types";

/**
 * Maps the many spellings of an answer to A / B / tie.
 * Emu's text-faithfulness question allows Both and Neither: both count as a tie, as do
 * GenAI-Arena's "tie" and "tie (bothbad)". Returns undefined for anything unrecognised so the
 * caller can report where the bad value is.
 * Complexity: O(length of the string).
 */
export function parseWinner(raw: string): Winner | undefined {
  const v = raw.trim().toLowerCase();
  switch (v) {
    case "a":
    case "model_a":
    case "modela":
      return "A";
    case "b":
    case "model_b":
    case "modelb":
      return "B";
    case "tie":
    case "draw":
    case "both":
    case "neither":
    case "tie (bothbad)":
    case "bothbad":
    case "both_bad":
    case "both_good":
      return "tie";
    default:
      return undefined;
  }
}

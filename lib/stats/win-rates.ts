import type { OutcomeCounts } from "./types";

/** The three ways Photogenic reports a head-to-head (Emu reports the first; the others are summaries). */
export interface WinRates {
  /** Win / tie / loss shares of all outcomes; they sum to 1. */
  winShare: number;
  tieShare: number;
  lossShare: number;
  /** (wins + ½ ties) / total — the expected score, as in Chatbot Arena. */
  winRateTiesHalf: number;
  /** wins / (wins + losses); null when every outcome is a tie. */
  winRateTiesExcluded: number | null;
}

/**
 * Win-rate summaries from counts.
 * Definitions: shares = count / total; ties-half = (W + T/2) / N; ties-excluded = W / (W + L).
 * Reference: Emu (arXiv 2309.15807) reports the three-way split; ties-half is the Bradley–Terry /
 * Arena convention (Zheng et al. 2023, arXiv 2306.05685).
 * Complexity: O(1). Throws on total = 0 (no rate exists).
 */
export function winRates(c: OutcomeCounts): WinRates {
  if (c.total <= 0) throw new RangeError("winRates: no outcomes");
  const decisive = c.win + c.loss;
  return {
    winShare: c.win / c.total,
    tieShare: c.tie / c.total,
    lossShare: c.loss / c.total,
    winRateTiesHalf: (c.win + c.tie / 2) / c.total,
    winRateTiesExcluded: decisive > 0 ? c.win / decisive : null,
  };
}

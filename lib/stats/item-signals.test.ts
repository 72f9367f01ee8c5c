import { describe, expect, it } from "vitest";
import { itemAnswerSignals } from "./item-signals";

describe("itemAnswerSignals", () => {
  it("names straight-lining from 90% of one answer over at least 10, and speed below the floor", () => {
    expect(itemAnswerSignals({ answers: 20, modalAnswers: 18, medianMs: 2000 }, "rating", 800)).toEqual([
      "straight-lining: the same rating on each aspect in 90% of 20 ratings",
    ]);
    expect(itemAnswerSignals({ answers: 20, modalAnswers: 17, medianMs: 2000 }, "rating", 800)).toEqual([]);
    expect(itemAnswerSignals({ answers: 9, modalAnswers: 9, medianMs: 100 }, "ranking", 800)).toEqual([]);
    expect(itemAnswerSignals({ answers: 12, modalAnswers: 12, medianMs: 300.4 }, "ranking", 800)).toEqual([
      "straight-lining: the same order by screen position in 100% of 12 rankings",
      "fast: median 300 ms (floor 800 ms)",
    ]);
    expect(itemAnswerSignals({ answers: 12, modalAnswers: 3, medianMs: 300 }, "ranking", 0)).toEqual([]);
    expect(itemAnswerSignals({ answers: 12, modalAnswers: 3, medianMs: null }, "ranking", 800)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import type { CampaignData } from "./campaign-data";
import { createRng, quantileSorted } from "../stats";
import { answersOfRows, medianMilliseconds } from "./reductions";
import { ANSWER_BITS as B, type AnswersRow } from "./statements";

interface Answer {
  rank: number;
  code: number;
  ms: number;
  /** Microseconds since 2000-01-01 (PostgreSQL's binary timestamp). */
  at: number;
}

/** One annotator's row as ANNOTATOR_ANSWERS sends it: its judgments' columns in the order given. */
function answersRow(annotatorId: string, answers: Answer[]): AnswersRow {
  const column = (bytes: number, write: (b: Buffer, a: Answer, at: number) => void) => {
    const b = Buffer.alloc(bytes * answers.length);
    answers.forEach((a, i) => write(b, a, bytes * i));
    return b;
  };
  return {
    annotatorId,
    ranks: column(4, (b, a, at) => b.writeInt32BE(a.rank, at)),
    codes: column(4, (b, a, at) => b.writeInt32BE(a.code, at)),
    latencies: column(4, (b, a, at) => b.writeInt32BE(a.ms, at)),
    recordedAt: column(8, (b, a, at) => b.writeBigInt64BE(BigInt(a.at), at)),
    newest: 0,
  };
}

const data = {
  campaign: { id: "c1" },
  goldCriterionId: "k0",
  criteria: [{ id: "k0" }, { id: "k1" }],
} as unknown as CampaignData;

describe("readAnswers's decoding (answersOfRows)", () => {
  // Ranks 1…6 (id order); recording times not in id order; sides, criteria, gold and timing mixed.
  const second = 1_000_000;
  const answers: Answer[] = [
    { rank: 1, code: 0 | B.timed | B.compared | B.agreed, ms: 4000, at: 30 * second },
    { rank: 2, code: 1 | B.timed | (1 << B.criterionShift), ms: 1500, at: 10 * second },
    { rank: 3, code: 2 | B.gold | B.goldAnswered | B.goldCorrect, ms: 0, at: 20 * second },
    { rank: 4, code: 0 | B.timed | B.analysedCompared | (1 << B.criterionShift), ms: 2500, at: 40 * second },
    { rank: 5, code: 1 | B.timed, ms: 900, at: 50 * second },
    { rank: 6, code: 2 | B.timed | B.looItem | (1 << B.criterionShift), ms: 3000, at: 60 * second },
  ];

  it("walks each annotator's judgments in id order, whatever order the row holds them in", () => {
    const inOrder = answersOfRows([[answersRow("u1", answers)]], data, []);
    const shuffled = [answers[4], answers[0], answers[5], answers[2], answers[1], answers[3]];
    expect(answersOfRows([[answersRow("u1", shuffled)]], data, [])).toEqual(inOrder);
    const [totals] = inOrder.annotators;
    // Sides in recording order (ranks 2, 3, 1, 4, 5, 6), seconds of the timed answers ascending.
    expect(totals.sides).toBe("rtllrt");
    expect([...totals.seconds]).toEqual([0.9, 1.5, 2.5, 3, 4]);
    expect([totals.judgments, totals.onGold, totals.goldCorrect, totals.compared, totals.agreed]).toEqual([
      6, 1, 1, 1, 1,
    ]);
    // Per criterion, in id order: k0 ranks 1, 5; k1 ranks 2, 4, 6 (the gold answer left out).
    expect(inOrder.criteria.map((c) => [c.criterionId, c.sides, [...c.seconds], c.compared])).toEqual([
      ["k0", "lr", [0.9, 4], 0],
      ["k1", "rlt", [1.5, 2.5, 3], 1],
    ]);
    expect([...inOrder.judges]).toEqual([
      ["k0", 1],
      ["k1", 1],
    ]);
  });

  it("joins an annotator's rows of two id ranges in range order, ranks counted within each", () => {
    const inOrder = answersOfRows([[answersRow("u1", answers)]], data, []);
    const lower = answers.slice(0, 4);
    const upper = answers.slice(4).map((a, i) => ({ ...a, rank: i + 1 }));
    const other = answersRow("u0", [answers[0]]);
    const split = answersOfRows([[answersRow("u1", [...lower].reverse())], [other, answersRow("u1", upper)]], data, []);
    expect(split.annotators.map((a) => a.annotatorId)).toEqual(["u0", "u1"]);
    expect(split.annotators[1]).toEqual(inOrder.annotators[0]);
    expect(split.criteria.filter((c) => c.annotatorId === "u1")).toEqual(inOrder.criteria);
  });

  it("sorts long rows with ranks of every size (radix passes) exactly as a row in order", () => {
    // 3,000 judgments, ranks up to 3·10⁸ (three 11-bit passes), times (with ties) and sides varied, shuffled.
    const many: Answer[] = Array.from({ length: 3000 }, (_, i) => ({
      rank: 1 + i * 100_003,
      code: (i % 3) | (i % 4 === 0 ? 0 : B.timed) | ((i % 2) << B.criterionShift),
      ms: 500 + ((i * 7919) % 4000),
      at: ((i * 104_729) % 701) * 1000, // about four judgments at each time
    }));
    const shuffled = many.map((_, i) => many[(i * 1201) % 3000]); // 1201 is prime to 3000: a permutation
    expect(new Set(shuffled).size).toBe(3000);
    const inOrder = answersOfRows([[answersRow("u1", many)]], data, []);
    expect(answersOfRows([[answersRow("u1", shuffled)]], data, [])).toEqual(inOrder);
    // Sides in recording order: a stable sort by time, equal times in id order.
    const byTime = many.map((a, i) => ({ a, i })).sort((x, y) => x.a.at - y.a.at || x.i - y.i);
    expect(inOrder.annotators[0].sides).toBe(byTime.map(({ a }) => "lrt"[a.code & B.side]).join(""));
  });
});

describe("medianMilliseconds", () => {
  it("is the median of the recorded milliseconds, exactly, from their seconds", () => {
    const rng = createRng(3);
    for (let n = 1; n <= 40; n++) {
      const ms = Int32Array.from({ length: n }, () => rng.int(600_000)).sort();
      const seconds = Float64Array.from(ms, (m) => m / 1000);
      expect(medianMilliseconds(seconds)).toBe(quantileSorted(ms, 0.5));
    }
    expect(medianMilliseconds(new Float64Array(0))).toBeNull();
  });
});

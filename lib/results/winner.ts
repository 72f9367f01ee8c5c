import type { Winner } from "../stats";

/** left / right name a side; the side names model A or B through the recorded left image. Both / Neither / Tie are ties. */
export function winnerOf(choice: string, leftIsA: boolean): Winner {
  if (choice === "left") return leftIsA ? "A" : "B";
  if (choice === "right") return leftIsA ? "B" : "A";
  return "tie";
}

/**
 * winnerOf in SQL, for statements that count by winner where the judgments live: 0 (A), 1 (B) or
 * 2 (tie), the order of lib/stats WINNERS. `choice` and `leftIsA` are SQL expressions.
 * tests/integration/statements.integration.test.ts checks it against winnerOf for every choice.
 */
export function winnerCodeSql(choice: string, leftIsA: string): string {
  return `(CASE WHEN ${choice} = 'left' THEN CASE WHEN ${leftIsA} THEN 0 ELSE 1 END
        WHEN ${choice} = 'right' THEN CASE WHEN ${leftIsA} THEN 1 ELSE 0 END ELSE 2 END)`;
}

/**
 * majorityOfCounts (lib/stats/aggregate.ts) in SQL: 0 (A) when A has more votes than B and than
 * ties, 1 (B) likewise, else 2 (tie). `a`, `b`, `t` are SQL expressions. Checked against
 * majorityOfCounts through the figures it feeds (lib/results/results-pipeline.integration.test.ts).
 */
export function majorityCodeSql(a: string, b: string, t: string): string {
  return `(CASE WHEN (${a}) > (${b}) AND (${a}) > (${t}) THEN 0 WHEN (${b}) > (${a}) AND (${b}) > (${t}) THEN 1 ELSE 2 END)`;
}

/**
 * majorityAnswer (lib/stats/crowd-quality/loo-agreement.ts) in SQL: the code of the answer given
 * by more than half of the votes, NULL when none is. Checked against it through the leave-one-out
 * signal it feeds (lib/results/results-pipeline.integration.test.ts).
 */
export function strictMajorityCodeSql(a: string, b: string, t: string): string {
  const n = `((${a}) + (${b}) + (${t}))`;
  return `(CASE WHEN 2 * (${a}) > ${n} THEN 0 WHEN 2 * (${b}) > ${n} THEN 1 WHEN 2 * (${t}) > ${n} THEN 2 END)`;
}

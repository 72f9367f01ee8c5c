import "server-only";
import { db } from "../db";

export interface PromptCounts {
  total: number;
  /** Largest first; `name` null for prompts without one. */
  categories: { name: string | null; count: number }[];
  challenges: { name: string | null; count: number }[];
  notes: number;
}

/** Per-category and per-challenge counts of a whole set, for the chart and the filters. */
export async function countPrompts(promptSetId: string): Promise<PromptCounts> {
  const [categories, challenges, total, notes] = await Promise.all([
    db.prompt.groupBy({ by: ["category"], where: { promptSetId }, _count: { _all: true } }),
    db.prompt.groupBy({ by: ["challenge"], where: { promptSetId }, _count: { _all: true } }),
    db.prompt.count({ where: { promptSetId } }),
    db.prompt.count({ where: { promptSetId, note: { not: null } } }),
  ]);
  const sorted = (rows: { name: string | null; count: number }[]) =>
    rows.sort((a, b) => b.count - a.count || String(a.name).localeCompare(String(b.name)));
  return {
    total,
    categories: sorted(categories.map((r) => ({ name: r.category, count: r._count._all }))),
    challenges: sorted(challenges.map((r) => ({ name: r.challenge, count: r._count._all }))),
    notes,
  };
}

import "server-only";
import { db } from "../db";
import { run } from "../db/prepared";
import { PROMPT_SET_DIVERSITY } from "./statements";
import { PROMPT_SET_FIELDS, type PromptSetFields } from "./prompt-set-fields";

export interface PromptSetSummary extends PromptSetFields {
  /** True for the highest version of its name (what `prompts show NAME` opens). */
  latest: boolean;
  categoryCount: number;
  challengeCount: number;
  createdBy: string | null;
}

/** Every prompt set, newest name first, versions of a name together (highest first). */
export async function listPromptSets(): Promise<PromptSetSummary[]> {
  const [sets, counts] = await Promise.all([
    db.promptSet.findMany({
      orderBy: [{ name: "asc" }, { version: "desc" }],
      select: { ...PROMPT_SET_FIELDS, createdBy: { select: { email: true } } },
    }),
    run(PROMPT_SET_DIVERSITY, [], db),
  ]);
  const byId = new Map(counts.map((c) => [c.promptSetId, c]));
  const latest = new Map<string, number>();
  for (const s of sets) latest.set(s.name, Math.max(latest.get(s.name) ?? 0, s.version));
  return sets.map(({ createdBy, ...s }) => ({
    ...s,
    latest: latest.get(s.name) === s.version,
    categoryCount: byId.get(s.id)?.categories ?? 0,
    challengeCount: byId.get(s.id)?.challenges ?? 0,
    createdBy: createdBy?.email ?? null,
  }));
}

import "server-only";
import { db } from "../db";
import { run } from "../db/prepared";
import { PROMPT_SET_DIVERSITY } from "./statements";

export interface PromptSetSummary {
  id: string;
  name: string;
  version: number;
  /** True for the highest version of its name (what `prompts show NAME` opens). */
  latest: boolean;
  format: string;
  sourceFile: string | null;
  promptCount: number;
  categoryCount: number;
  challengeCount: number;
  createdAt: Date;
  createdBy: string | null;
}

/** Every prompt set, newest name first, versions of a name together (highest first). */
export async function listPromptSets(): Promise<PromptSetSummary[]> {
  const [sets, counts] = await Promise.all([
    db.promptSet.findMany({
      orderBy: [{ name: "asc" }, { version: "desc" }],
      select: {
        id: true,
        name: true,
        version: true,
        format: true,
        sourceFile: true,
        promptCount: true,
        createdAt: true,
        createdBy: { select: { email: true } },
      },
    }),
    run(PROMPT_SET_DIVERSITY, [], db),
  ]);
  const byId = new Map(counts.map((c) => [c.promptSetId, c]));
  const latest = new Map<string, number>();
  for (const s of sets) latest.set(s.name, Math.max(latest.get(s.name) ?? 0, s.version));
  return sets.map((s) => ({
    id: s.id,
    name: s.name,
    version: s.version,
    latest: latest.get(s.name) === s.version,
    format: s.format,
    sourceFile: s.sourceFile,
    promptCount: s.promptCount,
    categoryCount: byId.get(s.id)?.categories ?? 0,
    challengeCount: byId.get(s.id)?.challenges ?? 0,
    createdAt: s.createdAt,
    createdBy: s.createdBy?.email ?? null,
  }));
}

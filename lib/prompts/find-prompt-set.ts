import "server-only";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { PROMPT_SET_FIELDS, type PromptSetFields } from "./prompt-set-fields";
import type { ImportReport } from "./report";

export interface PromptSetDetail extends PromptSetFields {
  report: ImportReport | null;
  /** Every version of this name, highest first. */
  versions: { id: string; version: number }[];
}

/**
 * A prompt set by id, or by name (its latest version), or `name@version`.
 * Throws NOT_FOUND naming what was looked up.
 */
export async function findPromptSet(ref: string): Promise<PromptSetDetail> {
  const key = ref.trim();
  if (!key)
    throw new AppError("BAD_REQUEST", "Name a prompt set (id or name)", [
      { field: "set", message: "must not be empty" },
    ]);
  const select = { ...PROMPT_SET_FIELDS, report: true } as const;
  const at = /^(.*)@(\d+)$/.exec(key);
  const set =
    (await db.promptSet.findUnique({ where: { id: key }, select })) ??
    (at
      ? await db.promptSet.findUnique({ where: { name_version: { name: at[1], version: Number(at[2]) } }, select })
      : null) ??
    (await db.promptSet.findFirst({ where: { name: key }, orderBy: { version: "desc" }, select }));
  if (!set) throw notFound(`Prompt set "${key}"`);
  const versions = await db.promptSet.findMany({
    where: { name: set.name },
    orderBy: { version: "desc" },
    select: { id: true, version: true },
  });
  return { ...set, report: (set.report as ImportReport | null) ?? null, versions };
}

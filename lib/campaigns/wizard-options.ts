import "server-only";
import { db } from "../db";
import { listPromptSets } from "../prompts/list-prompt-sets";

/** What the campaign wizard offers: prompt sets and registered models. */
export async function wizardOptions() {
  const [promptSets, models] = await Promise.all([
    listPromptSets(),
    db.model.findMany({
      orderBy: [{ name: "asc" }, { version: "desc" }],
      select: { id: true, name: true, version: true, adapterKind: true },
    }),
  ]);
  return {
    promptSets: promptSets.map((s) => ({ id: s.id, label: `${s.name} v${s.version} (${s.promptCount} prompts)` })),
    models: models.map((m) => ({ id: m.id, label: `${m.name} v${m.version} · ${m.adapterKind}` })),
  };
}

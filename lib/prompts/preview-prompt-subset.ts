import "server-only";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { parseSubsetSpec, previewCounts, type SubsetPreview, type SubsetSpec } from "./index";

/**
 * Counts per category that a subset spec would select from a stored set — what the launch form
 * shows before a campaign starts. Sampling is keyed by each prompt's stable id (externalId), so
 * the same seed selects the same prompts in every version of a set that holds them.
 */
export async function previewPromptSubset(
  promptSetId: string,
  specInput: unknown,
): Promise<{ spec: SubsetSpec; preview: SubsetPreview }> {
  const parsed = parseSubsetSpec(specInput);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new AppError("VALIDATION", `Invalid subset spec: ${first.field}: ${first.message}`, parsed.errors);
  }
  const set = await db.promptSet.findUnique({ where: { id: promptSetId }, select: { id: true } });
  if (!set) throw notFound(`Prompt set "${promptSetId}"`);
  const rows = await db.prompt.findMany({
    where: { promptSetId },
    select: { externalId: true, category: true, challenge: true },
  });
  const prompts = rows.map((r) => ({ id: r.externalId, category: r.category, challenge: r.challenge }));
  return { spec: parsed.spec, preview: previewCounts(prompts, parsed.spec) };
}

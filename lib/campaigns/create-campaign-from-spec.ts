import "server-only";
import { db } from "../db";
import { AppError, type FieldIssue } from "../errors";
import type { CurrentUser } from "../auth/guard";
import { createJoinLink } from "../access/join-links";
import { campaignSpecSchema, specIssues, splitReference, type CampaignSpec } from "./campaign-spec";
import type { CreateCampaignInput } from "./campaign-spec";
import { createCampaign } from "./create-campaign";
import { createCurationFromFolder } from "../curation/create-curation-campaign";

export interface CreatedCampaign {
  id: string;
  /** The join link made from the spec's `joinLink` options (path only: the host is the server's). */
  joinLink: { id: string; path: string } | null;
}

/** Validates a campaign spec, naming every bad field (unknown keys included); nothing is read yet. */
export function parseCampaignSpec(input: unknown): CampaignSpec {
  const parsed = campaignSpecSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = specIssues(parsed.error);
  throw new AppError("VALIDATION", `Invalid campaign: ${issues[0].field}: ${issues[0].message}`, issues);
}

/**
 * The use case behind POST /api/campaigns, the wizard and `photogenic campaign create`: a spec
 * whose prompt set, models and prompts may be named (resolved here, each miss named by its field)
 * becomes a draft campaign owned by `user`, then the join link it asks for.
 */
export async function createCampaignFromSpec(user: CurrentUser, input: unknown): Promise<CreatedCampaign> {
  const spec = parseCampaignSpec(input);
  const { id } = await createFromSpec(user.id, spec);
  const link = spec.joinLink ? await createJoinLink(user, id, spec.joinLink) : null;
  return { id, joinLink: link && { id: link.id, path: link.path } };
}

/** A curation campaign from an image folder has no prompt set or models to resolve: the folder gives both. */
async function createFromSpec(ownerId: string, spec: CampaignSpec): Promise<{ id: string }> {
  const folder = spec.taskType === "curation" ? spec.curation?.imageFolder : undefined;
  if (folder === undefined || !spec.curation) return createCampaign(ownerId, await resolveCampaignSpec(spec));
  const {
    promptSet: _promptSet,
    promptSetId: _promptSetId,
    prompts: _prompts,
    models: _models,
    modelIds: _modelIds,
    baselineModel: _baselineModel,
    joinLink: _joinLink,
    ...fields
  } = spec;
  return createCurationFromFolder(ownerId, { ...fields, curation: { ...spec.curation, imageFolder: folder } });
}

/** Names → ids. Every unresolved reference is reported at once, with its field path. */
export async function resolveCampaignSpec(spec: CampaignSpec): Promise<CreateCampaignInput> {
  const issues: FieldIssue[] = [];
  const promptSetId = spec.promptSetId ?? (await promptSetByName(spec.promptSet!, issues));
  const modelIds = spec.modelIds ?? (await modelsByName(spec.models!, issues));
  const baselineModelId =
    spec.baselineModelId ??
    (spec.baselineModel === undefined ? undefined : modelIds[spec.models?.indexOf(spec.baselineModel) ?? -1]);
  const promptIds =
    spec.promptIds ?? (spec.prompts && promptSetId ? await promptsById(promptSetId, spec.prompts, issues) : undefined);
  if (issues.length > 0 || !promptSetId) {
    throw new AppError("VALIDATION", `Invalid campaign: ${issues[0].field}: ${issues[0].message}`, issues);
  }
  const {
    promptSet: _promptSet,
    prompts: _prompts,
    models: _models,
    baselineModel: _baselineModel,
    joinLink: _joinLink,
    ...fields
  } = spec;
  return { ...fields, promptSetId, modelIds, baselineModelId, promptIds };
}

async function promptSetByName(ref: string, issues: FieldIssue[]): Promise<string | undefined> {
  const exact = await db.promptSet.findMany({ where: { name: ref }, select: { id: true, version: true } });
  const { name, version } = splitReference(ref);
  const candidates =
    exact.length > 0 || version === undefined || !/^\d+$/.test(version)
      ? exact
      : await db.promptSet.findMany({ where: { name, version: Number(version) }, select: { id: true, version: true } });
  if (candidates.length === 1) return candidates[0].id;
  issues.push({
    field: "promptSet",
    message:
      candidates.length === 0
        ? `no prompt set named "${ref}" (photogenic prompts list)`
        : `"${ref}" has versions ${candidates.map((c) => c.version).join(", ")}: write ${ref}@<version>`,
  });
  return undefined;
}

async function modelsByName(refs: string[], issues: FieldIssue[]): Promise<string[]> {
  const names = refs.map((ref) => splitReference(ref).name);
  const rows = await db.model.findMany({
    where: { name: { in: names } },
    select: { id: true, name: true, version: true },
  });
  return refs.map((ref, i) => {
    const { name, version } = splitReference(ref);
    const matches = rows.filter((m) => m.name === name && (version === undefined || m.version === version));
    if (matches.length === 1) return matches[0].id;
    issues.push({
      field: `models.${i}`,
      message:
        matches.length === 0
          ? `unknown model "${ref}" (photogenic models list)`
          : `"${ref}" has versions ${matches.map((m) => m.version).join(", ")}: write ${name}@<version>`,
    });
    return "";
  });
}

async function promptsById(promptSetId: string, externalIds: string[], issues: FieldIssue[]): Promise<string[]> {
  const rows = await db.prompt.findMany({
    where: { promptSetId, externalId: { in: externalIds } },
    select: { id: true, externalId: true },
  });
  const byExternal = new Map(rows.map((r) => [r.externalId, r.id]));
  const seen = new Set<string>();
  return externalIds.flatMap((externalId, i) => {
    const id = byExternal.get(externalId);
    if (!id) issues.push({ field: `prompts.${i}`, message: `no prompt "${externalId}" in this prompt set` });
    else if (seen.has(externalId)) issues.push({ field: `prompts.${i}`, message: `"${externalId}" is listed twice` });
    seen.add(externalId);
    return id ? [id] : [];
  });
}

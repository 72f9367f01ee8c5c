import { createHash, randomBytes } from "node:crypto";
import { db, type Role } from "../../lib/db";
import { hashPassword } from "../../lib/auth/password";

/**
 * Seed factories for integration tests: each call makes fresh, uniquely named rows, so tests in
 * one database never collide. Prefer these to hand-copied fixtures.
 */
export const uid = (prefix = "") => `${prefix}${randomBytes(5).toString("hex")}`;

export async function makeUser(role: Role = "researcher", password?: string) {
  return db.user.create({
    data: {
      email: `${uid(role)}@test.local`,
      name: uid("User "),
      role,
      passwordHash: password ? await hashPassword(password) : null,
    },
  });
}

export async function makePromptSet(count: number, options: { categories?: string[]; ownerId?: string } = {}) {
  const categories = options.categories ?? ["Animals", "Artifacts", "People"];
  return db.promptSet.create({
    data: {
      name: uid("set-"),
      format: "builtin",
      promptCount: count,
      createdById: options.ownerId,
      prompts: {
        create: Array.from({ length: count }, (_, i) => ({
          externalId: `p${i}`,
          text: `test prompt number ${i}: a ${["red", "green", "blue"][i % 3]} object`,
          category: categories[i % categories.length],
          challenge: i % 2 ? "Basic" : "Complex",
          position: i,
        })),
      },
    },
    include: { prompts: { orderBy: { position: "asc" } } },
  });
}

export async function makeDemoModel(variant: "demo-smooth" | "demo-noisy" = "demo-smooth") {
  return db.model.create({
    data: {
      name: uid(`${variant}-`),
      adapterKind: "onnx_demo",
      config: { variant },
      defaultParams: { width: 64, height: 64 },
    },
  });
}

/** `count` demo models, smooth and noisy in turn. */
export async function makeDemoModels(count: number) {
  const models: Awaited<ReturnType<typeof makeDemoModel>>[] = [];
  for (let i = 0; i < count; i++) models.push(await makeDemoModel(i % 2 ? "demo-noisy" : "demo-smooth"));
  return models;
}

/** Draws the image of a prompt by the campaign's `modelIndex`-th model (a PNG). */
export type DrawImage = (prompt: { text: string }, modelIndex: number) => Promise<Buffer>;

/** The demo models' images: smooth for the first model, harsh for the others, `size` pixels square. */
export const demoImages =
  (size = 64): DrawImage =>
  async (prompt, modelIndex) => {
    const { drawDemoImage } = await import("../../lib/demo/draw-demo-image");
    return drawDemoImage(modelIndex ? "harsh" : "smooth", prompt.text, 0, size);
  };

/**
 * One image per prompt and model at seed 0 in a campaign that is generating. With `draw`, PNGs
 * stored through recordImage, as the worker stores them (pages that show them, gold pairs);
 * otherwise placeholder rows of `size` pixels whose keys point at no file (pairing, leasing and
 * statistics read only the rows).
 */
export async function makeCampaignImages(
  campaignId: string,
  prompts: { id: string; text: string }[],
  models: { id: string }[],
  options: { draw?: DrawImage; size?: number } = {},
) {
  const { draw, size = 64 } = options;
  if (!draw) {
    await db.image.createMany({
      data: prompts.flatMap((prompt) =>
        models.map((model) => ({
          campaignId,
          modelId: model.id,
          promptId: prompt.id,
          seed: 0,
          storageKey: `${uid()}.png`,
          sha256: uid(),
          width: size,
          height: size,
        })),
      ),
    });
    return;
  }
  const { recordImage } = await import("../../lib/generation/record-image");
  for (const prompt of prompts)
    for (const [i, model] of models.entries())
      await recordImage({ campaignId, modelId: model.id, promptId: prompt.id, seed: 0, png: await draw(prompt, i) });
}

export async function makeAnnotators(count: number): Promise<string[]> {
  const rows = Array.from({ length: count }, () => ({
    email: `${uid("annotator")}@test.local`,
    role: "annotator" as const,
  }));
  await db.user.createMany({ data: rows });
  const users = await db.user.findMany({ where: { email: { in: rows.map((r) => r.email) } }, select: { id: true } });
  return users.map((u) => u.id);
}

export async function joinCampaign(campaignId: string, userIds: string[]) {
  await db.participation.createMany({
    data: userIds.map((userId) => ({ campaignId, userId, consentedAt: new Date() })),
    skipDuplicates: true,
  });
}

export interface AnnotatingCampaignOptions {
  /** Prompts, one pair each (two models, one seed). */
  pairs: number;
  criteria?: import("../../lib/campaigns/emu-criteria").CriterionSpec[];
  goldRate?: number;
  perAnnotatorCap?: number;
  criteriaMode?: "together" | "sequential";
  fillPolicy?: import("../../lib/campaigns/campaign-spec").FillPolicy;
  minJudgmentMs?: number;
  /** Store real PNGs (needed for gold pairs); otherwise image rows point at placeholder keys. */
  realImages?: boolean;
  /** Side of the images in pixels (default 64). */
  imageSize?: number;
  /** Lets the owner sign in (e2e). */
  ownerPassword?: string;
}

/**
 * A campaign in `annotating` with `pairs` votable pairs, made through the use cases
 * (createCampaign, recordImage, createReadyPairs, advanceWhenReady), owned by a fresh researcher.
 */
export async function makeAnnotatingCampaign(options: AnnotatingCampaignOptions) {
  const { createCampaign } = await import("../../lib/campaigns/create-campaign");
  const { createReadyPairs } = await import("../../lib/pairs/create-ready-pairs");
  const { advanceWhenReady } = await import("../../lib/campaigns/advance-when-ready");
  const owner = await makeUser("researcher", options.ownerPassword);
  const set = await makePromptSet(options.pairs, { ownerId: owner.id });
  const models = [await makeDemoModel("demo-smooth"), await makeDemoModel("demo-noisy")];
  const { id: campaignId } = await createCampaign(owner.id, {
    name: uid("campaign-"),
    promptSetId: set.id,
    modelIds: models.map((m) => m.id),
    ...(options.criteria ? { criteria: options.criteria } : {}),
    goldRate: options.goldRate ?? 0,
    perAnnotatorCap: options.perAnnotatorCap,
    criteriaMode: options.criteriaMode ?? "together",
    fillPolicy: options.fillPolicy,
    minJudgmentMs: options.minJudgmentMs ?? 0,
    completionCode: "DONE-123",
  });
  await db.campaign.update({ where: { id: campaignId }, data: { status: "generating" } });
  await makeCampaignImages(campaignId, set.prompts, models, {
    draw: options.realImages ? demoImages(options.imageSize) : undefined,
    size: options.imageSize,
  });
  await createReadyPairs(campaignId);
  await advanceWhenReady(campaignId);
  return { campaignId, owner, models, promptSet: set };
}

/** A well-formed Prolific participant id (24 hex digits), stable for a given seed. */
export const prolificPid = (seed: string | number) =>
  createHash("sha256").update(`prolific:${seed}`).digest("hex").slice(0, 24);

/**
 * Gives a judgment another creation time as the product never does: the kept counters (pace per
 * 5 minutes, tallies) follow inserts and deletes only, so the row is deleted and inserted again in
 * one transaction rather than updated in place — an UPDATE would leave the pace counted in the old
 * bucket and an undo would then subtract from a bucket that never counted it.
 */
export async function redateJudgment(judgmentId: string, secondsAgo: number) {
  await db.$transaction(async (tx) => {
    const judgment = await tx.judgment.delete({ where: { id: judgmentId } });
    const [{ now }] = await tx.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
    await tx.judgment.create({ data: { ...judgment, createdAt: new Date(now.getTime() - secondsAgo * 1000) } });
  });
}

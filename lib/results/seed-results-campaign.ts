import "server-only";
import sharp from "sharp";
import { db } from "../db";
import { createCampaign } from "../campaigns/create-campaign";
import { recordImage } from "../generation/record-image";
import { createReadyPairs } from "../pairs/create-ready-pairs";
import { saveImage } from "../storage/save-image";
import { createRng } from "../stats";

/**
 * A campaign with votes, for the results tests and the e2e spec: K models of increasing strength
 * over `prompts` prompts with categories and challenges, one gold pair, `annotators` annotators
 * (the last one flagged), Emu's two criteria, every pair judged by every annotator with seeded
 * random answers. Real rows through the real use cases where they exist; judgments are inserted
 * directly (submitJudgment's leases and rate limits are not what these tests are about).
 */
export async function seedResultsCampaign(options: {
  ownerId: string;
  promptSetId: string;
  modelIds: string[];
  annotators: string[];
  seed?: number;
  flagLast?: boolean;
}) {
  const { id: campaignId } = await createCampaign(options.ownerId, {
    name: `Results ${Date.now().toString(36)}`,
    promptSetId: options.promptSetId,
    modelIds: options.modelIds,
  });
  const prompts = await db.campaignPrompt.findMany({ where: { campaignId }, select: { promptId: true } });
  const png = (shade: number) =>
    sharp({ create: { width: 16, height: 16, channels: 3, background: { r: shade, g: 90, b: 255 - shade } } })
      .png()
      .toBuffer();
  for (const [mi, modelId] of options.modelIds.entries()) {
    for (const p of prompts)
      await recordImage({
        campaignId,
        modelId,
        promptId: p.promptId,
        seed: 0,
        png: await png(40 + 60 * mi),
        latencyMs: 10,
      });
  }
  await createReadyPairs(campaignId);
  await addGoldPair(campaignId, options.modelIds[0], prompts[0].promptId);
  await db.campaign.update({ where: { id: campaignId }, data: { status: "annotating" } });
  for (const [i, userId] of options.annotators.entries()) {
    const flagged = options.flagLast !== false && i === options.annotators.length - 1;
    await db.participation.create({
      data: {
        campaignId,
        userId,
        consentedAt: new Date(),
        crowdSource: "prolific",
        crowdId: `PID${i}`,
        flaggedAt: flagged ? new Date() : null,
        flagReason: flagged ? "gold failures" : null,
      },
    });
  }
  const [pairs, criteria, images] = await Promise.all([
    db.pair.findMany({ where: { campaignId }, orderBy: { id: "asc" } }),
    db.criterion.findMany({ where: { campaignId }, orderBy: { position: "asc" } }),
    db.image.findMany({ where: { campaignId }, select: { id: true, modelId: true } }),
  ]);
  const strength = new Map(options.modelIds.map((id, i) => [id, i * 0.6]));
  const modelOf = new Map(images.map((im) => [im.id, im.modelId]));
  const rng = createRng(options.seed ?? 7);
  const judgments = [];
  for (const pair of pairs) {
    for (const userId of options.annotators) {
      const leftImageId = rng.next() < 0.5 ? pair.imageAId : pair.imageBId;
      const assignment = await db.assignment.create({
        data: {
          pairId: pair.id,
          annotatorId: userId,
          leftImageId,
          criterionIds: criteria.map((c) => c.id),
          status: "completed",
          leaseExpiresAt: new Date(),
          completedAt: new Date(),
        },
      });
      const pA =
        1 /
        (1 +
          Math.exp(
            (strength.get(modelOf.get(pair.imageBId)!) ?? 0) - (strength.get(modelOf.get(pair.imageAId)!) ?? 0),
          ));
      for (const c of criteria) {
        // 15% ties (Both / Neither where the criterion has no Tie); otherwise the stronger model wins more often.
        const tie = rng.next() < 0.15;
        const winnerA = rng.next() < pA;
        const aIsLeft = leftImageId === pair.imageAId;
        const choice = tie
          ? c.choices.includes("tie")
            ? "tie"
            : rng.next() < 0.5
              ? "both"
              : "neither"
          : winnerA === aIsLeft
            ? "left"
            : "right";
        judgments.push({
          pairId: pair.id,
          criterionId: c.id,
          annotatorId: userId,
          assignmentId: assignment.id,
          choice: choice as "left",
          leftImageId,
          latencyMs: Math.round(900 + 4000 * rng.next()),
          idempotencyKey: `seed-${assignment.id}-${c.id}`,
        });
      }
    }
  }
  await db.judgment.createMany({ data: judgments });
  return { campaignId, pairs: pairs.length, judgments: judgments.length };
}

/** One gold pair: an image against a darkened copy of itself (stored as kind gold_degraded). */
async function addGoldPair(campaignId: string, modelId: string, promptId: string) {
  const source = await db.image.findFirstOrThrow({ where: { campaignId, modelId, promptId, kind: "generated" } });
  const saved = await saveImage(
    await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 5, g: 5, b: 5 } } })
      .png()
      .toBuffer(),
  );
  const copy = await db.image.create({
    data: {
      campaignId,
      modelId,
      promptId,
      seed: 0,
      kind: "gold_degraded",
      storageKey: saved.storageKey,
      sha256: saved.sha256,
      width: 16,
      height: 16,
    },
  });
  await db.pair.create({
    data: {
      campaignId,
      promptId,
      seed: 0,
      imageAId: source.id,
      imageBId: copy.id,
      isGold: true,
      gold: { create: { expectedImageId: source.id, degradation: "blur" } },
    },
  });
}

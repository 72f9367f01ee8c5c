import { db } from "../../lib/db";
import type { AspectSpec } from "../../lib/rating/aspect-spec";
import {
  demoImages,
  joinCampaign,
  makeAnnotators,
  makeCampaignImages,
  makeDemoModels,
  makePromptSet,
  makeUser,
  uid,
} from "./factories";
import type { CurrentUser } from "../../lib/auth/guard";

/**
 * An annotating rating (or, with `taskType: "ranking"`, ranking) campaign (issue 22) of `models` (default two) demo models on `prompts` prompts, one seed,
 * made through the use cases (createCampaign, recordImage or image rows, advanceWhenReady) like
 * makeAnnotatingCampaign; `annotators` fresh annotators joined (consented).
 */
export async function makeRatingCampaign(options: {
  prompts: number;
  taskType?: "rating" | "ranking";
  models?: number;
  rankingsPerItem?: number;
  ratingsPerImage?: number;
  aspects?: AspectSpec[] | "heim";
  perAnnotatorCap?: number;
  annotators?: number;
  /** Store real PNGs (for the voting page, which shows them); otherwise rows point at placeholder keys. */
  realImages?: boolean;
  ownerPassword?: string;
}) {
  const { createCampaign } = await import("../../lib/campaigns/create-campaign");
  const { advanceWhenReady } = await import("../../lib/campaigns/advance-when-ready");
  const owner = await makeUser("researcher", options.ownerPassword);
  const set = await makePromptSet(options.prompts, { ownerId: owner.id });
  const models = await makeDemoModels(options.models ?? 2);
  const { id: campaignId } = await createCampaign(owner.id, {
    name: uid(`${options.taskType ?? "rating"}-`),
    ...(options.taskType === "ranking"
      ? { taskType: "ranking" as const, rankingsPerItem: options.rankingsPerItem ?? 2 }
      : {
          taskType: "rating" as const,
          aspects: options.aspects ?? "heim",
          ratingsPerImage: options.ratingsPerImage ?? 2,
        }),
    promptSetId: set.id,
    modelIds: models.map((m) => m.id),
    perAnnotatorCap: options.perAnnotatorCap,
    minJudgmentMs: 0,
    completionCode: "RATED-123",
  });
  await db.campaign.update({ where: { id: campaignId }, data: { status: "generating" } });
  await makeCampaignImages(campaignId, set.prompts, models, { draw: options.realImages ? demoImages() : undefined });
  await advanceWhenReady(campaignId);
  const annotators = await makeAnnotators(options.annotators ?? 3);
  await joinCampaign(campaignId, annotators);
  const images = await db.image.findMany({ where: { campaignId }, select: { id: true, modelId: true } });
  return {
    campaignId,
    owner,
    models,
    promptSet: set,
    annotators,
    modelOf: new Map(images.map((i) => [i.id, i.modelId!])),
  };
}

/**
 * Every annotator answers everything they are served, through the use cases (nextRatingView /
 * submitRating, nextRankingView / submitRanking): a rating gets `value(annotator, image, aspect
 * id, scale values)`, a ranking `ranks(annotator, slot order of image ids)`. Returns the answers made.
 */
export async function answerEverything(
  campaignId: string,
  annotators: readonly string[],
  answer: {
    value?: (annotator: string, imageId: string, aspectId: string, values: number[]) => number;
    ranks?: (annotator: string, slotOrder: string[]) => number[];
    /** The answer time each answer reports. */
    latencyMs?: number;
  },
): Promise<number> {
  const { nextRatingView } = await import("../../lib/rating/rating-view");
  const { submitRating } = await import("../../lib/rating/submit-rating");
  const { nextRankingView } = await import("../../lib/ranking/ranking-view");
  const { submitRanking } = await import("../../lib/ranking/submit-ranking");
  let made = 0;
  for (const annotator of annotators)
    for (;;) {
      if (answer.ranks) {
        const next = await nextRankingView(campaignId, annotator);
        if (next.kind !== "ranking") break;
        const { slotOrder } = await db.rankingAssignment.findUniqueOrThrow({ where: { id: next.view.assignmentId } });
        await submitRanking(annotator, {
          assignmentId: next.view.assignmentId,
          ranks: answer.ranks(annotator, slotOrder),
          latencyMs: answer.latencyMs,
          idempotencyKey: uid("rank-"),
        });
      } else {
        const next = await nextRatingView(campaignId, annotator);
        if (next.kind !== "rating") break;
        const { imageId } = await db.ratingAssignment.findUniqueOrThrow({ where: { id: next.view.assignmentId } });
        for (const aspect of next.view.aspects) {
          await submitRating(annotator, {
            assignmentId: next.view.assignmentId,
            aspectId: aspect.id,
            value: answer.value!(
              annotator,
              imageId,
              aspect.id,
              aspect.options.map((o) => o.value),
            ),
            latencyMs: answer.latencyMs,
            idempotencyKey: uid("rate-"),
          });
          made++;
        }
        continue;
      }
      made++;
    }
  return made;
}

/** A researcher user as the use cases take one. */
export const asResearcher = (u: { id: string; email: string | null; name: string | null }): CurrentUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: "researcher",
});

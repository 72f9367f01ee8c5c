import { describe, expect, it } from "vitest";
import { db } from "../db";
import { nextAssignmentView } from "../annotation/assignment-view";
import { submitJudgment } from "../judgments/submit-judgment";
import { undoJudgment } from "../judgments/undo-judgment";
import { generationProgress } from "../generation/generation-progress";
import { listModels } from "../model-registry/list-models";
import { analyseCampaign } from "../results/campaign-results";
import { DEFAULT_RESULTS_SETTINGS } from "../results/settings";
import { campaignSummary } from "./campaign-summary";
import { imagesText, pairsText } from "./count-labels";
import { imageCounts, pairCounts } from "./counts";
import { listOwnedCampaigns } from "./owned-campaign";
import { joinCampaign, makeAnnotatingCampaign, makeAnnotators, uid } from "../../tests/support/factories";

describe("one definition per count, gold apart", () => {
  it("pairs, images per model and judgments read the same on every page, gold counted apart", async () => {
    const { campaignId, owner, models } = await makeAnnotatingCampaign({ pairs: 6, goldRate: 0.34, realImages: true });
    const [regular, gold] = await Promise.all([
      db.pair.count({ where: { campaignId, isGold: false } }),
      db.pair.count({ where: { campaignId, isGold: true } }),
    ]);
    expect(regular).toBe(6);
    expect(gold).toBeGreaterThan(0);

    // Pairs: the campaign page and the campaigns list say the same thing.
    const summary = await campaignSummary(owner, campaignId);
    const [listed] = await listOwnedCampaigns(owner);
    expect({ regular: summary.pairs, gold: summary.goldPairs }).toEqual({ regular, gold });
    expect(listed.pairs).toEqual({ regular, gold });
    expect(pairsText(listed.pairs)).toBe(`6 pairs + ${gold} gold`);
    expect((await pairCounts([campaignId, "no-such-campaign"])).get("no-such-campaign")).toEqual({
      regular: 0,
      gold: 0,
    });

    // Images per model: the 6 generated, and the gold copies degraded from them apart.
    const images = await imageCounts(models.map((m) => m.id));
    for (const m of models) {
      const all = await db.image.count({ where: { modelId: m.id } });
      expect(images.get(m.id)!.generated).toBe(6);
      expect(images.get(m.id)!.generated + images.get(m.id)!.goldCopies).toBe(all);
    }
    const copies = [...images.values()].reduce((s, c) => s + c.goldCopies, 0);
    expect(copies).toBe(gold);
    const listedModel = (await listModels()).find((m) => m.id === models[0].id)!;
    expect(listedModel.images).toEqual(images.get(models[0].id));
    expect(imagesText({ generated: 6, goldCopies: 1 })).toBe("6 generated + 1 gold copy");

    // Judgments: every one recorded (gold included), those on gold apart, the last hour never above the total.
    // Gold pairs are mixed in at random (the campaign's rate): annotators vote until one has met one.
    const annotators = await makeAnnotators(6);
    await joinCampaign(campaignId, annotators);
    let last: { annotator: (typeof annotators)[number]; judgmentId: string } | null = null;
    const goldJudgments = () => db.judgment.count({ where: { pair: { campaignId, isGold: true } } });
    for (const annotator of annotators) {
      for (let i = 0; i < 20; i++) {
        const next = await nextAssignmentView(campaignId, annotator);
        if (next.kind !== "pair") break;
        for (const c of next.view.criteria) {
          const vote = await submitJudgment(annotator, {
            assignmentId: next.view.assignmentId,
            criterionId: c.id,
            choice: "left",
            idempotencyKey: uid("key-"),
            latencyMs: 2000,
          });
          last = { annotator, judgmentId: vote.judgmentId };
        }
      }
      if ((await goldJudgments()) > 0) break;
    }
    const recorded = await db.judgment.count({ where: { pair: { campaignId } } });
    const onGold = await goldJudgments();
    expect(onGold).toBeGreaterThan(0);
    // The gold share is the kept results' (a poll may answer from results a vote behind): bring them up to date.
    await analyseCampaign(owner, campaignId, DEFAULT_RESULTS_SETTINGS);
    const after = await campaignSummary(owner, campaignId);
    expect(after.judgments).toBe(recorded);
    expect(after.judgmentsOnGold).toBe(onGold);
    expect(after.judgmentsLastHour).toBe(recorded);
    // The per-criterion counts are on regular pairs: with the gold ones they make the total.
    expect(after.criteria.reduce((s, c) => s + c.judgments, 0) + onGold).toBe(recorded);

    await undoJudgment(last!.annotator, last!.judgmentId);
    const undone = await campaignSummary(owner, campaignId);
    expect(undone.judgments).toBe(recorded - 1);
    expect(undone.judgmentsLastHour).toBeLessThanOrEqual(undone.judgments);
    expect(undone.judgmentsLastHour).toBe(recorded - 1);
  });

  it("measures generation speed over the seconds the model's jobs were running, not a fixed window", async () => {
    const { campaignId, owner, models, promptSet } = await makeAnnotatingCampaign({ pairs: 4 });
    const t0 = Date.UTC(2024, 0, 1);
    const at = (s: number) => new Date(t0 + s * 1000);
    // Model 0: three overlapping jobs in [0 s, 5 s] and one in [100 s, 105 s]: 10 active seconds, 4 images.
    const spans = [
      [0, 5],
      [1, 4],
      [2, 5],
      [100, 105],
    ];
    await db.generationJob.createMany({
      data: spans.map(([start, end], i) => ({
        campaignId,
        modelId: models[0].id,
        promptId: promptSet.prompts[i].id,
        seed: 0,
        status: "done" as const,
        attempts: 1,
        startedAt: at(start),
        finishedAt: at(end),
      })),
    });
    // Model 1: one job done in 2 s, one never started.
    await db.generationJob.createMany({
      data: [
        {
          campaignId,
          modelId: models[1].id,
          promptId: promptSet.prompts[0].id,
          seed: 0,
          status: "done" as const,
          startedAt: at(0),
          finishedAt: at(2),
        },
        { campaignId, modelId: models[1].id, promptId: promptSet.prompts[1].id, seed: 0, status: "pending" as const },
      ],
    });
    const progress = await generationProgress(owner, campaignId);
    const [a, b] = progress.models;
    expect(a).toMatchObject({ done: 4, activeSeconds: 10, imagesPerSecond: 0.4, etaSeconds: 0 });
    expect(b).toMatchObject({ done: 1, pending: 1, activeSeconds: 2, imagesPerSecond: 0.5, etaSeconds: 2 });
  });
});

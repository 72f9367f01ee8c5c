import { describe, expect, it } from "vitest";
import { db } from "../db";
import { leaseAssignments } from "./lease-assignments";
import { submitJudgment } from "../judgments/submit-judgment";
import type { FillPolicy } from "../campaigns/campaign-spec";
import { joinCampaign, makeAnnotatingCampaign, makeAnnotators, uid } from "../../tests/support/factories";

/** Leases one pair and answers every criterion it asks; false when nothing was leased. */
async function judgeOnePair(campaignId: string, annotatorId: string): Promise<boolean> {
  const { leases } = await leaseAssignments(campaignId, annotatorId, 1);
  const lease = leases[0];
  if (!lease) return false;
  for (const criterionId of lease.criterionIds) {
    await submitJudgment(annotatorId, {
      assignmentId: lease.assignmentId,
      criterionId,
      choice: Math.random() < 0.5 ? "left" : "right",
      idempotencyKey: uid("key-"),
      latencyMs: 1500,
    });
  }
  return true;
}

/** Per pair of the campaign: judgments per criterion key, and distinct annotators. */
async function fillOf(campaignId: string) {
  const pairs = await db.pair.findMany({
    where: { campaignId },
    select: { id: true, judgments: { select: { annotatorId: true, criterion: { select: { key: true } } } } },
  });
  return pairs.map((p) => ({
    visual: p.judgments.filter((j) => j.criterion.key === "visual_appeal").length,
    text: p.judgments.filter((j) => j.criterion.key === "text_faithfulness").length,
    annotators: new Set(p.judgments.map((j) => j.annotatorId)).size,
  }));
}

/** A 10-pair campaign under Emu's 5 + 3 judgments, five annotators capped at four pairs each (20 of the 50 assignments needed). */
async function capped(fillPolicy: FillPolicy) {
  const { campaignId } = await makeAnnotatingCampaign({ pairs: 10, perAnnotatorCap: 4, fillPolicy });
  const annotators = await makeAnnotators(5);
  await joinCampaign(campaignId, annotators);
  // One after another, each until their cap.
  for (const annotator of annotators) while (await judgeOnePair(campaignId, annotator));
  return fillOf(campaignId);
}

describe("fill policy (issue 18 item 4)", () => {
  it("depth-first: a budget cut short leaves complete pairs, not every pair with too few judgments to agree on", async () => {
    const depth = await capped("depth_first");
    const touched = depth.filter((p) => p.annotators > 0);
    // 20 assignments = 4 pairs × 5 annotators: four complete pairs, none opened beyond them.
    expect(touched).toHaveLength(4);
    for (const pair of touched) expect(pair).toEqual({ visual: 5, text: 3, annotators: 5 });

    // The same budget breadth-first: every pair gets 2 judgments, none is complete.
    const breadth = await capped("breadth_first");
    expect(breadth.map((p) => p.annotators)).toEqual(Array(10).fill(2));
  });

  it("depth-first, annotators taking turns: each pair is filled to its target before the next one is opened", async () => {
    const { campaignId } = await makeAnnotatingCampaign({ pairs: 4, fillPolicy: "depth_first" });
    const annotators = await makeAnnotators(5);
    await joinCampaign(campaignId, annotators);
    for (let round = 1; round <= 4; round++) {
      for (const annotator of annotators) expect(await judgeOnePair(campaignId, annotator)).toBe(true);
      const fill = await fillOf(campaignId);
      expect(fill.filter((p) => p.annotators === 5 && p.visual === 5 && p.text === 3)).toHaveLength(round);
      expect(fill.filter((p) => p.annotators > 0 && p.annotators < 5)).toEqual([]);
    }
    for (const annotator of annotators) expect(await judgeOnePair(campaignId, annotator)).toBe(false);
  });

  it(
    "depth-first under concurrency: 30 annotators at once fill 12 pairs exactly, from distinct annotators",
    { timeout: 120_000 },
    async () => {
      const { campaignId } = await makeAnnotatingCampaign({ pairs: 12, fillPolicy: "depth_first" });
      const annotators = await makeAnnotators(30);
      await joinCampaign(campaignId, annotators);
      await Promise.all(
        annotators.map(async (a) => {
          while (await judgeOnePair(campaignId, a));
        }),
      );
      const fill = await fillOf(campaignId);
      expect(fill).toEqual(Array(12).fill({ visual: 5, text: 3, annotators: 5 }));
    },
  );

  it("is stored from the spec, read back by the spec export, and editable after judgments exist", async () => {
    const { campaignId, owner } = await makeAnnotatingCampaign({ pairs: 1, fillPolicy: "depth_first" });
    const user = { id: owner.id, email: owner.email, name: owner.name, role: "researcher" as const };
    const { exportCampaignSpec } = await import("../campaigns/export-campaign-spec");
    expect((await exportCampaignSpec(user, campaignId)).fillPolicy).toBe("depth_first");
    const [annotator] = await makeAnnotators(1);
    await joinCampaign(campaignId, [annotator]);
    expect(await judgeOnePair(campaignId, annotator)).toBe(true);
    const { updateCampaign } = await import("../campaigns/update-campaign");
    await updateCampaign(user, campaignId, { fillPolicy: "breadth_first" });
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).fillPolicy).toBe("breadth_first");
  });
});

import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../../lib/db";
import { createCampaign } from "../../lib/campaigns/create-campaign";
import { createReadyPairs } from "../../lib/pairs/create-ready-pairs";
import { nextAssignmentView } from "../../lib/annotation/assignment-view";
import { assignmentImage } from "../../lib/annotation/assignment-image";
import { makeAnnotators, makeCampaignImages, makeDemoModel, makePromptSet, makeUser } from "../support/factories";

/**
 * Issue 16 item 6: display copies kept each model's own size and aspect ratio, so the served
 * image's `naturalWidth` told a model's side apart (a 1024×576 model against a 512×512 one).
 * Both images of a pair must now come out on one canvas per campaign. Failed before the fix
 * (768×432 against 512×512).
 */
const solid = (width: number, height: number, r: number) =>
  sharp({ create: { width, height, channels: 3, background: { r, g: 90, b: 140 } } })
    .png()
    .toBuffer();

let campaignId: string;
let annotatorIds: string[];

beforeAll(async () => {
  const owner = await makeUser("researcher");
  const set = await makePromptSet(3, { ownerId: owner.id });
  const models = [await makeDemoModel("demo-smooth"), await makeDemoModel("demo-noisy")];
  ({ id: campaignId } = await createCampaign(owner.id, {
    name: "Canvas",
    promptSetId: set.id,
    modelIds: models.map((m) => m.id),
  }));
  // A square model and a wide one, as two real text-to-image models often are.
  const sizes: [number, number][] = [
    [512, 512],
    [1024, 576],
  ];
  await makeCampaignImages(campaignId, set.prompts, models, { draw: (_, i) => solid(...sizes[i], 40 + i * 120) });
  await createReadyPairs(campaignId);
  await db.campaign.update({ where: { id: campaignId }, data: { status: "annotating" } });
  annotatorIds = await makeAnnotators(2);
  await db.participation.createMany({
    data: annotatorIds.map((userId) => ({ campaignId, userId, consentedAt: new Date() })),
  });
}, 120_000);
afterAll(async () => {
  await disconnectDb();
});

describe("display copies of a campaign share one canvas", () => {
  it("both sides of every pair have the same pixel size, for every annotator", async () => {
    const sizes = new Set<string>();
    for (const annotatorId of annotatorIds) {
      const next = await nextAssignmentView(campaignId, annotatorId);
      if (next.kind !== "pair") throw new Error(`no pair (${next.kind})`);
      const { assignmentId } = next.view;
      const [left, right] = await Promise.all(
        (["left", "right"] as const).map(async (side) =>
          sharp(await assignmentImage(annotatorId, assignmentId, side)).metadata(),
        ),
      );
      expect([left.width, left.height]).toEqual([right.width, right.height]);
      expect(left.format).toBe("webp");
      expect(left.exif ?? left.xmp ?? left.icc).toBeUndefined();
      sizes.add(`${left.width}x${left.height}`);
    }
    expect(sizes.size).toBe(1);
  });

  it("the canvas is recorded on the campaign and keeps its aspect within the display limit", async () => {
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    const canvas = campaign as unknown as { displayWidth: number | null; displayHeight: number | null };
    expect(canvas.displayWidth).toBeGreaterThan(0);
    expect(Math.max(canvas.displayWidth!, canvas.displayHeight!)).toBeLessThanOrEqual(768);
  });
});

import type { AnnotatingCampaignOptions } from "../support/factories";

/**
 * Campaigns a spec owns, in the e2e database: specs that vote on the shared demo campaign with the
 * shared demo annotator find its pairs already judged or its targets met by the specs before them
 * (CI failed so), so a spec that needs fresh pairs makes its own. Set DATABASE_URL to the e2e
 * database (`inject("e2eDatabaseUrl")`) before the first call.
 */

/** Points a campaign's image rows at the pictures the demo worker stored, so pages show real images. */
export async function showDemoPictures(campaignId: string) {
  const { db } = await import("../../lib/db");
  const { DEMO_CAMPAIGN } = await import("../../lib/demo/demo-content");
  const sources = await db.image.findMany({
    where: { kind: "generated", campaign: { name: DEMO_CAMPAIGN } },
    orderBy: { id: "asc" },
    take: 12,
  });
  if (sources.length === 0) throw new Error("the demo campaign has no stored images to show");
  const mine = await db.image.findMany({ where: { campaignId }, orderBy: { id: "asc" } });
  for (const [i, image] of mine.entries()) {
    const s = sources[i % sources.length];
    await db.image.update({
      where: { id: image.id },
      data: { storageKey: s.storageKey, sha256: s.sha256, width: s.width, height: s.height },
    });
  }
}

/**
 * A pairwise campaign in `annotating` with real pictures, its owner and one annotator who joined
 * it, both able to sign in with `password`.
 */
export async function ownPairwiseCampaign(password: string, options: AnnotatingCampaignOptions) {
  const { db } = await import("../../lib/db");
  const { makeAnnotatingCampaign, makeUser, joinCampaign } = await import("../support/factories");
  const made = await makeAnnotatingCampaign({ ...options, ownerPassword: password });
  await showDemoPictures(made.campaignId);
  const annotator = await makeUser("annotator", password);
  await joinCampaign(made.campaignId, [annotator.id]);
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: made.campaignId } });
  return { ...made, campaign, annotator };
}

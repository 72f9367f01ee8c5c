import { afterAll, beforeAll, inject } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, signIn } from "./browser";
import { recordResponses } from "./received-responses";

/**
 * The frame of a spec that drives the app in a browser: the app's address, the e2e database for the
 * spec's factories, and Chromium launched before the spec's tests and closed after them (with the
 * database connection the factories opened). Call it first in the spec, before lib/db is imported.
 */
export function specSession(): { baseUrl: string; browser: Browser } {
  // Factories write to the e2e database; set before lib/db is first imported.
  process.env.DATABASE_URL = inject("e2eDatabaseUrl");
  const session = { baseUrl: inject("baseUrl"), browser: undefined as unknown as Browser };
  beforeAll(async () => {
    session.browser = await launchBrowser();
  });
  afterAll(async () => {
    await session.browser?.close();
    await (await import("../../lib/db")).disconnectDb();
  });
  return session;
}

/**
 * Points a campaign's image rows (placeholders from the factories) at the images the demo
 * campaign's worker stored, in turn, so the annotator's page shows real pictures.
 */
export async function showDemoPictures(campaignId: string, take: number): Promise<void> {
  const { db } = await import("../../lib/db");
  const { DEMO_CAMPAIGN } = await import("../../lib/demo/demo-content");
  const sources = await db.image.findMany({
    where: { kind: "generated", campaign: { name: DEMO_CAMPAIGN } },
    orderBy: { id: "asc" },
    take,
  });
  if (sources.length === 0) throw new Error("The demo campaign has no generated images to show");
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
 * A fresh annotator (`password`) joined to the campaign, signed in on a desktop window, on the
 * campaign's task page (reached by a click, not a page load: the list page's prefetch of the task
 * page is used, not cut off) once its progress shows; every response body the browser receives is
 * recorded for the blindness checks.
 */
export async function openTaskAsNewAnnotator(
  session: { baseUrl: string; browser: Browser },
  campaignId: string,
  password: string,
): Promise<{
  annotator: { id: string; email: string | null };
  context: BrowserContext;
  page: Page;
  received: Awaited<ReturnType<typeof recordResponses>>;
}> {
  const { makeUser, joinCampaign } = await import("../support/factories");
  const annotator = await makeUser("annotator", password);
  await joinCampaign(campaignId, [annotator.id]);
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const received = await recordResponses(context);
  const page = await context.newPage();
  await signIn(page, session.baseUrl, annotator.email!, password);
  await page.getByRole("link", { name: /Image comparison task/ }).click();
  await page.getByTestId("progress").waitFor();
  return { annotator, context, page, received };
}

/**
 * A pairwise campaign of the spec's own in `annotating`, with real pictures, its owner and one
 * annotator who joined it, both able to sign in with `password`. Specs that vote on the shared
 * demo campaign with the shared demo annotator find its pairs judged, or their targets met, by the
 * specs before them (CI failed so): a spec that needs fresh pairs makes its own.
 */
export async function ownPairwiseCampaign(
  password: string,
  options: import("../support/factories").AnnotatingCampaignOptions,
) {
  const { db } = await import("../../lib/db");
  const { makeAnnotatingCampaign, makeUser, joinCampaign } = await import("../support/factories");
  const made = await makeAnnotatingCampaign({ ...options, ownerPassword: password });
  await showDemoPictures(made.campaignId, 12);
  const annotator = await makeUser("annotator", password);
  await joinCampaign(made.campaignId, [annotator.id]);
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: made.campaignId } });
  return { ...made, campaign, annotator };
}

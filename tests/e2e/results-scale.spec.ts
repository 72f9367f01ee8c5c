import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, signIn } from "./browser";
import { DEMO_USERS } from "../../lib/demo/demo-content";

const baseUrl = inject("baseUrl");
// Factories write to the e2e database; set before lib/db is first imported.
process.env.DATABASE_URL = inject("e2eDatabaseUrl");
const JUDGMENTS = 200_000;
const researcher = DEMO_USERS.find((u) => u.role === "researcher")!;
let browser: Browser;
let campaignId: string;

/**
 * The results page of a campaign of 200,000 judgments: it loads with its charts (server-rendered
 * SVG, no judgment sent to the browser), and a second visit is answered from the kept results.
 */
beforeAll(async () => {
  browser = await launchBrowser();
  const { db } = await import("../../lib/db");
  const { makeDemoModel, makePromptSet, makeUser } = await import("../support/factories");
  const { seedResultsCampaign } = await import("../../lib/results/seed-results-campaign");
  const { insertSyntheticJudgments } = await import("../../lib/results/synthetic-judgments");
  const owner = await db.user.findUniqueOrThrow({ where: { email: researcher.email } });
  const set = await makePromptSet(100, { categories: ["Animals", "Vehicles", "People"] });
  const models = [await makeDemoModel("demo-smooth"), await makeDemoModel("demo-noisy"), await makeDemoModel()];
  ({ campaignId } = await seedResultsCampaign({
    ownerId: owner.id,
    promptSetId: set.id,
    modelIds: models.map((m) => m.id),
    annotators: [(await makeUser("annotator")).id],
  }));
  const pairs = await db.pair.count({ where: { campaignId, isGold: false } });
  const seeded = await db.judgment.count({ where: { pair: { campaignId } } });
  await insertSyntheticJudgments(campaignId, Math.ceil((JUDGMENTS - seeded) / (2 * pairs)), JUDGMENTS - seeded);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await (await import("../../lib/db")).disconnectDb();
});

describe("results of 200,000 judgments", () => {
  it("load with their charts, and a second visit is served from the kept results", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, baseUrl, researcher.email, researcher.password);
    const url = `${baseUrl}/campaigns/${campaignId}/results`;
    const first = await page.goto(url, { timeout: 120_000 });
    expect(first?.status()).toBe(200);
    const summary = page.getByTestId("settings-summary");
    expect(await summary.getAttribute("data-results-cache")).toBe("computed");
    expect(await summary.textContent()).toMatch(/of 200,?000 judgments analysed/);

    const charts = page.locator("svg[data-chart]");
    expect(await charts.count()).toBeGreaterThanOrEqual(4);
    for (const chart of await charts.all())
      expect(await chart.locator("rect, circle, line, path").count()).toBeGreaterThan(0);
    // The charts' pixels are there: the stacked bars' win-green (#1b9e77) shows in their screenshot.
    const bars = page.locator('svg[data-chart="stacked-bars"]').first();
    await bars.scrollIntoViewIfNeeded();
    const { data, info } = await sharp(await bars.screenshot())
      .raw()
      .toBuffer({ resolveWithObject: true });
    let green = 0;
    for (let i = 0; i < data.length; i += info.channels)
      if (Math.abs(data[i] - 0x1b) < 12 && Math.abs(data[i + 1] - 0x9e) < 12 && Math.abs(data[i + 2] - 0x77) < 12)
        green++;
    expect(green).toBeGreaterThan(100);
    // No per-judgment data travels: the page is figures, the annotator table (one row per
    // annotator, with the crowd-quality signals), one gallery page and its judgments (about 3 MB
    // here, most of it the gallery page's 12 pairs × ~600 judgments); the campaign's 200,000
    // judgments alone would be over 20 MB.
    const html = await page.content();
    expect(html.length).toBeLessThan(4_000_000);

    await page.reload();
    expect(["memory", "database"]).toContain(
      await page.getByTestId("settings-summary").getAttribute("data-results-cache"),
    );
    expect(await page.locator("svg[data-chart]").count()).toBe(await charts.count());
    await context.close();
  });
});

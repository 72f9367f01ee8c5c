import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signIn } from "./browser";
import { recordResponses } from "./received-responses";

const baseUrl = inject("baseUrl");
// Factories write to the e2e database; set before lib/db is first imported.
process.env.DATABASE_URL = inject("e2eDatabaseUrl");
const PASSWORD = "curation-e2e-pass";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await (await import("../../lib/db")).disconnectDb();
});

const progressDone = async (page: Page) =>
  Number((await page.getByTestId("progress").textContent())?.match(/^(\d+) of/)?.[1]);

/** Presses accept / reject and waits for the server to take the vote. */
async function press(page: Page, key: "a" | "r") {
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/curations") && r.request().method() === "POST"),
    page.keyboard.press(key),
  ]);
}

/** Waits until the image on screen is decoded (a real picture, named by the assignment only). */
async function imageShown(page: Page) {
  const image = page.getByRole("img", { name: "Image to judge" });
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 20_000 })
    .toBeGreaterThan(0);
  expect(await image.getAttribute("src")).toMatch(/^\/api\/curation-assignments\/[^/]+\/image$/);
}

describe("curation by keyboard", () => {
  it(
    "the crowd accepts or rejects every image by keyboard (a / r, z undoes), the researcher marks an expert who judges only the survivors, nothing names a file, and the results page shows acceptance per stage and the survivors",
    { timeout: 240_000 },
    async () => {
      const { db } = await import("../../lib/db");
      const { makeUser, joinCampaign } = await import("../support/factories");
      const { makeCurationCampaign } = await import("../support/curation-campaign");
      const c = await makeCurationCampaign({
        images: 4,
        stages: [
          { votes: 1, accept: 1 },
          { votes: 1, accept: 1 },
        ],
        ownerPassword: PASSWORD,
        completionCode: "CURATED-22",
      });
      // The images the demo campaign's worker stored (the server's image store), as in rating.spec.ts.
      const { DEMO_CAMPAIGN } = await import("../../lib/demo/demo-content");
      const sources = await db.image.findMany({
        where: { kind: "generated", campaign: { name: DEMO_CAMPAIGN } },
        orderBy: { id: "asc" },
        take: 4,
      });
      expect(sources.length).toBeGreaterThan(0);
      const mine = await db.image.findMany({ where: { campaignId: c.campaignId }, orderBy: { id: "asc" } });
      const files = mine.map((im) => (im.metadata as { file: string }).file);
      for (const [i, image] of mine.entries()) {
        const s = sources[i % sources.length];
        await db.image.update({
          where: { id: image.id },
          data: { storageKey: s.storageKey, sha256: s.sha256, width: s.width, height: s.height },
        });
      }
      const crowd = await makeUser("annotator", PASSWORD);
      const expert = await makeUser("annotator", PASSWORD);
      await joinCampaign(c.campaignId, [crowd.id, expert.id]);
      const campaign = await db.campaign.findUniqueOrThrow({ where: { id: c.campaignId } });

      // The researcher marks one member as an expert on the campaign page.
      const researcherContext = await browser.newContext();
      const researcher = await researcherContext.newPage();
      await signIn(researcher, baseUrl, c.owner.email!, PASSWORD);
      await researcher.goto(`${baseUrl}/campaigns/${c.campaignId}`);
      const expertRow = researcher.getByTestId("curation-member").filter({ hasText: expert.email! });
      await expertRow.getByRole("button", { name: "Mark as expert" }).click();
      await expect.poll(() => expertRow.getByTestId("curation-role").textContent(), { timeout: 10_000 }).toBe("expert");

      // Stage 1: the crowd annotator, by keyboard only.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const received = await recordResponses(context);
      const page = await context.newPage();
      await signIn(page, baseUrl, crowd.email!, PASSWORD);
      await page.getByRole("link", { name: /Image comparison task/ }).click();
      await page.getByTestId("progress").waitFor();
      expect(await page.getByTestId("progress").textContent()).toContain("0 of 4");
      expect(await page.getByTestId("rubric").textContent()).toContain("Composition");
      expect(await page.getByText("Keys:").textContent()).toMatch(/a accept, r reject, z to undo/);
      await imageShown(page);
      expect(await page.getByTestId("caption").textContent()).toMatch(/photo \d of a lighthouse at dusk/);

      const keys: ("a" | "r")[] = ["a", "r", "r", "a"];
      for (const [n, key] of keys.entries()) {
        await press(page, key);
        if (n < keys.length - 1) await expect.poll(() => progressDone(page), { timeout: 10_000 }).toBe(n + 1);
        if (n === 1) {
          // z takes back the reject and shows that image again; accept it this time.
          await page.keyboard.press("z");
          await expect.poll(() => progressDone(page), { timeout: 10_000 }).toBe(1);
          await imageShown(page);
          await press(page, "a");
          await expect.poll(() => progressDone(page), { timeout: 10_000 }).toBe(2);
        }
      }
      await expect
        .poll(() => page.getByTestId("completion-code").textContent(), { timeout: 10_000 })
        .toBe("CURATED-22");
      const crowdVotes = await db.curationVote.findMany({ where: { annotatorId: crowd.id } });
      expect(crowdVotes.map((v) => v.accept).sort()).toEqual([false, true, true, true]);
      await received.expectNoneNames([campaign.name, ...files]);
      await context.close();

      // Stage 2: the expert is served exactly the three survivors, marked as expert review.
      const expertContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const expertReceived = await recordResponses(expertContext);
      const expertPage = await expertContext.newPage();
      await signIn(expertPage, baseUrl, expert.email!, PASSWORD);
      await expertPage.getByRole("link", { name: /Image comparison task/ }).click();
      // Their progress counts what they can be served: the three survivors, not the crowd's four images.
      await expect
        .poll(() => expertPage.getByTestId("progress").textContent(), { timeout: 10_000 })
        .toContain("0 of 3");
      for (const key of ["a", "r", "a"] as const) {
        await expect.poll(() => expertPage.getByTestId("stage").count(), { timeout: 10_000 }).toBe(1);
        await imageShown(expertPage);
        await press(expertPage, key);
      }
      await expect
        .poll(() => expertPage.getByTestId("completion-code").textContent(), { timeout: 10_000 })
        .toBe("CURATED-22");
      expect(await db.curationVote.count({ where: { annotatorId: expert.id } })).toBe(3);
      await expertReceived.expectNoneNames([campaign.name, ...files]);
      await expertContext.close();

      // The researcher's results page: acceptance per stage with Wilson intervals, the survivors.
      await researcher.goto(`${baseUrl}/campaigns/${c.campaignId}/results`);
      const stages = researcher.getByTestId("curation-stage");
      await expect.poll(() => stages.count(), { timeout: 10_000 }).toBe(2);
      expect(await stages.nth(0).getByTestId("acceptance").textContent()).toMatch(/^75\.0 % \[\d+\.\d %, \d+\.\d %\]$/);
      expect(await stages.nth(1).getByTestId("acceptance").textContent()).toMatch(/^66\.7 % \[/);
      expect(await researcher.getByTestId("curation-summary").textContent()).toContain(
        "7 votes in 2 stages · 2 accepted",
      );
      const survivors = researcher.getByTestId("survivor");
      expect(await survivors.count()).toBe(2);
      await expect
        .poll(
          () =>
            survivors
              .first()
              .locator("img")
              .evaluate((img: HTMLImageElement) => img.naturalWidth),
          {
            timeout: 20_000,
          },
        )
        .toBeGreaterThan(0);
      const manifest = await researcher.request.get(`${baseUrl}/api/campaigns/${c.campaignId}/results/curation`);
      expect((await manifest.text()).trim().split("\r\n")).toHaveLength(1 + 7);
      const dataset = await researcher.request.get(`${baseUrl}/api/campaigns/${c.campaignId}/results/dataset`);
      expect(dataset.status()).toBe(200);
      expect(dataset.headers()["content-type"]).toBe("application/gzip");
      await researcherContext.close();
    },
  );

  it("the wizard offers curation: a folder that is not there is named, and a campaign of the models' images shows its stages and rubric on the draft", async () => {
    const { DEMO_USERS } = await import("../../lib/demo/demo-content");
    const researcher = DEMO_USERS.find((u) => u.role === "researcher")!;
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, baseUrl, researcher.email, researcher.password);
    await page.goto(`${baseUrl}/campaigns/new`);
    await page.getByLabel("Name").fill("Wizard e2e: curation");
    await page.getByTestId("task-type").selectOption("curation");
    const fields = page.getByTestId("curation-fields");
    expect(await fields.textContent()).toContain("Composition");
    await page.getByTestId("curation-folder").fill("no-such-folder");
    await page.getByRole("button", { name: "Create draft" }).click();
    await expect
      .poll(() => page.locator("#wizard-problem").textContent(), { timeout: 10_000 })
      .toContain("curation.imageFolder: no-such-folder: no such folder");

    await fields.getByRole("radio", { name: /the models above generate/ }).check();
    await page.getByRole("checkbox", { name: /^demo-smooth v1 / }).check();
    await Promise.all([
      page.waitForURL(/\/campaigns\/(?!new)[^/]+$/),
      page.getByRole("button", { name: "Create draft" }).click(),
    ]);
    const curation = page.getByRole("region", { name: "Protocol" }).getByTestId("protocol-curation");
    expect(await curation.locator("ol > li").allTextContents()).toEqual([
      "Everyone: at least 1 of 3 accept",
      "Experts, the survivors only: at least 2 of 2 accept",
    ]);
    expect(await curation.textContent()).toContain("Photography principles (Emu)");
    const campaignId = new URL(page.url()).pathname.split("/").pop()!;
    const spec = await (await page.request.get(`${baseUrl}/api/campaigns/${campaignId}/spec`)).json();
    expect(spec).toMatchObject({
      taskType: "curation",
      models: ["demo-smooth@1"],
      curation: { stages: [{ votes: 3 }, { votes: 2 }] },
    });
    await context.close();
  });
});

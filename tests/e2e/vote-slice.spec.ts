import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, signIn } from "./browser";
import { ownPairwiseCampaign } from "./own-campaign";
import { recordResponses } from "./received-responses";

const baseUrl = inject("baseUrl");
// Factories write to the e2e database; set before lib/db is first imported.
process.env.DATABASE_URL = inject("e2eDatabaseUrl");
const PASSWORD = "vote-slice-e2e-pass";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await (await import("../../lib/db")).disconnectDb();
});

describe("thin slice: sign in, vote, see the count change", () => {
  it("an annotator's vote shows up on the researcher's campaign page", { timeout: 120_000 }, async () => {
    // Its own campaign, Emu's two questions one at a time: the demo campaign's pairs are shared
    // with the other specs, which may have met their targets already.
    const c = await ownPairwiseCampaign(PASSWORD, { pairs: 3, criteriaMode: "sequential" });
    const researcher = await browser.newPage();
    await signIn(researcher, baseUrl, c.owner.email!, PASSWORD);
    await researcher.goto(`${baseUrl}/campaigns/${c.campaignId}`);
    const count = researcher.getByTestId("judgment-count");
    expect(Number(await count.textContent())).toBe(0);

    const annotatorContext = await browser.newContext();
    const received = await recordResponses(annotatorContext);
    const annotator = await annotatorContext.newPage();
    await signIn(annotator, baseUrl, c.annotator.email!, PASSWORD);
    await annotator.getByRole("link", { name: /Image comparison task/ }).click();
    await expect
      .poll(() => annotator.getByRole("img", { name: "Left image" }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    // Emu's protocol, one question at a time: visual appeal first, without the caption…
    const appeal = annotator.getByRole("group", { name: /more appealing/ });
    expect(await appeal.isVisible()).toBe(true);
    expect(await annotator.getByTestId("prompt-text").count()).toBe(0);
    await appeal.getByRole("button", { name: /Left/ }).click();
    // …then text faithfulness, with the prompt shown.
    await expect
      .poll(() => annotator.getByRole("group", { name: /matches the text/ }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    expect(await annotator.getByTestId("prompt-text").isVisible()).toBe(true);

    await expect.poll(async () => Number(await count.textContent()), { timeout: 15_000 }).toBe(1);

    // Blindness: nothing the annotator's browser received names a model or the campaign.
    const responses = await received.expectNoneNames([...c.models.map((m) => m.name), c.campaign.name]);
    expect(responses.map((r) => r.text).join("\n")).toContain('"kind":"pair"');
    await annotatorContext.close();
  });
});

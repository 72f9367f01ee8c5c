import { describe, expect, it } from "vitest";
import { signIn } from "./browser";
import { ownPairwiseCampaign, specSession } from "./spec-session";
import { recordResponses } from "./received-responses";

const session = specSession();
const { baseUrl } = session;
const PASSWORD = "vote-slice-e2e-pass";

describe("thin slice: sign in, vote, see the count change", () => {
  it("an annotator's vote shows up on the researcher's campaign page", { timeout: 120_000 }, async () => {
    // Its own campaign, Emu's two questions one at a time: the demo campaign's pairs are shared
    // with the other specs, which may have met their targets already.
    const c = await ownPairwiseCampaign(PASSWORD, { pairs: 3, criteriaMode: "sequential" });
    const researcher = await session.browser.newPage();
    await signIn(researcher, baseUrl, c.owner.email!, PASSWORD);
    await researcher.goto(`${baseUrl}/campaigns/${c.campaignId}`);
    const count = researcher.getByTestId("judgment-count");
    expect(Number(await count.textContent())).toBe(0);

    const annotatorContext = await session.browser.newContext();
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

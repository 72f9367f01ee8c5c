import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, signIn } from "./browser";
import { recordResponses } from "./received-responses";
import { DEMO_CAMPAIGN, DEMO_MODELS, DEMO_USERS } from "../../lib/demo/demo-content";

const baseUrl = inject("baseUrl");
const user = (role: string) => DEMO_USERS.find((u) => u.role === role)!;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("thin slice: sign in, vote, see the count change", () => {
  it("an annotator's vote shows up on the researcher's campaign page", { timeout: 240_000 }, async () => {
    const researcher = await browser.newPage();
    await signIn(researcher, baseUrl, user("researcher").email, user("researcher").password);
    await researcher.getByRole("link", { name: /Demo:/ }).click();
    const count = researcher.getByTestId("judgment-count");
    const before = Number(await count.textContent());

    const annotatorContext = await browser.newContext();
    const received = await recordResponses(annotatorContext);
    const annotator = await annotatorContext.newPage();
    await signIn(annotator, baseUrl, user("annotator").email, user("annotator").password);
    await annotator.getByRole("link", { name: /Image comparison task/ }).click();
    await expect
      .poll(() => annotator.getByRole("img", { name: "Left image" }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    // Other specs vote on this demo campaign too: a pair whose text-faithfulness target is already
    // met asks visual appeal alone (unnumbered). Answer those until a pair asks both questions.
    let answered = 0;
    for (let guard = 0; guard < 60 && (await annotator.getByTestId("question-number").count()) === 0; guard++) {
      const progress = await annotator.getByTestId("progress").textContent();
      await annotator.locator("fieldset:not([disabled])").first().getByRole("button", { name: /Left/ }).click();
      answered++;
      await expect
        .poll(async () => (await annotator.getByTestId("progress").textContent()) !== progress, { timeout: 15_000 })
        .toBe(true);
    }
    // Emu's protocol, one question at a time: visual appeal first, without the caption…
    const appeal = annotator.getByRole("group", { name: /more appealing/ });
    expect(await appeal.isVisible()).toBe(true);
    expect(await annotator.getByTestId("prompt-text").count()).toBe(0);
    await appeal.getByRole("button", { name: /Left/ }).click();
    answered++;
    // …then text faithfulness, with the prompt shown.
    await expect
      .poll(() => annotator.getByRole("group", { name: /matches the text/ }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    expect(await annotator.getByTestId("prompt-text").isVisible()).toBe(true);

    await expect.poll(async () => Number(await count.textContent()), { timeout: 15_000 }).toBe(before + answered);

    // Blindness: nothing the annotator's browser received names a model or the campaign.
    const responses = await received.expectNoneNames([...DEMO_MODELS.map((m) => m.name), DEMO_CAMPAIGN]);
    expect(responses.map((r) => r.text).join("\n")).toContain('"kind":"pair"');
    await annotatorContext.close();
  });
});

import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn } from "./browser";
import { ownPairwiseCampaign, specSession } from "./spec-session";
import { recordResponses } from "./received-responses";
import { progressDone, votePair } from "./voting-steps";

const session = specSession();
const { baseUrl } = session;
const PASSWORD = "voting-e2e-pass";

/** Votes on the pair on screen: visual appeal by arrows, text faithfulness by digits. */
let answered = 0;
const votePairByKeys = (page: Page, n: number) =>
  votePair(page, (question) => {
    answered++;
    return /appealing/.test(question) ? ["ArrowLeft", "ArrowRight", "ArrowDown"][n % 3] : String((n % 4) + 1);
  });

describe("voting by keyboard", () => {
  it(
    "an annotator votes through 10 pairs by keyboard only, a reload resumes, nothing names a model, the live view follows",
    { timeout: 180_000 },
    async () => {
      // Its own campaign (Emu's two questions one at a time, as the demo): the demo campaign's
      // pairs are shared with the other specs, which may have met their targets already.
      const c = await ownPairwiseCampaign(PASSWORD, { pairs: 12, criteriaMode: "sequential" });
      const researcherContext = await session.browser.newContext();
      const researcher = await researcherContext.newPage();
      await signIn(researcher, baseUrl, c.owner.email!, PASSWORD);
      await researcher.goto(`${baseUrl}/campaigns/${c.campaignId}`);
      const count = researcher.getByTestId("judgment-count");
      expect(Number(await count.textContent())).toBe(0);

      const annotatorContext = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const received = await recordResponses(annotatorContext);
      const annotator = await annotatorContext.newPage();
      await signIn(annotator, baseUrl, c.annotator.email!, PASSWORD);
      // A click, not a page load: the list page's prefetch of the voting page is used, not cut off.
      await annotator.getByRole("link", { name: /Image comparison task/ }).click();
      await annotator.getByTestId("progress").waitFor();
      const start = await progressDone(annotator);
      expect(start).toBe(0);
      // Shortcuts are shown on the page, and the question has focus for a screen reader.
      await expect.poll(() => annotator.evaluate(() => document.activeElement?.tagName)).toBe("H2");
      expect(await annotator.locator("kbd").first().isVisible()).toBe(true);

      for (let n = 0; n < 5; n++) await votePairByKeys(annotator, n);
      const leftBefore = await annotator.getByRole("img", { name: "Left image" }).getAttribute("src");
      await received.settled();
      await annotator.reload();
      await annotator.getByTestId("progress").waitFor();
      expect(await progressDone(annotator)).toBe(start + 5);
      expect(await annotator.getByRole("img", { name: "Left image" }).getAttribute("src")).toBe(leftBefore);
      for (let n = 5; n < 10; n++) await votePairByKeys(annotator, n);
      expect(await progressDone(annotator)).toBe(start + 10);

      // Undo by keyboard takes back the last answer and shows that pair again.
      await annotator.keyboard.press("z");
      await expect.poll(() => progressDone(annotator)).toBe(start + 9);
      // Answer it again.
      await votePairByKeys(annotator, 10);

      // One answer was undone.
      await expect.poll(async () => Number(await count.textContent()), { timeout: 15_000 }).toBe(answered - 1);
      expect(Number(await researcher.getByTestId("judgments-per-hour").textContent())).toBe(answered - 1);
      expect(await researcher.getByTestId("win-rates").isVisible()).toBe(true);

      const responses = await received.expectNoneNames([...c.models.map((m) => m.name), c.campaign.name]);
      const all = responses.map((r) => r.text).join("\n");
      expect(all).toContain("/api/annotate/");
      expect(all).toContain('"kind":"pair"');
      await annotatorContext.close();
      await researcherContext.close();
    },
  );
});

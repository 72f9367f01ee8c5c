import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn } from "./browser";
import { openTaskAsNewAnnotator, showDemoPictures, specSession } from "./spec-session";
import { progressDone } from "./voting-steps";

const session = specSession();
const { baseUrl } = session;
const PASSWORD = "rating-e2e-pass";

/** Presses one answer key and waits for the server to take the rating. */
async function press(page: Page, key: string) {
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/ratings") && r.request().method() === "POST"),
    page.keyboard.press(key),
  ]);
}

describe("rating by keyboard", () => {
  it(
    "an annotator rates every image by keyboard (prompt hidden where the aspect hides it), undoes one, nothing names a model, and the results page shows the rating figures",
    { timeout: 240_000 },
    async () => {
      const { db } = await import("../../lib/db");
      const { makeRatingCampaign } = await import("../support/rating-campaign");
      const c = await makeRatingCampaign({
        prompts: 3,
        ratingsPerImage: 1,
        annotators: 0,
        ownerPassword: PASSWORD,
        aspects: [
          { key: "realistic", question: "Could this be a real photo?", showPrompt: false, scale: "yes-no" },
          {
            key: "quality",
            question: "How well does the image match the description?",
            showPrompt: true,
            scale: "likert5",
          },
        ],
      });
      await showDemoPictures(c.campaignId, 6);
      const campaign = await db.campaign.findUniqueOrThrow({ where: { id: c.campaignId } });
      const { annotator, context, page, received } = await openTaskAsNewAnnotator(session, c.campaignId, PASSWORD);
      expect(await progressDone(page)).toBe(0);
      expect(await page.getByTestId("progress").textContent()).toContain("of 6");
      // The image is shown (a decoded picture), named by the assignment only.
      const image = page.getByRole("img", { name: "Image to rate" });
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 })
        .toBeGreaterThan(0);
      expect(await image.getAttribute("src")).toMatch(/^\/api\/rating-assignments\/[^/]+\/image$/);

      // A value off the scale is refused, naming the field.
      const next = await (await page.request.post(`${baseUrl}/api/annotate/${c.campaignId}/rating-next`)).json();
      const bad = await page.request.post(`${baseUrl}/api/ratings`, {
        data: {
          assignmentId: next.view.assignmentId,
          aspectId: next.view.aspects[0].id,
          value: 9,
          idempotencyKey: "e2e-rating-bad-value",
        },
      });
      expect(bad.status()).toBe(422);
      const problem = await bad.json();
      expect(problem.issues).toEqual([{ field: "value", message: "allowed: 0, 1" }]);

      for (let n = 0; n < 6; n++) {
        // First the aspect that hides the prompt, answered by y / n, with no prompt on screen …
        await expect
          .poll(() => page.getByTestId("aspect").first().locator("h2").textContent(), { timeout: 10_000 })
          .toBe("Could this be a real photo?");
        expect(await page.getByTestId("prompt-text").count()).toBe(0);
        await press(page, n % 2 ? "y" : "n");
        // … then the one that shows it, answered by a digit.
        await expect.poll(() => page.getByTestId("prompt-text").count(), { timeout: 10_000 }).toBe(1);
        expect(await page.getByTestId("aspect").first().locator("h2").textContent()).toBe(
          "How well does the image match the description?",
        );
        await press(page, String((n % 5) + 1));
        if (n < 5) await expect.poll(() => progressDone(page), { timeout: 10_000 }).toBe(n + 1);
        if (n === 2) {
          // Undo by keyboard takes back the last answer and shows that image's question again; answer it anew.
          await page.keyboard.press("z");
          await expect.poll(() => progressDone(page), { timeout: 10_000 }).toBe(2);
          expect(await page.getByTestId("prompt-text").count()).toBe(1);
          await press(page, "4");
          await expect.poll(() => progressDone(page), { timeout: 10_000 }).toBe(3);
        }
      }
      await expect.poll(() => page.getByTestId("completion-code").textContent(), { timeout: 10_000 }).toBe("RATED-123");
      expect(await db.rating.count({ where: { annotatorId: annotator.id } })).toBe(12);

      const responses = await received.expectNoneNames([...c.models.map((m) => m.name), campaign.name]);
      expect(responses.map((r) => r.text).join("\n")).toContain('"kind":"rating"');
      await context.close();

      // The researcher's results page shows the rating figures.
      const researcherContext = await session.browser.newContext();
      const researcher = await researcherContext.newPage();
      await signIn(researcher, baseUrl, c.owner.email!, PASSWORD);
      await researcher.goto(`${baseUrl}/campaigns/${c.campaignId}/results`);
      const aspects = researcher.getByTestId("rating-aspect");
      await expect.poll(() => aspects.count(), { timeout: 10_000 }).toBe(2);
      expect(await aspects.first().locator("h2").textContent()).toBe("realistic");
      expect(await researcher.getByTestId("rating-summary").textContent()).toContain("12 of 12 ratings analysed");
      const means = await researcher.getByTestId("rating-mean").allTextContents();
      expect(means).toHaveLength(4);
      for (const m of means) expect(m).toMatch(/^\d\.\d\d$/);
      expect(await researcher.getByTestId("rating-alpha").first().textContent()).toContain("Krippendorff");
      expect(await researcher.getByTestId("rating-differences").count()).toBe(2);
      expect(await researcher.getByTestId("rating-categories").isVisible()).toBe(true);
      const csv = await researcher.request.get(`${baseUrl}/api/campaigns/${c.campaignId}/results/ratings`);
      expect((await csv.text()).trim().split("\r\n")).toHaveLength(13);

      // The campaign page's live summary counts images and ratings, with the figures and the
      // annotator, in the words of a rating campaign (issue 22).
      await researcher.goto(`${baseUrl}/campaigns/${c.campaignId}`);
      const progress = researcher.getByRole("region", { name: "Progress" });
      await expect.poll(() => researcher.getByTestId("judgment-count").textContent(), { timeout: 10_000 }).toBe("12");
      expect(await researcher.getByTestId("item-count").textContent()).toBe("6 images");
      expect(await researcher.getByTestId("item-figures").locator("tbody tr").count()).toBe(4);
      expect(await researcher.getByTestId("annotators").locator("tbody tr").count()).toBe(1);
      const words = (await progress.textContent())!;
      expect(words).toContain("12 ratings");
      expect(words).not.toMatch(/pair|judgment|win rate/i);
      await researcherContext.close();
    },
  );
});

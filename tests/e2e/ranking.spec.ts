import { describe, expect, it } from "vitest";
import { signIn } from "./browser";
import { openTaskAsNewAnnotator, showDemoPictures, specSession } from "./spec-session";
import { progressDone } from "./voting-steps";

const session = specSession();
const { baseUrl } = session;
const PASSWORD = "ranking-e2e-pass";

describe("ranking by keyboard", () => {
  it(
    "an annotator orders every set by keyboard with a tie (one by dragging and the list's arrow keys), undoes one, nothing names a model, and the results page shows the leaderboards",
    { timeout: 240_000 },
    async () => {
      const { db } = await import("../../lib/db");
      const { makeRatingCampaign } = await import("../support/rating-campaign");
      const c = await makeRatingCampaign({
        taskType: "ranking",
        models: 3,
        prompts: 4,
        rankingsPerItem: 1,
        annotators: 0,
        ownerPassword: PASSWORD,
      });
      await showDemoPictures(c.campaignId, 12);
      const campaign = await db.campaign.findUniqueOrThrow({ where: { id: c.campaignId } });
      const { annotator, context, page, received } = await openTaskAsNewAnnotator(session, c.campaignId, PASSWORD);
      expect(await page.getByTestId("progress").textContent()).toContain("0 of 4");
      const first = page.getByRole("img", { name: "Image 1" });
      await expect
        .poll(() => first.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 })
        .toBeGreaterThan(0);
      expect(await first.getAttribute("src")).toMatch(/^\/api\/ranking-assignments\/[^/]+\/image\/1$/);

      const send = async () =>
        Promise.all([
          page.waitForResponse((r) => r.url().endsWith("/api/rankings") && r.request().method() === "POST"),
          page.keyboard.press("Enter"),
        ]);
      const rankSet = async () => {
        // Slot 2 best, slots 3 and 1 tied behind it; a wrong press taken back with Backspace.
        await page.keyboard.press("2");
        await page.keyboard.press("1");
        await page.keyboard.press("Backspace");
        await page.keyboard.press("3");
        await page.keyboard.press("=");
        await page.keyboard.press("1");
        await expect
          .poll(() => page.getByTestId("placed-order").textContent(), { timeout: 10_000 })
          .toBe("Order so far: 2 3 = 1");
        await send();
      };
      const announced = () => page.getByTestId("ranking-announcement").textContent();
      const rows = () => page.getByTestId("ranking-order-row");
      const rankSetByDragging = async () => {
        // The same order by dragging: image 1 onto the empty order, image 2 onto its row (taking
        // first place), image 3 by its key; then image 3 dragged onto image 1's row.
        const tiles = page.getByTestId("ranking-slot");
        await tiles.nth(0).dragTo(page.getByTestId("ranking-order"));
        await expect.poll(() => page.getByTestId("placed-order").textContent()).toBe("Order so far: 1");
        await tiles.nth(1).dragTo(rows().nth(0));
        await expect.poll(() => page.getByTestId("placed-order").textContent()).toBe("Order so far: 2 1");
        expect(await announced()).toBe("Image 2 at place 1 of 2, rank 1.");
        await page.keyboard.press("3");
        await rows().nth(2).dragTo(rows().nth(1));
        await expect.poll(() => page.getByTestId("placed-order").textContent()).toBe("Order so far: 2 3 1");
        expect(await announced()).toBe("Image 3 at place 2 of 3, rank 2.");
        // By keyboard on the list: image 1's row up and back down, each move announced.
        await rows().nth(2).focus();
        await page.keyboard.press("ArrowUp");
        await expect.poll(() => page.getByTestId("placed-order").textContent()).toBe("Order so far: 2 1 3");
        expect(await announced()).toBe("Image 1 at place 2 of 3, rank 2.");
        await page.keyboard.press("ArrowDown");
        await expect.poll(() => page.getByTestId("placed-order").textContent()).toBe("Order so far: 2 3 1");
        // The tie by the row's button; the focus left on the list, so Send by its button.
        await page.getByRole("button", { name: "Tie image 1 with the one above" }).click();
        await expect.poll(() => page.getByTestId("placed-order").textContent()).toBe("Order so far: 2 3 = 1");
        expect(await announced()).toBe("Image 1 at place 3 of 3, rank 2, tied with image 3.");
        await Promise.all([
          page.waitForResponse((r) => r.url().endsWith("/api/rankings") && r.request().method() === "POST"),
          page.getByTestId("send-ranking").click(),
        ]);
      };
      for (let n = 0; n < 4; n++) {
        await expect.poll(() => progressDone(page), { timeout: 10_000 }).toBe(n);
        if (n === 3) await rankSetByDragging();
        else await rankSet();
        if (n === 1) {
          // Undo by keyboard takes the order back and shows that set again; order it anew.
          await expect.poll(() => progressDone(page), { timeout: 10_000 }).toBe(2);
          await page.keyboard.press("z");
          await expect.poll(() => progressDone(page), { timeout: 10_000 }).toBe(1);
          await rankSet();
        }
      }
      await expect.poll(() => page.getByTestId("completion-code").textContent(), { timeout: 10_000 }).toBe("RATED-123");
      const stored = await db.ranking.findMany({ where: { annotatorId: annotator.id } });
      expect(stored.map((r) => r.ranks)).toEqual(Array(4).fill([2, 1, 2]));

      const responses = await received.expectNoneNames([...c.models.map((m) => m.name), campaign.name]);
      expect(responses.map((r) => r.text).join("\n")).toContain('"kind":"ranking"');
      await context.close();

      const researcherContext = await session.browser.newContext();
      const researcher = await researcherContext.newPage();
      await signIn(researcher, baseUrl, c.owner.email!, PASSWORD);
      await researcher.goto(`${baseUrl}/campaigns/${c.campaignId}/results`);
      await researcher.getByTestId("ranking-summary").waitFor();
      expect(await researcher.getByTestId("ranking-summary").textContent()).toContain("4 of 4 rankings analysed");
      expect(await researcher.getByTestId("leaderboard-plackett-luce").locator("tbody tr").count()).toBe(3);
      expect(await researcher.getByTestId("leaderboard-bradley-terry").locator("tbody tr").count()).toBe(3);
      expect(await researcher.getByTestId("kendall-w").textContent()).toContain("Kendall");
      expect(await researcher.getByTestId("slot-bias").locator("tbody tr").count()).toBe(3);

      // The campaign page's live summary counts sets and rankings and shows the leaderboard (issue 22).
      await researcher.goto(`${baseUrl}/campaigns/${c.campaignId}`);
      await expect.poll(() => researcher.getByTestId("judgment-count").textContent(), { timeout: 10_000 }).toBe("4");
      expect(await researcher.getByTestId("item-count").textContent()).toBe("4 sets");
      expect(await researcher.getByTestId("item-figures").locator("tbody tr").count()).toBe(3);
      const words = (await researcher.getByRole("region", { name: "Progress" }).textContent())!;
      expect(words).toContain("4 rankings");
      expect(words).not.toMatch(/pair|judgment|win rate/i);
      await researcherContext.close();
    },
  );
});

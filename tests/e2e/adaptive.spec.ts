import { describe, expect, it } from "vitest";
import { signIn } from "./browser";
import { specSession } from "./spec-session";

const session = specSession();
const { baseUrl } = session;
const PASSWORD = "adaptive-e2e-pass";

describe("stop when decided", () => {
  it(
    "a campaign that stops when decided closes itself once its comparison is decided, and the live view says why",
    { timeout: 180_000 },
    async () => {
      const { db } = await import("../../lib/db");
      const { makeUser, joinCampaign } = await import("../support/factories");
      const { makeSequentialCampaign } = await import("../support/sequential-campaign");
      // A demo-like campaign: two demo models, 60 prompts, one criterion, stop when decided (50 % ± 5 %, α 0.05).
      const c = await makeSequentialCampaign({ models: 2, prompts: 60, stopRule: {}, ownerPassword: PASSWORD });
      const [strong] = c.modelIds;

      // The researcher watches the live view.
      const researcherContext = await session.browser.newContext();
      const researcher = await researcherContext.newPage();
      await signIn(researcher, baseUrl, c.owner.email!, PASSWORD);
      await researcher.goto(`${baseUrl}/campaigns/${c.campaignId}`);
      await expect.poll(() => researcher.getByTestId("campaign-status").textContent()).toBe("annotating");
      await expect
        .poll(() => researcher.getByTestId("stop-rule").textContent())
        .toContain("Stop when decided: a winner, or no practical difference (50% ± 5.0%)");

      // An annotator votes through the voting API, always for the strong model, until nothing is served.
      const annotator = await makeUser("annotator", PASSWORD);
      await joinCampaign(c.campaignId, [annotator.id]);
      const context = await session.browser.newContext();
      const page = await context.newPage();
      await signIn(page, baseUrl, annotator.email!, PASSWORD);
      let votes = 0;
      let closedWhileVoting = false;
      for (let round = 0; round < 60; round++) {
        const next = await (await page.request.post(`${baseUrl}/api/annotate/${c.campaignId}/next`)).json();
        if (next.kind !== "pair") break;
        const lease = await db.assignment.findUniqueOrThrow({
          where: { id: next.view.assignmentId },
          select: { leftImageId: true },
        });
        const leftModel = (await db.image.findUniqueOrThrow({ where: { id: lease.leftImageId } })).modelId;
        for (const criterion of next.view.criteria) {
          const res = await page.request.post(`${baseUrl}/api/judgments`, {
            data: {
              assignmentId: next.view.assignmentId,
              criterionId: criterion.id,
              choice: leftModel === strong ? "left" : "right",
              idempotencyKey: `e2e-adaptive-${next.view.assignmentId}-${criterion.id}`,
              latencyMs: 2000,
            },
          });
          // The rule may close the campaign between a lease and its answer (it runs off the voting path): refused then.
          if (res.status() === 409) {
            expect(await res.text()).toContain("Campaign is completed");
            closedWhileVoting = true;
            break;
          }
          expect(res.status(), await res.text()).toBeLessThan(300);
          votes++;
        }
        if (closedWhileVoting) break;
        // The rule is applied off the voting path: wait for it before asking again.
        await expect
          .poll(async () => (await db.campaignComparison.findFirst({ where: { campaignId: c.campaignId } }))?.updatedAt)
          .toBeTruthy();
      }
      await context.close();

      // The rule closed the campaign long before every prompt was judged, and the live view says why.
      await expect
        .poll(() => researcher.getByTestId("campaign-status").textContent(), { timeout: 30_000 })
        .toBe("completed");
      expect(votes).toBeGreaterThan(3);
      expect(votes).toBeLessThan(60);
      const reason = researcher.getByTestId("stopped-reason");
      await expect
        .poll(() => reason.textContent())
        .toContain("Closed by the stopping rule: All 1 comparison is decided");
      const decision = researcher.getByTestId("sequences").getByTestId("decision");
      expect(await decision.textContent()).toBe("winner");
      expect(await researcher.getByTestId("decision-reason").textContent()).toMatch(
        /wins: the 95 % sequence \[\d+\.\d %, 100\.0 %\] after \d+ prompts lies above 50 %\./,
      );
      await expect(reason.getByRole("button", { name: /Continue annotating anyway/ }).isVisible()).resolves.toBe(true);
      const stored = await db.campaign.findUniqueOrThrow({ where: { id: c.campaignId } });
      expect(stored.status).toBe("completed");
      await researcherContext.close();
    },
  );
});

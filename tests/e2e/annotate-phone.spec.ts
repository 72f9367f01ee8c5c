import { describe, expect, it } from "vitest";
import pg from "pg";
import type { Page } from "playwright-core";
import { signIn } from "./browser";
import { specSession } from "./spec-session";
import { answer, expectAllOnScreen, onScreen, PHONE, progressDone } from "./voting-steps";
import { DEMO_CAMPAIGN, DEMO_USERS } from "../../lib/demo/demo-content";

const session = specSession();
const { baseUrl } = session;
const researcherLogin = DEMO_USERS.find((u) => u.role === "researcher")!;

/** One statement on the harness's database about the demo campaign (`$1` is its name). */
async function onDemoCampaign<Row extends object>(sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<Row>(sql, [DEMO_CAMPAIGN])).rows;
  } finally {
    await client.end();
  }
}

const setCriteriaMode = (mode: "together" | "sequential") =>
  onDemoCampaign(`UPDATE "Campaign" SET "criteriaMode" = '${mode}' WHERE name = $1`);

/** A fresh crowd worker on a phone, through a join link the researcher made (so no other spec's pairs are used). */
async function phoneWorker(): Promise<Page> {
  const researcher = await (await session.browser.newContext()).newPage();
  await signIn(researcher, baseUrl, researcherLogin.email, researcherLogin.password);
  const [{ id: campaignId }] = await onDemoCampaign<{ id: string }>(`SELECT id FROM "Campaign" WHERE name = $1`);
  const link = await researcher.evaluate(async (id) => {
    const response = await fetch(`/api/campaigns/${id}/join-links`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ label: "phone e2e", maxAnnotators: 5 }),
    });
    return { status: response.status, ...((await response.json()) as { path: string }) };
  }, campaignId);
  expect(link.status).toBe(201);
  await researcher.context().close();

  const context = await session.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const worker = await context.newPage();
  const pid = `fa${Date.now().toString(16)}`.padEnd(24, "0"); // Prolific ids are 24 hex digits
  await worker.goto(`${baseUrl}${link.path}?PROLIFIC_PID=${pid}&STUDY_ID=study-phone&SESSION_ID=s1`);
  await Promise.all([worker.waitForURL(/\/join\/consent\//), worker.getByRole("button", { name: "Start" }).click()]);
  await worker.getByRole("checkbox").check();
  await Promise.all([worker.waitForURL(/\/annotate\//), worker.getByRole("button", { name: /I agree/ }).click()]);
  await worker.getByTestId("progress").waitFor();
  return worker;
}

/**
 * Answers the pairs on screen that ask one unnumbered question (their other criterion already has
 * its judgments from the other specs' votes on the demo campaign) until a pair asks both.
 */
async function untilAPairAsksBoth(worker: Page): Promise<void> {
  for (let guard = 0; guard < 20; guard++) {
    await worker.locator("fieldset").first().waitFor();
    if ((await worker.getByTestId("question-number").count()) > 0) return;
    const before = await progressDone(worker);
    await answer(worker, { key: "ArrowLeft" });
    await expect.poll(() => progressDone(worker), { timeout: 15_000 }).toBe(before + 1);
  }
  throw new Error("no pair of the demo campaign asks both questions any more");
}

describe("voting on a phone", () => {
  it(
    "question and buttons stay above the fold on every pair, numbered 'Question 1 of 2'; keys and taps both vote",
    { timeout: 180_000 },
    async () => {
      const worker = await phoneWorker();

      // The demo campaign asks one question at a time (Emu's sequential mode).
      for (let n = 0; n < 3; n++) {
        await untilAPairAsksBoth(worker);
        const before = await progressDone(worker);
        await expectAllOnScreen(worker, ["Question 1 of 2"]);
        expect(await worker.locator("fieldset h2").textContent()).toMatch(/appealing/);
        await answer(worker, n === 1 ? { tap: "Left" } : { key: ["ArrowLeft", "ArrowRight", "ArrowDown"][n] });
        await expect.poll(() => worker.getByTestId("question-number").textContent()).toBe("Question 2 of 2");
        await expectAllOnScreen(worker, ["Question 2 of 2"]);
        expect(await onScreen(worker.getByTestId("prompt-text"))).toBe(true);
        await answer(worker, n === 2 ? { tap: "Right" } : { key: String((n % 2) + 1) });
        await expect.poll(() => progressDone(worker)).toBe(before + 1);
      }

      // Both questions at once: both numbered, both with every button in view.
      await setCriteriaMode("together");
      try {
        await worker.reload();
        await worker.getByTestId("progress").waitFor();
        await untilAPairAsksBoth(worker);
        const before = await progressDone(worker);
        await expectAllOnScreen(worker, ["Question 1 of 2", "Question 2 of 2"]);
        await answer(worker, { key: "ArrowLeft" });
        await expect.poll(() => worker.locator("fieldset[disabled]").count()).toBe(1);
        await answer(worker, { key: "2" });
        await expect.poll(() => progressDone(worker)).toBe(before + 1);
        await untilAPairAsksBoth(worker);
        await expectAllOnScreen(worker, ["Question 1 of 2", "Question 2 of 2"]);
      } finally {
        await setCriteriaMode("sequential");
      }
      await worker.context().close();
    },
  );
});

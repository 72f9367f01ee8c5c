import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import type { Browser, Locator, Page } from "playwright-core";
import { launchBrowser, signIn } from "./browser";
import { DEMO_CAMPAIGN, DEMO_USERS } from "../../lib/demo/demo-content";

const baseUrl = inject("baseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
const researcherLogin = DEMO_USERS.find((u) => u.role === "researcher")!;
const PHONE = { width: 390, height: 844 };
// Slower than the campaign's implausibly-fast floor (800 ms median), as a careful annotator is.
const THINK_MS = 900;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** One statement on the harness's database about the demo campaign (`$1` is its name). */
async function onDemoCampaign<Row extends object>(sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
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
  const researcher = await (await browser.newContext()).newPage();
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

  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const worker = await context.newPage();
  const pid = `fa${Date.now().toString(16)}`.padEnd(24, "0"); // Prolific ids are 24 hex digits
  await worker.goto(`${baseUrl}${link.path}?PROLIFIC_PID=${pid}&STUDY_ID=study-phone&SESSION_ID=s1`);
  await Promise.all([worker.waitForURL(/\/join\/consent\//), worker.getByRole("button", { name: "Start" }).click()]);
  await worker.getByRole("checkbox").check();
  await Promise.all([worker.waitForURL(/\/annotate\//), worker.getByRole("button", { name: /I agree/ }).click()]);
  await worker.getByTestId("progress").waitFor();
  return worker;
}

/** Whether the element is wholly inside the phone's window as the page first shows it. */
async function onScreen(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  return (
    box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= PHONE.width && box.y + box.height <= PHONE.height
  );
}

/** Every question on screen, its number, its choice buttons and both images fit the window, unscrolled. */
async function expectAllOnScreen(page: Page, numbers: string[]): Promise<void> {
  const fieldsets = page.locator("fieldset");
  await expect.poll(() => fieldsets.count()).toBe(numbers.length);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  for (const side of ["Left image", "Right image"]) {
    const image = page.getByRole("img", { name: side });
    expect(await onScreen(image), side).toBe(true);
    expect((await image.boundingBox())!.height).toBeGreaterThan(80);
  }
  for (const [i, number] of numbers.entries()) {
    const fieldset = fieldsets.nth(i);
    expect(await fieldset.getByTestId("question-number").textContent()).toBe(number);
    for (const part of [fieldset.getByTestId("question-number"), fieldset.locator("h2")])
      expect(await onScreen(part), `${number}: question`).toBe(true);
    const buttons = fieldset.getByRole("button");
    expect(await buttons.count()).toBeGreaterThanOrEqual(2);
    for (const button of await buttons.all())
      expect(await onScreen(button), `${number}: ${await button.textContent()}`).toBe(true);
  }
}

const progressDone = async (page: Page) =>
  Number((await page.getByTestId("progress").textContent())?.match(/^(\d+) of/)?.[1]);

/** Answers the first open question by a key press (or a tap) and waits for the server to take it. */
async function answer(page: Page, how: { key: string } | { tap: string }): Promise<void> {
  await page.waitForTimeout(THINK_MS);
  const open = page.locator("fieldset:not([disabled])").first();
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/judgments") && r.request().method() === "POST"),
    "key" in how ? page.keyboard.press(how.key) : open.getByRole("button", { name: new RegExp(how.tap) }).tap(),
  ]);
}

describe("voting on a phone", () => {
  it(
    "question and buttons stay above the fold on every pair, numbered 'Question 1 of 2'; keys and taps both vote",
    { timeout: 180_000 },
    async () => {
      const worker = await phoneWorker();
      const start = await progressDone(worker);

      // The demo campaign asks one question at a time (Emu's sequential mode).
      for (let n = 0; n < 3; n++) {
        await expectAllOnScreen(worker, ["Question 1 of 2"]);
        expect(await worker.locator("legend h2").textContent()).toMatch(/appealing/);
        await answer(worker, n === 1 ? { tap: "Left" } : { key: ["ArrowLeft", "ArrowRight", "ArrowDown"][n] });
        await expect.poll(() => worker.getByTestId("question-number").textContent()).toBe("Question 2 of 2");
        await expectAllOnScreen(worker, ["Question 2 of 2"]);
        expect(await onScreen(worker.getByTestId("prompt-text"))).toBe(true);
        await answer(worker, n === 2 ? { tap: "Right" } : { key: String((n % 2) + 1) });
        await expect.poll(() => progressDone(worker)).toBe(start + n + 1);
      }

      // Both questions at once: both numbered, both with every button in view.
      await setCriteriaMode("together");
      try {
        await worker.reload();
        await worker.getByTestId("progress").waitFor();
        await expectAllOnScreen(worker, ["Question 1 of 2", "Question 2 of 2"]);
        await answer(worker, { key: "ArrowLeft" });
        await expect.poll(() => worker.locator("fieldset[disabled]").count()).toBe(1);
        await answer(worker, { key: "2" });
        await expect.poll(() => progressDone(worker)).toBe(start + 4);
        await expectAllOnScreen(worker, ["Question 1 of 2", "Question 2 of 2"]);
      } finally {
        await setCriteriaMode("sequential");
      }
      await worker.context().close();
    },
  );
});

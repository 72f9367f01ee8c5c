import { expect } from "vitest";
import type { Locator, Page } from "playwright-core";

/**
 * What an annotator does on the voting page, shared by the voting specs: answer by key or tap
 * after a human pause, vote a pair or until done, and check that a phone shows everything at once.
 */

// Slower than the campaign's implausibly-fast floor (800 ms median), as a careful annotator is.
export const THINK_MS = 900;

/** A phone's window (an iPhone 12-14), for contexts that vote on a phone. */
export const PHONE = { width: 390, height: 844 };

/** How many pairs the voting page says are done ("3 of 12 done"). */
export const progressDone = async (page: Page) =>
  Number((await page.getByTestId("progress").textContent())?.match(/^(\d+) of/)?.[1]);

/** Answers the first open question by a key press (or a tap) after a pause, and waits for the server to take it. */
export async function answer(page: Page, how: { key: string } | { tap: string }): Promise<void> {
  await page.waitForTimeout(THINK_MS);
  const open = page.locator("fieldset:not([disabled])").first();
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/judgments") && r.request().method() === "POST"),
    "key" in how ? page.keyboard.press(how.key) : open.getByRole("button", { name: new RegExp(how.tap) }).tap(),
  ]);
}

/** The key for an open question: its question text and the running number of questions answered. */
export type KeyFor = (question: string, n: number) => string;

/** Votes on the pair on screen until it is done, each question by the key `keyFor` picks. */
export async function votePair(page: Page, keyFor: (question: string) => string): Promise<void> {
  const before = await progressDone(page);
  for (let guard = 0; guard < 4 && (await progressDone(page)) === before; guard++) {
    const open = page.locator("fieldset:not([disabled])").first();
    await open.waitFor();
    await answer(page, { key: keyFor((await open.locator("legend").textContent()) ?? "") });
    await expect
      .poll(
        async () => (await progressDone(page)) > before || (await page.locator("fieldset:not([disabled])").count()) > 0,
      )
      .toBe(true);
  }
  await expect.poll(() => progressDone(page)).toBe(before + 1);
}

/** Where the voting page stands: pairs done and the open question (changes with every answer taken). */
async function votingState(page: Page): Promise<string> {
  const open = page.locator("fieldset:not([disabled])");
  const question = (await open.count()) > 0 ? await open.first().locator("legend").textContent() : "";
  return `${await page.getByTestId("progress").textContent()}|${question}`;
}

/**
 * Answers every question by keyboard until the page says the annotator is done (the completion
 * code shows), calling `each` before every answer; returns the number of answers given.
 */
export async function voteByKeyboardUntilDone(
  page: Page,
  keyFor: KeyFor,
  options: { each?: () => Promise<void>; maxAnswers?: number } = {},
): Promise<number> {
  const { each, maxAnswers = 40 } = options;
  const done = page.getByTestId("completion-code");
  for (let n = 0; n < maxAnswers; n++) {
    const open = page.locator("fieldset:not([disabled])").first();
    await open.or(done).first().waitFor({ timeout: 30_000 });
    if (await done.isVisible()) return n;
    await each?.();
    const before = await votingState(page);
    await answer(page, { key: keyFor((await open.locator("legend").textContent()) ?? "", n) });
    // The answer taken, the page moves on: the next question, the next pair, or the end.
    await expect
      .poll(async () => (await done.isVisible()) || (await votingState(page).catch(() => before)) !== before, {
        timeout: 30_000,
      })
      .toBe(true);
  }
  throw new Error(`still voting after ${maxAnswers} answers`);
}

/** Whether the element is wholly inside the window as the page first shows it. */
export async function onScreen(locator: Locator, viewport = PHONE): Promise<boolean> {
  const box = await locator.boundingBox();
  return (
    box !== null &&
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= viewport.width &&
    box.y + box.height <= viewport.height
  );
}

/** Every question on screen, its number, its choice buttons and both images fit the window, unscrolled. */
export async function expectAllOnScreen(page: Page, numbers: string[], viewport = PHONE): Promise<void> {
  const fieldsets = page.locator("fieldset");
  await expect.poll(() => fieldsets.count()).toBe(numbers.length);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  for (const side of ["Left image", "Right image"]) {
    const image = page.getByRole("img", { name: side });
    expect(await onScreen(image, viewport), side).toBe(true);
    expect((await image.boundingBox())!.height).toBeGreaterThan(80);
  }
  for (const [i, number] of numbers.entries()) {
    const fieldset = fieldsets.nth(i);
    expect(await fieldset.getByTestId("question-number").textContent()).toBe(number);
    for (const part of [fieldset.getByTestId("question-number"), fieldset.locator("h2")])
      expect(await onScreen(part, viewport), `${number}: question`).toBe(true);
    const buttons = fieldset.getByRole("button");
    expect(await buttons.count()).toBeGreaterThanOrEqual(2);
    for (const button of await buttons.all())
      expect(await onScreen(button, viewport), `${number}: ${await button.textContent()}`).toBe(true);
  }
}

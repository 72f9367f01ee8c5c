import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page, Response } from "playwright-core";
import { launchBrowser, signIn } from "./browser";
import { DEMO_CAMPAIGN, DEMO_MODELS, DEMO_USERS } from "../../lib/demo/demo-content";

const baseUrl = inject("baseUrl");
const user = (role: string) => DEMO_USERS.find((u) => u.role === role)!;
// Slower than the campaign's implausibly-fast floor (800 ms median), as a careful annotator is.
const THINK_MS = 850;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * The URL, headers and body of one response. Only a redirect has no body: any other body that
 * cannot be read is reported as unreadable, which fails the test rather than leaving it unchecked.
 */
async function receivedText(response: Response): Promise<{ text: string; unreadable?: string }> {
  const headers = await response.allHeaders().catch(() => response.headers());
  const head = `${response.url()}\n${JSON.stringify(headers)}`;
  if (response.status() >= 300 && response.status() < 400) return { text: head };
  try {
    return { text: `${head}\n${(await response.body()).toString("utf8")}` };
  } catch (error) {
    return { text: head, unreadable: `${response.url()}: ${(error as Error).message}` };
  }
}

const progressDone = async (page: Page) =>
  Number((await page.getByTestId("progress").textContent())?.match(/^(\d+) of/)?.[1]);

/** Answers the first open question on screen with one key press and waits for the server to take it. */
async function pressAnswer(page: Page, key: string) {
  await page.waitForTimeout(THINK_MS);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/judgments") && r.request().method() === "POST"),
    page.keyboard.press(key),
  ]);
}

/** Votes on the pair on screen until it is done: visual appeal by arrows, text faithfulness by digits. */
async function votePair(page: Page, n: number) {
  const before = await progressDone(page);
  for (let guard = 0; guard < 4 && (await progressDone(page)) === before; guard++) {
    const open = page.locator("fieldset:not([disabled])").first();
    await open.waitFor();
    const question = (await open.locator("legend").textContent()) ?? "";
    await pressAnswer(
      page,
      /appealing/.test(question) ? ["ArrowLeft", "ArrowRight", "ArrowDown"][n % 3] : String((n % 4) + 1),
    );
    await expect
      .poll(
        async () => (await progressDone(page)) > before || (await page.locator("fieldset:not([disabled])").count()) > 0,
      )
      .toBe(true);
  }
  await expect.poll(() => progressDone(page)).toBe(before + 1);
}

describe("voting by keyboard", () => {
  it(
    "an annotator votes through 10 pairs by keyboard only, a reload resumes, nothing names a model, the live view follows",
    { timeout: 180_000 },
    async () => {
      const researcherContext = await browser.newContext();
      const researcher = await researcherContext.newPage();
      await signIn(researcher, baseUrl, user("researcher").email, user("researcher").password);
      await researcher.getByRole("link", { name: /Demo:/ }).click();
      const count = researcher.getByTestId("judgment-count");
      const countBefore = Number(await count.textContent());

      const annotatorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      // Chromium finishes loading (and Playwright can read) only the bodies a page reads; the page
      // reads no body from an undo that succeeded. Every fetch answer is read from a clone, so
      // every body reaches the scan below.
      await annotatorContext.addInitScript(() => {
        const fetchAndRead = window.fetch;
        window.fetch = async (...args: Parameters<typeof fetch>) => {
          const response = await fetchAndRead(...args);
          void response
            .clone()
            .arrayBuffer()
            .catch(() => null);
          return response;
        };
      });
      const annotator = await annotatorContext.newPage();
      // Every non-image response the annotator's browser receives, read in full: the promises are
      // collected as responses arrive and all awaited before the scan, so no body still in flight is missed.
      const bodies: Promise<{ text: string; unreadable?: string }>[] = [];
      const loading = new Set<Response>();
      annotator.on("response", (response) => {
        const type = response.headers()["content-type"] ?? "";
        if (type.startsWith("image/")) return;
        loading.add(response);
        bodies.push(receivedText(response).finally(() => loading.delete(response)));
      });
      // A body still loading when the page navigates away is lost to the scan: the reload waits.
      const allBodiesRead = () =>
        expect
          .poll(() => [...loading].map((r) => `${r.request().method()} ${r.url()}`), { timeout: 30_000 })
          .toEqual([]);
      await signIn(annotator, baseUrl, user("annotator").email, user("annotator").password);
      // A click, not a page load: the list page's prefetch of the voting page is used, not cut off.
      await annotator.getByRole("link", { name: /Image comparison task/ }).click();
      await annotator.getByTestId("progress").waitFor();
      const start = await progressDone(annotator);
      // Shortcuts are shown on the page, and the question has focus for a screen reader.
      await expect.poll(() => annotator.evaluate(() => document.activeElement?.tagName)).toBe("H2");
      expect(await annotator.locator("kbd").first().isVisible()).toBe(true);

      for (let n = 0; n < 5; n++) await votePair(annotator, n);
      const leftBefore = await annotator.getByRole("img", { name: "Left image" }).getAttribute("src");
      await allBodiesRead();
      await annotator.reload();
      await annotator.getByTestId("progress").waitFor();
      expect(await progressDone(annotator)).toBe(start + 5);
      expect(await annotator.getByRole("img", { name: "Left image" }).getAttribute("src")).toBe(leftBefore);
      for (let n = 5; n < 10; n++) await votePair(annotator, n);
      expect(await progressDone(annotator)).toBe(start + 10);

      // Undo by keyboard takes back the last answer and shows that pair again.
      await annotator.keyboard.press("z");
      await expect.poll(() => progressDone(annotator)).toBe(start + 9);
      // Answer it again, leaving no half-judged pair for the next spec on this demo annotator.
      await votePair(annotator, 10);

      await expect
        .poll(async () => Number(await count.textContent()), { timeout: 15_000 })
        .toBeGreaterThanOrEqual(countBefore + 19);
      expect(Number(await researcher.getByTestId("judgments-per-hour").textContent())).toBeGreaterThanOrEqual(19);
      expect(await researcher.getByTestId("win-rates").isVisible()).toBe(true);

      await allBodiesRead();
      const responses = await Promise.all(bodies);
      expect(responses.flatMap((r) => r.unreadable ?? [])).toEqual([]);
      const received = responses.map((r) => r.text).join("\n");
      expect(received).toContain("/api/annotate/");
      expect(received).toContain('"kind":"pair"');
      for (const name of [...DEMO_MODELS.map((m) => m.name), DEMO_CAMPAIGN]) {
        const naming = responses.filter((r) => r.text.includes(name)).map((r) => r.text.split("\n")[0]);
        expect(naming, `responses naming "${name}"`).toEqual([]);
      }
      await annotatorContext.close();
      await researcherContext.close();
    },
  );
});

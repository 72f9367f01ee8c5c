import { expect } from "vitest";
import type { Page } from "playwright-core";

/**
 * A crowd study's steps as the researcher and the worker see them (issue 18 items 8–11), shared by
 * the crowd-join spec and the study journey: a join link with its labelled URLs and copy buttons,
 * the consent page's Markdown, the completion code and the way back to the platform, and the owner
 * telling workers apart by their crowd ids.
 */

export const PROLIFIC_SUFFIX = "?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}";

/** Browser context options for a page that copies and reads the clipboard. */
export const CLIPBOARD = { permissions: ["clipboard-read", "clipboard-write"] };

/** A Prolific-style participant id (24 hex digits), unique to this run. */
export const prolificPid = (prefix: string) => `${prefix}${Date.now().toString(16)}`.padEnd(24, "0");

/** Markdown instructions, with HTML that must arrive as text (issue 18 item 11). */
export const STUDY_INSTRUCTIONS = [
  "# Before you rate",
  "- **Look** at both images\n- then *answer*",
  'Questions? See [the study page](https://example.org/study). <img src=x onerror="alert(1)"> stays text.',
].join("\n\n");

/**
 * On the campaign page (a context with CLIPBOARD), makes a join link and checks it reads as issue
 * 18 item 10 asks: labelled, each URL whole (wrapped, never cut off) with its own copy button.
 * Returns the plain URL and the Prolific one.
 */
export async function createJoinLink(
  researcher: Page,
  label: string,
  maxAnnotators: number,
): Promise<{ plain: string; prolific: string }> {
  const links = researcher.getByRole("region", { name: "Join links" });
  await links.getByLabel("Label").fill(label);
  await links.getByLabel("Max annotators").fill(String(maxAnnotators));
  await links.getByRole("button", { name: "Create join link" }).click();
  const linkRow = links.getByTestId("join-link-row").filter({ hasText: label });
  await expect.poll(() => linkRow.count(), { timeout: 15_000 }).toBe(1);
  expect(await linkRow.getByTestId("join-link-label").textContent()).toBe(label);
  expect(await linkRow.getByText(/^(Plain|Prolific) link$/).allTextContents()).toEqual(["Plain link", "Prolific link"]);
  const plainBox = linkRow.getByTestId("join-url");
  const prolificBox = linkRow.getByTestId("prolific-url");
  const plain = (await plainBox.textContent())!;
  expect(plain).toMatch(/^http.*\/join\/[^/?]+$/);
  expect(await prolificBox.textContent()).toBe(`${plain}${PROLIFIC_SUFFIX}`);
  for (const box of [plainBox, prolificBox])
    expect(await box.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight)).toBe(
      true,
    );
  expect(await linkRow.getByRole("button", { name: "Copy plain link" }).isVisible()).toBe(true);
  await linkRow.getByRole("button", { name: "Copy prolific link" }).click();
  await expect.poll(() => linkRow.getByText("Copied", { exact: true }).count(), { timeout: 5_000 }).toBe(1);
  expect(await researcher.evaluate(() => navigator.clipboard.readText())).toBe(`${plain}${PROLIFIC_SUFFIX}`);
  return { plain, prolific: `${plain}${PROLIFIC_SUFFIX}` };
}

/**
 * On the consent page: STUDY_INSTRUCTIONS rendered as the wizard previews them (heading, list,
 * emphasis, link; HTML as text, never markup), then consent, landing on the voting page.
 */
export async function consentToStudyInstructions(worker: Page): Promise<void> {
  const instructions = worker.getByTestId("campaign-instructions");
  expect(await instructions.getByRole("heading").textContent()).toBe("Before you rate");
  expect(await instructions.getByRole("listitem").allTextContents()).toEqual(["Look at both images", "then answer"]);
  expect(await instructions.locator("strong").textContent()).toBe("Look");
  expect(await instructions.getByRole("link", { name: "the study page" }).getAttribute("href")).toBe(
    "https://example.org/study",
  );
  expect(await instructions.locator("img").count()).toBe(0);
  expect(await instructions.textContent()).toContain('<img src=x onerror="alert(1)"> stays text.');
  expect(await instructions.textContent()).not.toContain("**");
  await worker.getByRole("checkbox").check();
  await Promise.all([worker.waitForURL(/\/annotate\//), worker.getByRole("button", { name: /I agree/ }).click()]);
}

/**
 * A finished worker (a context with CLIPBOARD) on the voting page: the completion code with a copy
 * button, the link back to the study platform, the done page with the code, its copy button and
 * the completion URL with `?cc=` (Prolific style), and the redirect there by itself (issue 18 item 8).
 */
export async function expectCompletionAndRedirect(worker: Page, code: string, completionUrl: string): Promise<void> {
  await expect.poll(() => worker.getByTestId("completion-code").textContent(), { timeout: 30_000 }).toBe(code);
  await worker.getByRole("button", { name: "Copy completion code" }).click();
  await expect.poll(() => worker.getByText("Copied").isVisible(), { timeout: 5_000 }).toBe(true);
  expect(await worker.evaluate(() => navigator.clipboard.readText())).toBe(code);

  // The way back: the done page, with the code again and the platform's URL carrying it.
  const back = `${completionUrl}?cc=${code}`;
  const redirected = worker.waitForRequest((request) => request.url().startsWith(completionUrl), { timeout: 30_000 });
  await Promise.all([
    worker.waitForURL(/\/join\/done\//),
    worker.getByRole("link", { name: "Return to the study site" }).click(),
  ]);
  expect(await worker.getByTestId("completion-code").textContent()).toBe(code);
  expect(await worker.getByRole("button", { name: "Copy completion code" }).isVisible()).toBe(true);
  expect(await worker.getByTestId("completion-link").getAttribute("href")).toBe(back);
  // …and it sends them back there by itself (meta refresh, no script).
  expect((await redirected).url()).toBe(back);
}

/**
 * The campaign's owner tells workers apart by their crowd ids (issue 18 item 9): the campaign
 * page's annotator table, the results page's, and the judgment CSV (`,source,id,`).
 */
export async function expectOwnerSeesCrowdId(
  researcher: Page,
  baseUrl: string,
  campaignId: string,
  crowd: { source: string; id: string },
): Promise<void> {
  const label = `${crowd.source} ${crowd.id}`;
  await researcher.goto(`${baseUrl}/campaigns/${campaignId}`);
  await expect
    .poll(() => researcher.getByTestId("annotators").getByTestId("annotator-who").allTextContents(), {
      timeout: 15_000,
    })
    .toContain(label);
  await researcher.goto(`${baseUrl}/campaigns/${campaignId}/results`);
  await expect
    .poll(() => researcher.getByRole("table", { name: "Annotators" }).getByText(label).count(), { timeout: 30_000 })
    .toBe(1);
  const csv = await researcher.request.get(`${baseUrl}/api/campaigns/${campaignId}/results/judgments`);
  expect(await csv.text()).toContain(`,${crowd.source},${crowd.id},`);
}

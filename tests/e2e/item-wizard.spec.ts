import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signIn } from "./browser";
import { DEMO_USERS, DEMO_PROMPT_SET } from "../../lib/demo/demo-content";

/**
 * Rating and ranking campaigns made through the wizard's UI (issue 22), not a factory: the
 * aspects (HEIM's template, scales, the prompt shown or hidden per aspect), the ranking question
 * and rankings per set, the spec they become, and a draft page worded for images and sets.
 */
const baseUrl = inject("baseUrl");
const researcher = DEMO_USERS.find((u) => u.role === "researcher")!;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function startWizard(name: string, taskType: "rating" | "ranking"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, baseUrl, researcher.email, researcher.password);
  await page.goto(`${baseUrl}/campaigns/new`);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Prompt set").selectOption({ label: `${DEMO_PROMPT_SET} v1 (12 prompts)` });
  await page.getByTestId("task-type").selectOption(taskType);
  await page.getByRole("checkbox", { name: /^demo-smooth v1 / }).check();
  await page.getByRole("checkbox", { name: /^demo-noisy v1 / }).check();
  return page;
}

/** Creates the draft; its id and the spec file the campaign exports. */
async function createDraft(page: Page) {
  await Promise.all([
    page.waitForURL(/\/campaigns\/(?!new)[^/]+$/),
    page.getByRole("button", { name: "Create draft" }).click(),
  ]);
  const campaignId = new URL(page.url()).pathname.split("/").pop()!;
  const spec = await (await page.request.get(`${baseUrl}/api/campaigns/${campaignId}/spec`)).json();
  return { campaignId, spec };
}

/** The draft page's live summary and protocol speak of images or sets, never of pairs or judgments. */
async function expectItemWording(page: Page, answers: string) {
  const progress = page.getByRole("region", { name: "Progress" });
  await progress.waitFor();
  const text = (await progress.textContent())!;
  expect(text).toContain(` ${answers} `);
  expect(text).not.toMatch(/pair|judgment|left chosen|win rate/i);
  const protocol = (await page.getByRole("region", { name: "Protocol" }).textContent())!;
  expect(protocol).not.toMatch(/pair|judgment/i);
}

describe("the wizard makes rating and ranking campaigns", () => {
  it("a rating campaign: HEIM's template, an aspect removed and one added, a scale and the prompt hidden per aspect", async () => {
    const page = await startWizard("Wizard e2e: rating", "rating");
    const aspects = page.getByRole("group", { name: /^Aspect \d$/ });
    // HEIM's five aspects are the ready template; one removed, the template brings them back.
    expect(await aspects.count()).toBe(5);
    await page.getByRole("group", { name: "Aspect 3" }).getByRole("button", { name: "Remove" }).click();
    expect(await aspects.count()).toBe(4);
    await page.getByRole("button", { name: "Use HEIM's aspects" }).click();
    expect(await aspects.count()).toBe(5);
    await page.getByRole("group", { name: "Aspect 3" }).getByRole("button", { name: "Remove" }).click();

    // Aesthetics on 1–3 without the prompt; a yes / no aspect of our own.
    const aesthetics = page.getByRole("group", { name: "Aspect 2" });
    await aesthetics.getByLabel("Scale").selectOption({ label: "1–3" });
    await aesthetics.getByLabel("show the prompt").uncheck();
    await page.getByRole("button", { name: "Add an aspect" }).click();
    const mine = page.getByRole("group", { name: "Aspect 5" });
    await mine.getByLabel("Question").fill("Is this a photograph?");
    await mine.getByLabel("Key").fill("photo");
    await mine.getByLabel("Scale").selectOption({ label: "yes / no" });
    await page.getByLabel(/Ratings per image/).fill("2");
    await expect
      .poll(() => page.getByTestId("rating-budget").textContent())
      .toBe("24 images, each rated by 2 annotators on 5 aspects");

    const { spec } = await createDraft(page);
    expect(spec).toMatchObject({ taskType: "rating", ratingsPerImage: 2 });
    const byKey = Object.fromEntries(
      (spec.aspects as { key: string; scale: string; showPrompt: boolean; question: string }[]).map((a) => [a.key, a]),
    );
    expect(Object.keys(byKey)).toEqual(["alignment", "aesthetics", "photorealism", "subject_clarity", "photo"]);
    expect(byKey.aesthetics).toMatchObject({ scale: "likert3", showPrompt: false });
    expect(byKey.alignment).toMatchObject({ scale: "likert5", showPrompt: true });
    expect(byKey.photo).toMatchObject({ scale: "yes-no", showPrompt: true, question: "Is this a photograph?" });

    const lines = await page.getByTestId("protocol-criteria").getByRole("listitem").allTextContents();
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^aesthetics: “.+” — rated on likert3; prompt hidden; 2 ratings per image$/);
    expect(lines[4]).toMatch(/^photo: “Is this a photograph\?” — rated on yes-no; prompt shown; 2 ratings per image$/);
    expect(await page.getByTestId("protocol-item-budget").textContent()).toBe(
      "24 images (prompts × seeds × models), rated on 5 aspects = 240 ratings",
    );
    await expectItemWording(page, "ratings");
  });

  it("a ranking campaign: its question, rankings per set, and K from the models chosen", async () => {
    const page = await startWizard("Wizard e2e: ranking", "ranking");
    await page.getByLabel("Question above the images").fill("Which image is the most beautiful?");
    await page.getByLabel(/Rankings per set/).fill("4");
    await expect
      .poll(() => page.getByTestId("rating-budget").textContent())
      .toBe("12 sets of 2 images, each ordered by 4 annotators");
    const { spec } = await createDraft(page);
    expect(spec).toMatchObject({
      taskType: "ranking",
      rankingQuestion: "Which image is the most beautiful?",
      rankingsPerItem: 4,
    });
    expect(spec.models).toHaveLength(2);
    expect(await page.getByTestId("protocol-models").textContent()).toMatch(/— sets of 2 images, one per model$/);
    expect(await page.getByTestId("protocol-criteria").getByRole("listitem").allTextContents()).toEqual([
      "preference: “Which image is the most beautiful?” — images put in order, ties allowed; prompt shown; 4 rankings per set",
    ]);
    await expectItemWording(page, "rankings");
  });
});

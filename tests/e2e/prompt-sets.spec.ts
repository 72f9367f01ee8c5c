import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signIn } from "./browser";
import { DEMO_USERS } from "../../lib/demo/demo-content";

const baseUrl = inject("baseUrl");
const researcher = DEMO_USERS.find((u) => u.role === "researcher")!;
const annotator = DEMO_USERS.find((u) => u.role === "annotator")!;
const setName = `E2E prompts ${randomBytes(3).toString("hex")}`;
let browser: Browser;
let dir: string;

const GOOD_CSV = [
  "id,prompt,category,challenge",
  'v1,"A red car, parked by the sea",Vehicles,Basic',
  "v2,A blue bicycle leaning on a wall,Vehicles,Basic",
  "v3,A red bus in the rain,Vehicles,Complex",
  "a1,A red fox in the snow,Animals,Basic",
  "a2,Two cats sleeping on a sofa,Animals,Quantity",
  "a3,Two cats sleeping on a sofa,Animals,Quantity",
  'x1,"<img src=x onerror=""document.title=\'pwned\'""> a tiny robot",Artifacts,Imagination',
].join("\n");

const BAD_CSV = [
  "prompt,category",
  "A lighthouse at dusk,Outdoor Scenes",
  "A bowl of ramen, steaming,Food",
  "A violin,Artifacts",
].join("\n");

beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(path.join(tmpdir(), "photogenic-e2e-prompts-"));
  writeFileSync(path.join(dir, "bad-prompts.csv"), BAD_CSV);
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Drops a file on the drop zone the way a browser does: a DataTransfer holding a File. */
async function dropFile(page: Page, name: string, content: string) {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, text]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], fileName, { type: "text/csv" }));
      return transfer;
    },
    [name, content] as const,
  );
  await page.getByTestId("drop-zone").dispatchEvent("drop", { dataTransfer });
}

describe("prompt sets: upload, report, browse", () => {
  it("a researcher uploads a CSV, reads the report, filters by category and searches", async () => {
    const page = await browser.newPage();
    await signIn(page, baseUrl, researcher.email, researcher.password);
    await page.getByRole("link", { name: "Prompt sets" }).click();
    await page.waitForURL(/\/prompt-sets$/);

    // A file with an error: the report names the line, nothing is imported.
    await page.getByLabel("Prompt file", { exact: true }).setInputFiles(path.join(dir, "bad-prompts.csv"));
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const outcome = page.getByTestId("import-outcome");
    await expect.poll(() => outcome.textContent()).toContain("nothing was imported");
    const errorRow = page.getByRole("table", { name: "Import issues" }).getByRole("row").nth(1);
    expect(await errorRow.textContent()).toMatch(/^3\s*error\s*wrong-field-count/);
    expect(await page.getByRole("table", { name: "Prompt sets" }).textContent()).not.toContain("bad-prompts");

    // A good file, dropped on the drop zone: imported, with its duplicate reported as a warning.
    const good = path.join(dir, "good-prompts.csv");
    writeFileSync(good, GOOD_CSV);
    await dropFile(page, "good-prompts.csv", GOOD_CSV);
    expect(await page.getByTestId("chosen-file").textContent()).toContain("good-prompts.csv");
    await page.getByLabel("Set name", { exact: true }).fill(setName);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect.poll(() => outcome.textContent()).toContain(`Imported ${setName} version 1: 6 prompts`);
    expect(await page.getByTestId("warning-count").textContent()).toBe("1");
    const warning = await page.getByRole("table", { name: "Import issues" }).getByRole("row").nth(1).textContent();
    expect(warning).toMatch(/^7\s*warning\s*duplicate-prompt/);
    expect(warning).toContain("line 6");
    await expect.poll(() => page.getByRole("table", { name: "Prompt sets" }).textContent()).toContain(setName);

    // Browse: every prompt, the chart, then a category filter and a search.
    await page.getByRole("link", { name: `Browse ${setName} v1` }).click();
    await page.waitForURL(/\/prompt-sets\/[^/?]+$/);
    expect(await page.getByTestId("match-count").textContent()).toBe("6");
    expect(await page.getByTestId("category-count-Vehicles").textContent()).toBe("3");
    expect(await page.getByTestId("category-count-Animals").textContent()).toBe("2");

    await page.getByLabel("Category", { exact: true }).selectOption("Vehicles");
    await Promise.all([
      page.waitForURL(/category=Vehicles/),
      page.getByRole("button", { name: "Apply", exact: true }).click(),
    ]);
    expect(await page.getByTestId("match-count").textContent()).toBe("3");
    expect(await page.getByTestId("prompt-text").allTextContents()).toEqual([
      "A red car, parked by the sea",
      "A blue bicycle leaning on a wall",
      "A red bus in the rain",
    ]);

    await page.getByLabel("Search", { exact: true }).fill("red");
    await Promise.all([page.waitForURL(/q=red/), page.getByRole("button", { name: "Apply", exact: true }).click()]);
    expect(await page.getByTestId("match-count").textContent()).toBe("2");
    expect(await page.getByTestId("prompt-text").allTextContents()).toEqual([
      "A red car, parked by the sea",
      "A red bus in the rain",
    ]);

    // Clear the category (search stays): the red fox appears too.
    await page.getByLabel("Category", { exact: true }).selectOption("");
    await Promise.all([
      page.waitForURL((url) => !url.searchParams.get("category") && url.searchParams.get("q") === "red"),
      page.getByRole("button", { name: "Apply", exact: true }).click(),
    ]);
    expect(await page.getByTestId("match-count").textContent()).toBe("3");

    // The chart's bars filter too; markup in a prompt is shown as text, never run.
    await Promise.all([page.waitForURL((url) => url.search === ""), page.getByRole("link", { name: "Clear" }).click()]);
    expect(await page.getByTestId("match-count").textContent()).toBe("6");
    await Promise.all([page.waitForURL(/category=Artifacts/), page.getByRole("link", { name: /^Artifacts/ }).click()]);
    expect(await page.getByTestId("prompt-text").allTextContents()).toEqual([
      `<img src=x onerror="document.title='pwned'"> a tiny robot`,
    ]);
    expect(await page.locator("main img").count()).toBe(0);
    expect(await page.title()).not.toBe("pwned");
    await page.close();
  });

  it("the JSON API validates its input, naming the field, and checks the role", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    expect((await page.request.get(`${baseUrl}/api/prompt-sets`)).status()).toBe(401);
    await signIn(page, baseUrl, researcher.email, researcher.password);

    const upload = await page.request.post(`${baseUrl}/api/prompt-sets`, {
      multipart: {
        file: {
          name: "api.jsonl",
          mimeType: "application/x-ndjson",
          buffer: Buffer.from('{"prompt":"A kiwi","category":"Food"}\n{"prompt":"A yak","category":"Animals"}\n'),
        },
        name: `${setName} api`,
      },
    });
    expect(upload.status()).toBe(201);
    const { promptSet } = await upload.json();
    expect(promptSet).toMatchObject({ version: 1, promptCount: 2 });

    const refused = await page.request.post(`${baseUrl}/api/prompt-sets`, {
      multipart: {
        file: { name: "bad.jsonl", mimeType: "text/plain", buffer: Buffer.from('{"prompt":"ok"}\n{"prompt": }\n') },
      },
    });
    expect(refused.status()).toBe(422);
    expect(await refused.json()).toMatchObject({
      issues: [{ field: "bad.jsonl:2" }],
      report: { ok: false, errorCount: 1 },
    });

    const listed = await (await page.request.get(`${baseUrl}/api/prompt-sets`)).json();
    expect(listed.promptSets.map((s: { name: string }) => s.name)).toContain(`${setName} api`);
    const prompts = await page.request.get(`${baseUrl}/api/prompt-sets/${promptSet.id}/prompts?category=Food`);
    expect(await prompts.json()).toMatchObject({ total: 1, items: [{ text: "A kiwi" }] });
    const badPage = await page.request.get(`${baseUrl}/api/prompt-sets/${promptSet.id}/prompts?page=0`);
    expect(badPage.status()).toBe(422);
    expect((await badPage.json()).issues[0].field).toBe("page");
    expect((await page.request.get(`${baseUrl}/api/prompt-sets/nope/prompts`)).status()).toBe(404);

    const preview = await page.request.post(`${baseUrl}/api/prompt-sets/${promptSet.id}/preview-subset`, {
      data: { mode: "per-category", perCategory: 1, seed: 3 },
    });
    expect((await preview.json()).preview.total).toEqual({ available: 2, afterFilter: 2, selected: 2 });
    const badSpec = await page.request.post(`${baseUrl}/api/prompt-sets/${promptSet.id}/preview-subset`, {
      data: { mode: "fraction", fraction: 3 },
    });
    expect(badSpec.status()).toBe(422);
    expect((await badSpec.json()).issues[0].field).toBe("fraction");
    await context.close();

    const annotatorContext = await browser.newContext();
    const annotatorPage = await annotatorContext.newPage();
    await signIn(annotatorPage, baseUrl, annotator.email, annotator.password);
    expect((await annotatorPage.request.get(`${baseUrl}/api/prompt-sets`)).status()).toBe(403);
    expect(await annotatorPage.getByRole("link", { name: "Prompt sets" }).count()).toBe(0);
    await annotatorContext.close();
  });
});

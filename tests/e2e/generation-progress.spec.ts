import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, signIn } from "./browser";

const baseUrl = inject("baseUrl");
// Factories and the worker use the e2e database; set before lib/db is first imported.
process.env.DATABASE_URL = inject("e2eDatabaseUrl");
const PASSWORD = "generation-researcher-pass";
let browser: Browser;
let imagesDir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  imagesDir = mkdtempSync(path.join(tmpdir(), "photogenic-e2e-generation-"));
});
afterAll(async () => {
  await browser?.close();
  await (await import("../../lib/queue/boss")).stopBoss();
  await (await import("../../lib/db")).disconnectDb();
  rmSync(imagesDir, { recursive: true, force: true });
});

/** A generating campaign of two demo models over three prompts whose six jobs all failed for good. */
async function campaignWithFailedJobs() {
  const { db } = await import("../../lib/db");
  const { createCampaign } = await import("../../lib/campaigns/create-campaign");
  const { makeUser, makePromptSet, makeDemoModel, uid } = await import("../support/factories");
  const owner = await makeUser("researcher", PASSWORD);
  const set = await makePromptSet(3, { ownerId: owner.id });
  const models = [await makeDemoModel("demo-smooth"), await makeDemoModel("demo-noisy")];
  const { id: campaignId } = await createCampaign(owner.id, {
    name: uid("generation-"),
    promptSetId: set.id,
    modelIds: models.map((m) => m.id),
  });
  await db.campaign.update({ where: { id: campaignId }, data: { status: "generating" } });
  await db.generationJob.createMany({
    data: set.prompts.flatMap((p) =>
      models.map((m) => ({
        campaignId,
        modelId: m.id,
        promptId: p.id,
        seed: 0,
        status: "failed" as const,
        attempts: 5,
        lastError: "inference server answered 500",
      })),
    ),
  });
  return { campaignId, owner, models };
}

describe("generation progress on the campaign page", () => {
  it("shows failed jobs with their error, re-queues them from the retry button, and fills each model's bar live as a worker makes the images", async () => {
    const { campaignId, owner, models } = await campaignWithFailedJobs();
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, baseUrl, owner.email!, PASSWORD);
    await page.goto(`${baseUrl}/campaigns/${campaignId}`);

    const section = page.getByRole("region", { name: "Image generation" });
    await expect.poll(() => section.getByRole("progressbar").count()).toBe(2);
    for (const model of models) {
      const bar = section.getByRole("progressbar", { name: `${model.name} generation` });
      expect(await bar.getAttribute("aria-valuemax")).toBe("3");
      expect(await bar.getAttribute("aria-valuenow")).toBe("0");
    }
    await expect.poll(() => section.getByText("inference server answered 500").count()).toBe(6);
    expect(await section.textContent()).toContain("3 failed");

    // A retry that never reaches the server says so, and the failures stay.
    await page.route("**/generation/retry", (route) => route.abort("connectionrefused"));
    await section.getByRole("button", { name: "Retry failed jobs" }).click();
    await expect
      .poll(() => section.getByRole("alert").textContent())
      .toContain("were not re-queued: the server could not be reached");
    expect(await section.getByText("inference server answered 500").count()).toBe(6);
    await page.unroute("**/generation/retry");

    await section.getByRole("button", { name: "Retry failed jobs" }).click();
    // The failures leave the page once they are queued again (the page polls every 1.5 s).
    await expect.poll(() => section.getByText("inference server answered 500").count(), { timeout: 10_000 }).toBe(0);
    expect(await section.textContent()).toContain("3 pending");

    const { startWorkerProcess } = await import("../../scripts/support/worker-process");
    const worker = startWorkerProcess(["--models", models.map((m) => m.name).join(",")], {
      quiet: true,
      env: { DATA_DIR: imagesDir },
    });
    try {
      for (const model of models) {
        const bar = section.getByRole("progressbar", { name: `${model.name} generation` });
        await expect.poll(() => bar.getAttribute("aria-valuenow"), { timeout: 60_000 }).toBe("3");
      }
    } finally {
      await worker.stop();
    }
    expect(await section.textContent()).toContain("6 of 6 images");
    await context.close();
  }, 120_000);
});

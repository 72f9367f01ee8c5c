import { createServer, type Server } from "node:http";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { setEnv } from "../env";
import { db, disconnectDb } from "../db";
import { AppError } from "../errors";
import { createCampaign } from "../campaigns/create-campaign";
import { enqueueCampaignJobs } from "./enqueue-campaign-jobs";
import { stopBoss } from "../queue/boss";
import { makeDemoModel, makePromptSet, makeUser, uid } from "../../tests/support/factories";
import { spawnWorker, stopProcess, waitFor } from "../../tests/support/processes";

afterAll(async () => {
  await stopBoss();
  await disconnectDb();
});

const png = (r: number, g: number, b: number) =>
  sharp({ create: { width: 32, height: 32, channels: 3, background: { r, g, b } } })
    .png()
    .toBuffer();

/** An inference server that fails its first two requests, then answers with an image. */
async function flakyServer(): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let count = 0;
  const image = await png(200, 100, 50);
  const server: Server = createServer((req, res) => {
    count++;
    req.resume();
    if (count <= 2) {
      res.writeHead(503).end("warming up");
      return;
    }
    res.writeHead(200, { "content-type": "image/png" }).end(image);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  // A loopback server: http models reach it only because the operator allows it.
  setEnv("MODEL_HOST_ALLOWLIST", `127.0.0.1:${port}`);
  return {
    url: `http://127.0.0.1:${port}/generate`,
    requests: () => count,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe("model adapters through the job path", () => {
  it("an http model behind a server that fails twice still makes its images, with the retries counted", async () => {
    const server = await flakyServer();
    const owner = await makeUser();
    const set = await makePromptSet(1);
    const http = await db.model.create({
      data: {
        name: uid("http-"),
        adapterKind: "http",
        config: {
          url: server.url,
          bodyTemplate: { prompt: "{prompt}", seed: "{seed}" },
          response: { type: "bytes" },
          retries: { max: 3, baseDelayMs: 10, maxDelayMs: 50 },
        },
        defaultParams: { width: 32, height: 32 },
      },
    });
    const demo = await makeDemoModel();
    const { id: campaignId } = await createCampaign(owner.id, {
      name: "http",
      promptSetId: set.id,
      modelIds: [http.id, demo.id],
    });
    await db.campaign.update({ where: { id: campaignId }, data: { status: "generating" } });
    await enqueueCampaignJobs(campaignId);
    const worker = spawnWorker();
    try {
      await waitFor(
        () => db.image.count({ where: { campaignId } }),
        (n) => n === 2,
        90_000,
        "both images",
      );
    } finally {
      await stopProcess(worker);
      await server.close();
    }
    const image = await db.image.findFirstOrThrow({ where: { campaignId, modelId: http.id } });
    expect(image.metadata).toMatchObject({ retries: 2, attempts: 3 });
    expect(server.requests()).toBe(3);
    expect(await db.pair.count({ where: { campaignId } })).toBe(1);
  }, 120_000);

  it("an import with a corrupt file and a missing prompt is refused with both named, and nothing is written", async () => {
    const owner = await makeUser();
    const set = await makePromptSet(4);
    const folder = mkdtempSync(path.join(tmpdir(), "photogenic-import-"));
    // Import sources must lie inside IMPORT_ROOT (the worker inherits it).
    setEnv("IMPORT_ROOT", path.dirname(folder));
    writeFileSync(path.join(folder, "p0.png"), await png(10, 20, 30));
    writeFileSync(path.join(folder, "p1.png"), await png(40, 50, 60));
    writeFileSync(path.join(folder, "p2.png"), (await png(70, 80, 90)).subarray(0, 40)); // truncated
    // p3 has no image at all.
    const imported = await db.model.create({
      data: { name: uid("import-"), adapterKind: "import", config: { source: folder } },
    });
    const demo = await makeDemoModel();
    const { id: campaignId } = await createCampaign(owner.id, {
      name: "import",
      promptSetId: set.id,
      modelIds: [imported.id, demo.id],
    });

    const error = await enqueueCampaignJobs(campaignId).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    const issues = (error as AppError).issues;
    expect(
      issues.some((i) => i.field.includes("p2.png") && /decode|truncat|corrupt|invalid|unsupported/i.test(i.message)),
    ).toBe(true);
    expect(issues.some((i) => i.field.includes("prompt p3"))).toBe(true);
    // p2 is also listed as lacking a usable image; the good files p0 and p1 are not mentioned.
    expect(issues.every((i) => /p2|p3/.test(i.field))).toBe(true);
    expect(await db.generationJob.count({ where: { campaignId } })).toBe(0);
    expect(await db.image.count({ where: { campaignId } })).toBe(0);
  });
});

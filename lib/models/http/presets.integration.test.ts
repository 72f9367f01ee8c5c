import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { setEnv } from "../../env";
import { createCampaign } from "../../campaigns/create-campaign";
import { AdapterCache } from "../../generation/adapter-cache";
import { recordJobFailure } from "../../generation/job-failure";
import { runGenerationJobs } from "../../generation/run-generation-jobs";
import { registerModel } from "../../model-registry/register-model";
import { makePromptSet, makeUser, uid } from "../../../tests/support/factories";
import {
  INTERNAL_SECRET,
  JOB_FAILURE,
  startFakeServices,
  type FakeServices,
} from "../../../tests/support/fake-model-services";
import type { HttpPreset } from "./presets";

/**
 * Every preset against a local fake of its service (tests/support/fake-model-services.ts, which
 * follows each service's documented shapes), through the job path a worker runs
 * (runGenerationJobs: claim, adapter, record): one campaign, five prompts per model — an image,
 * a 429 with Retry-After, a failure, a slow job or request, a redirect to a refused address —
 * and what was recorded for each: the image, or the job's error.
 */
let fake: FakeServices;
const comfyWorkflow = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../../tests/fixtures/comfyui/txt2img-api.json"), "utf8"),
);
const PROMPTS = {
  ok: "a lighthouse at dusk",
  busy: "busy: a lighthouse at dusk",
  fail: "fail: a lighthouse at dusk",
  slow: "slow: a lighthouse at dusk",
  redirect: "redirect: a lighthouse at dusk",
} as const;
type Case = keyof typeof PROMPTS;
// Short limits so the slow cases end quickly; polls every 20 ms (every preset field stays overridable).
const FAST = { timeoutMs: 1500, retries: { max: 1, baseDelayMs: 10, maxDelayMs: 3000 } };
const FAST_JOB = { pollIntervalMs: 20, maxPollIntervalMs: 40, timeoutMs: 2500 };

const configs = (): Record<HttpPreset, Record<string, unknown>> => ({
  "openai-images": { preset: "openai-images", url: fake.base, apiKey: "sk-test", model: "gpt-image-1" },
  replicate: { preset: "replicate", url: fake.base, apiKey: "r8_test", model: "owner/model", job: FAST_JOB },
  "fal-queue": { preset: "fal-queue", url: fake.base, apiKey: "fal_test", model: "fal-ai/flux/schnell", job: FAST_JOB },
  stability: { preset: "stability", url: fake.base, apiKey: "sk-stability", model: "core" },
  automatic1111: { preset: "automatic1111", url: fake.base, apiKey: "user:secret-pass" },
  comfyui: {
    preset: "comfyui",
    url: fake.base,
    workflow: comfyWorkflow,
    workflowNodes: { prompt: "6", negative: "7", seed: "3", size: "5" },
    job: FAST_JOB,
  },
  diffusers: { preset: "diffusers", url: fake.base },
});

type Outcome = { image?: { queueMs: number | null; generationMs: number | null; metadata: unknown }; error?: string };
const outcomes = new Map<string, Outcome>(); // `${preset}/${case}`

beforeAll(async () => {
  fake = await startFakeServices();
  setEnv("MODEL_HOST_ALLOWLIST", fake.allowlist);
  const owner = await makeUser("researcher");
  const models = new Map<HttpPreset, string>();
  for (const [preset, config] of Object.entries(configs()) as [HttpPreset, Record<string, unknown>][]) {
    const { id } = await registerModel(owner.id, {
      name: uid(`${preset}-`),
      kind: "http",
      config: { ...FAST, ...config },
      defaultParams: { width: 64, height: 64 },
    });
    models.set(preset, id);
  }
  const set = await makePromptSet(5);
  for (const [i, text] of Object.values(PROMPTS).entries())
    await db.prompt.update({ where: { id: set.prompts[i].id }, data: { text } });
  const { id: campaignId } = await createCampaign(owner.id, {
    name: "presets",
    promptSetId: set.id,
    modelIds: [...models.values()],
    seedsPerPrompt: 1,
  });
  await db.campaign.update({ where: { id: campaignId }, data: { status: "generating" } });
  await db.generationJob.createMany({
    data: [...models.values()].flatMap((modelId) =>
      set.prompts.map((p) => ({ campaignId, modelId, promptId: p.id, seed: 0 })),
    ),
  });
  const adapters = new AdapterCache({});
  try {
    await Promise.all(
      [...models.values()].map(async (modelId) => {
        const jobs = await db.generationJob.findMany({ where: { campaignId, modelId }, select: { id: true } });
        const results = await runGenerationJobs(
          jobs.map((j) => j.id),
          { adapters, workerId: "presets-test" },
        );
        // As the worker does for a job whose retries are spent (lib/generation/generation-worker.ts).
        for (const r of results) if (!r.ok) await recordJobFailure(r.generationJobId, r.error, { final: true });
      }),
    );
  } finally {
    await adapters.disposeAll();
  }
  const jobs = await db.generationJob.findMany({
    where: { campaignId },
    include: { prompt: true, image: true },
  });
  for (const job of jobs) {
    const preset = [...models].find(([, id]) => id === job.modelId)![0];
    const which = (Object.entries(PROMPTS) as [Case, string][]).find(([, text]) => text === job.prompt.text)![0];
    outcomes.set(`${preset}/${which}`, {
      image: job.image ?? undefined,
      error: job.status === "failed" ? (job.lastError ?? "") : undefined,
    });
  }
}, 60_000);

afterAll(async () => {
  await fake?.close();
});

const ASYNC: HttpPreset[] = ["replicate", "fal-queue", "comfyui"];
const SUBMIT_PATH: Record<HttpPreset, string> = {
  "openai-images": "/v1/images/generations",
  replicate: "/v1/models/owner/model/predictions",
  "fal-queue": "/fal-ai/flux/schnell",
  stability: "/v2beta/stable-image/generate/core",
  automatic1111: "/sdapi/v1/txt2img",
  comfyui: "/prompt",
  diffusers: "/generate",
};

describe.each([
  "openai-images",
  "replicate",
  "fal-queue",
  "stability",
  "automatic1111",
  "comfyui",
  "diffusers",
] as HttpPreset[])("preset %s against its fake service", (preset) => {
  const outcome = (which: Case) => outcomes.get(`${preset}/${which}`)!;

  it("records an image", () => {
    expect(outcome("ok").error).toBeUndefined();
    expect(outcome("ok").image?.metadata).toMatchObject({ adapter: "http", preset, width: 64, height: 64 });
  });

  it("waits as a 429's Retry-After asks, then records the image", () => {
    expect(outcome("busy").error).toBeUndefined();
    expect(outcome("busy").image).toBeDefined();
    const submits = fake.requests.filter(
      (r) => r.server === "services" && r.path.startsWith(SUBMIT_PATH[preset]) && r.body.includes(PROMPTS.busy),
    );
    expect(submits.length).toBeGreaterThanOrEqual(2);
    expect(submits[1].at - submits[0].at).toBeGreaterThanOrEqual(950);
  });

  it("records the failure: the job service's own message, or the status without the body", () => {
    const error = outcome("fail").error!;
    expect(error).toBeDefined();
    if (preset === "replicate") expect(error).toContain(`failed (status "failed"): ${JOB_FAILURE.replicate}`);
    else if (preset === "fal-queue") expect(error).toContain(`failed (status "COMPLETED"): ${JOB_FAILURE.fal}`);
    else if (preset === "comfyui") expect(error).toContain(`failed (status "error"): ${JOB_FAILURE.comfyui}`);
    else {
      expect(error).toMatch(/HTTP (400 Bad Request|500 Internal Server Error) \(content-type "[^"]+", \d+ bytes\)/);
      expect(error).not.toMatch(/safety system|rejected|CUDA|OutOfMemory/);
    }
  });

  it("records a slow job or request as timed out", () => {
    const error = outcome("slow").error!;
    if (ASYNC.includes(preset)) expect(error).toMatch(/did not finish within 2500 ms \(job\.timeoutMs\); cancelled/);
    else expect(error).toMatch(/no response within 1500 ms \(after 1 retry\)/);
  });

  it("refuses a redirect to an address it may not reach, without its body", () => {
    const error = outcome("redirect").error!;
    expect(error).toMatch(/refused: the host is a loopback address/);
    expect(error).not.toContain(INTERNAL_SECRET);
  });
});

describe("what the services saw", () => {
  it("cancelled the slow jobs of services that can cancel", () => {
    const cancels = fake.requests.filter((r) => /\/cancel$/.test(r.path)).map((r) => `${r.method} ${r.path}`);
    expect(cancels).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^POST \/v1\/predictions\/.*\/cancel$/),
        expect.stringMatching(/^PUT \/fal-ai\/flux\/requests\/.*\/cancel$/),
      ]),
    );
  });

  it("sent each key in its service's style, and never to the host serving result images", () => {
    const auth = (pathPart: string) =>
      fake.requests.find((r) => r.server === "services" && r.path.includes(pathPart))?.headers.authorization;
    expect(auth("/v1/images/generations")).toBe("Bearer sk-test");
    expect(auth("/v1/models/owner/model/predictions")).toBe("Bearer r8_test");
    expect(auth("/v1/predictions/")).toBe("Bearer r8_test"); // polls go to the same origin
    expect(auth("/fal-ai/flux/schnell")).toBe("Key fal_test");
    expect(auth("/v2beta/stable-image/generate/core")).toBe("Bearer sk-stability");
    expect(auth("/sdapi/v1/txt2img")).toBe(`Basic ${Buffer.from("user:secret-pass").toString("base64")}`);
    const files = fake.requests.filter((r) => r.server === "files");
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it("got each service's documented request body", () => {
    const body = (pathPart: string) =>
      fake.requests.find(
        (r) =>
          r.server === "services" && r.method === "POST" && r.path.includes(pathPart) && r.body.includes(PROMPTS.ok),
      )!.body;
    expect(JSON.parse(body("/v1/models/owner/model/predictions"))).toEqual({
      input: { prompt: PROMPTS.ok, seed: 0, width: 64, height: 64 },
    });
    expect(JSON.parse(body("/fal-ai/flux/schnell"))).toEqual({
      prompt: PROMPTS.ok,
      seed: 0,
      image_size: { width: 64, height: 64 },
      num_images: 1,
    });
    expect(JSON.parse(body("/sdapi/v1/txt2img"))).toMatchObject({
      prompt: PROMPTS.ok,
      seed: 0,
      width: 64,
      steps: 30,
      cfg_scale: 7.5,
    });
    const stability = body("/v2beta/stable-image/generate/core");
    expect(stability).toMatch(/name="aspect_ratio"\r\n\r\n1:1\r\n/);
    expect(stability).toMatch(/name="output_format"\r\n\r\npng\r\n/);
    expect(stability).not.toContain('name="negative_prompt"'); // empty: left out
    const comfy = JSON.parse(body("/prompt")) as {
      prompt: Record<string, { inputs: Record<string, unknown> }>;
      client_id: string;
    };
    expect(comfy.prompt["6"].inputs.text).toBe(PROMPTS.ok);
    expect(comfy.prompt["3"].inputs).toMatchObject({ seed: 0, steps: 20, cfg: 8 }); // the workflow's own steps and cfg
    expect(comfy.prompt["5"].inputs).toMatchObject({ width: 64, height: 64 });
  });

  it("recorded the queue wait and generation time where the service reports them", () => {
    const ok = (preset: HttpPreset) => outcomes.get(`${preset}/ok`)!.image!;
    // Replicate: started_at − created_at = 0.5 s, metrics.predict_time = 0.75 s.
    expect([ok("replicate").queueMs, ok("replicate").generationMs]).toEqual([500, 750]);
    // fal: metrics.inference_time = 0.25 s; the queue wait seen by polling (IN_PROGRESS).
    expect(ok("fal-queue").generationMs).toBe(250);
    expect(ok("fal-queue").queueMs).toBeGreaterThanOrEqual(0);
    for (const preset of ["openai-images", "stability", "automatic1111", "diffusers"] as HttpPreset[])
      expect([ok(preset).queueMs, ok(preset).generationMs]).toEqual([null, null]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setEnv } from "../env";
import { registerModel } from "./register-model";
import { tryModel } from "./try-model";
import { uid } from "../../tests/support/factories";
import { JOB_FAILURE, startFakeServices, type FakeServices } from "../../tests/support/fake-model-services";

/** `photogenic models test`: one image through the adapter, with the stored key; or the job's error. */
let fake: FakeServices;
beforeAll(async () => {
  fake = await startFakeServices();
  setEnv("MODEL_HOST_ALLOWLIST", fake.allowlist);
});
afterAll(async () => {
  await fake?.close();
});

describe("trying a model", () => {
  it("generates one image with the model's key and parameters, and reports its size and timings", async () => {
    const name = uid("replicate-");
    await registerModel(null, {
      name,
      kind: "http",
      config: {
        preset: "replicate",
        url: fake.base,
        apiKey: "r8_secret",
        model: "owner/model",
        job: { pollIntervalMs: 20 },
      },
      defaultParams: { width: 64, height: 64 },
    });
    const trial = await tryModel(name, "a lighthouse");
    expect(trial).toMatchObject({ model: name, kind: "http", width: 64, height: 64, queueMs: 500, generationMs: 750 });
    expect(trial.bytes).toBe(fake.png.length);
    expect(fake.requests[0].headers.authorization).toBe("Bearer r8_secret"); // the key kept in Model.secrets
  });

  it("throws the error a job would record", async () => {
    const name = uid("replicate-");
    await registerModel(null, {
      name,
      kind: "http",
      config: { preset: "replicate", url: fake.base, model: "owner/model", job: { pollIntervalMs: 20 } },
    });
    await expect(tryModel(name, "fail: a lighthouse")).rejects.toThrow(JOB_FAILURE.replicate);
    await expect(tryModel("no-such-model")).rejects.toThrow(/Model no-such-model not found/);
  });
});

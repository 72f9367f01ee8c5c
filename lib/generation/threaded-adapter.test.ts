import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setEnv } from "../env";
import { DEFAULT_GENERATION_PARAMS as params } from "../models";
import { OnnxDemoAdapter } from "../models/onnx-demo/adapter";
import { ThreadedAdapter } from "./threaded-adapter";

let modelsDir: string;
let threaded: ThreadedAdapter;
let inProcess: OnnxDemoAdapter;

beforeAll(async () => {
  modelsDir = await mkdtemp(path.join(tmpdir(), "photogenic-thread-"));
  // A model folder named in a config must lie inside MODELS_ROOT.
  setEnv("MODELS_ROOT", modelsDir);
  const config = {
    variant: "demo-noisy" as const,
    device: "cpu",
    modelsDir,
    maxBatchSize: 4,
    intraOpNumThreads: 0,
    allowSpinning: false,
  };
  threaded = new ThreadedAdapter("onnx-demo", { config, device: "cpu", modelsDir });
  inProcess = new OnnxDemoAdapter(config);
  await Promise.all([threaded.load(), inProcess.load()]);
});

afterAll(async () => {
  await Promise.all([threaded.dispose(), inProcess.dispose()]);
  await rm(modelsDir, { recursive: true, force: true });
});

const req = (prompt: string, seed: number, width = 64, height = 64) => ({ prompt, seed, width, height, params });

describe("ThreadedAdapter (generation in a thread of its own)", () => {
  it("returns exactly the bytes the same adapter makes in process, as Buffers, in request order", async () => {
    const reqs = [req("a red fox", 1), req("a blue whale", 2), req("a red fox", 1, 96, 64)];
    const [fromThread, local] = await Promise.all([threaded.generateBatch(reqs), inProcess.generateBatch(reqs)]);
    expect(fromThread).toHaveLength(3);
    for (const [i, image] of fromThread.entries()) {
      expect(Buffer.isBuffer(image.png)).toBe(true);
      expect(image.png.equals(local[i].png)).toBe(true);
      expect(image.width).toBe(reqs[i].width);
      expect(image.metadata).toEqual(local[i].metadata);
    }
    expect((await threaded.generate(req("a red fox", 1))).png.equals(local[0].png)).toBe(true);
  });

  it("passes the adapter's own error back, and keeps working after it", async () => {
    await expect(threaded.generateBatch([req("too big", 1, 100_000, 64)])).rejects.toThrow(/width/i);
    expect((await threaded.generateBatch([req("still fine", 3)]))[0].png.length).toBeGreaterThan(0);
  });

  it("starts a new thread after its thread died", async () => {
    await threaded.dispose();
    expect((await threaded.generateBatch([req("after restart", 4)]))[0].png.length).toBeGreaterThan(0);
  });
});

import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_GENERATION_PARAMS as params } from "../params";
import { OnnxDemoAdapter } from "./adapter";
import { buildDemoModel, ensureDemoModel } from "./build";

let modelsDir: string;
let smooth: OnnxDemoAdapter;
let noisy: OnnxDemoAdapter;

beforeAll(async () => {
  modelsDir = await mkdtemp(path.join(tmpdir(), "photogenic-demo-"));
  smooth = new OnnxDemoAdapter({
    variant: "demo-smooth",
    device: "cpu",
    modelsDir,
    maxBatchSize: 4,
    intraOpNumThreads: 0,
    allowSpinning: false,
  });
  noisy = new OnnxDemoAdapter({
    variant: "demo-noisy",
    device: "cpu",
    modelsDir,
    maxBatchSize: 4,
    intraOpNumThreads: 0,
    allowSpinning: false,
  });
  await Promise.all([smooth.load(), noisy.load()]);
});

afterAll(async () => {
  await Promise.all([smooth.dispose(), noisy.dispose()]);
  await rm(modelsDir, { recursive: true, force: true });
});

const req = (prompt: string, seed: number, width = 256, height = 256) => ({ prompt, seed, width, height, params });

async function pixels(png: Buffer) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { data, info };
}

function meanAbsDiff(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

/** Mean absolute difference between horizontally adjacent pixels: high for grainy images. */
function roughness(data: Buffer, width: number): number {
  let sum = 0;
  let n = 0;
  for (let i = 3; i < data.length; i++) {
    if (Math.floor(i / 3) % width === 0) continue;
    sum += Math.abs(data[i] - data[i - 3]);
    n++;
  }
  return sum / n;
}

describe("onnx-demo build", () => {
  it("builds a real ONNX file under the models dir, small enough never to matter, bit-for-bit reproducible", async () => {
    const first = await ensureDemoModel("demo-smooth", modelsDir);
    expect(first.modelPath).toBe(path.join(modelsDir, "demo-smooth", "model.onnx"));
    expect((await stat(first.modelPath)).size).toBeLessThan(1024 * 1024);
    const rebuilt = await buildDemoModel("demo-smooth", modelsDir);
    expect(rebuilt.sha256).toBe(first.sha256);
    const other = await ensureDemoModel("demo-noisy", modelsDir);
    expect(other.sha256).not.toBe(first.sha256);
  });
});

describe("onnx-demo generate", () => {
  it("returns a decodable 256x256 PNG with version and metadata", async () => {
    const img = await smooth.generate(req("a red fox in the snow", 1));
    const meta = await sharp(img.png).metadata();
    expect(meta.format).toBe("png");
    expect([meta.width, meta.height, meta.channels]).toEqual([256, 256, 3]);
    expect([img.width, img.height]).toEqual([256, 256]);
    expect(img.modelVersion).toMatch(/^demo-smooth@b\d+-[0-9a-f]{12}$/);
    expect(img.latencyMs).toBeGreaterThan(0);
    expect(img.metadata).toMatchObject({ adapter: "onnx-demo", variant: "demo-smooth", seed: 1, device: "cpu" });
  });

  it("is deterministic for (prompt, seed), including across adapter instances", async () => {
    const a = await noisy.generate(req("a bowl of ramen", 42));
    const b = await noisy.generate(req("a bowl of ramen", 42));
    const other = new OnnxDemoAdapter({
      variant: "demo-noisy",
      device: "cpu",
      modelsDir,
      maxBatchSize: 1,
      intraOpNumThreads: 1,
      allowSpinning: false,
    });
    const c = await other.generate(req("a bowl of ramen", 42));
    await other.dispose();
    expect(b.png.equals(a.png)).toBe(true);
    expect(c.png.equals(a.png)).toBe(true);
  });

  it("is visibly prompt-dependent and seed-dependent", async () => {
    const fox = await pixels((await smooth.generate(req("a red fox in the snow", 1))).png);
    const ramen = await pixels((await smooth.generate(req("a bowl of ramen", 1))).png);
    const fox2 = await pixels((await smooth.generate(req("a red fox in the snow", 2))).png);
    expect(meanAbsDiff(fox.data, ramen.data)).toBeGreaterThan(10);
    expect(meanAbsDiff(fox.data, fox2.data)).toBeGreaterThan(2);
  });

  it("makes demo-smooth much smoother than demo-noisy (the intended winner on visual appeal)", async () => {
    const prompts = ["sunset over the ocean", "a futuristic city at night", "a cat wearing a hat"];
    for (const p of prompts) {
      const s = await pixels((await smooth.generate(req(p, 3))).png);
      const n = await pixels((await noisy.generate(req(p, 3))).png);
      expect(roughness(n.data, 256)).toBeGreaterThan(4 * roughness(s.data, 256));
    }
  });

  it("batches: generateBatch equals one-by-one generation, mixed sizes keep request order", async () => {
    const reqs = [
      req("one", 1),
      req("two", 2, 64, 128),
      req("three", 3),
      req("four", 4),
      req("five", 5),
      req("six", 6),
    ];
    const batch = await noisy.generateBatch(reqs);
    expect(batch.map((b) => [b.width, b.height])).toEqual(reqs.map((r) => [r.width, r.height]));
    for (let i = 0; i < reqs.length; i++) {
      const single = await noisy.generate(reqs[i]);
      expect(batch[i].png.equals(single.png)).toBe(true);
    }
    expect(batch[0].metadata.batchSize).toBe(4); // maxBatchSize 4: five 256x256 requests → 4 + 1
  });

  it("supports any multiple of 8 up to 1024 and rejects other sizes with a clear error", async () => {
    const big = await smooth.generate(req("mountains", 1, 1024, 8));
    expect([big.width, big.height]).toEqual([1024, 8]);
    await expect(smooth.generate(req("x", 1, 100, 256))).rejects.toThrow(/width 100 must be a multiple of 8/);
    await expect(smooth.generate(req("x", 1, 256, 2048))).rejects.toThrow(/height 2048/);
  });

  it("fails clearly when CUDA is requested but its execution provider is not installed", async () => {
    const gpu = new OnnxDemoAdapter({
      variant: "demo-smooth",
      device: "cuda:0",
      modelsDir,
      maxBatchSize: 1,
      intraOpNumThreads: 0,
      allowSpinning: false,
    });
    await expect(gpu.load()).rejects.toThrow(
      /device cuda:0 requested but onnxruntime-node's CUDA execution provider could not be loaded/,
    );
    await gpu.dispose();
  });
});

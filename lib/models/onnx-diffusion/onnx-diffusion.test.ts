import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setEnv } from "../../env";
import type { GenerationRequest } from "../adapter";
import { createAdapter } from "../registry";
import { OnnxDiffusionAdapter } from "./adapter";
import type { OnnxDiffusionConfig } from "./config";
import { buildTinyPipeline, TINY_SCHEDULER, type TinyPipelineOptions } from "./testing/build-tiny-pipeline";

let root: string;
const adapters: OnnxDiffusionAdapter[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "photogenic-diffusion-"));
  // Model folders named in configs must lie inside MODELS_ROOT.
  setEnv("MODELS_ROOT", root);
});

afterAll(async () => {
  await Promise.all(adapters.map((a) => a.dispose()));
  await rm(root, { recursive: true, force: true });
});

const built = new Map<string, Promise<string>>();
function folder(name: string, options: TinyPipelineOptions = {}): Promise<string> {
  if (!built.has(name)) built.set(name, buildTinyPipeline(path.join(root, name), options));
  return built.get(name)!;
}

async function adapter(name: string, options: TinyPipelineOptions = {}, config: Partial<OnnxDiffusionConfig> = {}) {
  const a = new OnnxDiffusionAdapter({
    modelDir: await folder(name, options),
    device: "cpu",
    maxBatchSize: 4,
    intraOpNumThreads: 1,
    ...config,
  });
  adapters.push(a);
  return a;
}

const req = (prompt: string, seed: number, params: Partial<GenerationRequest["params"]> = {}): GenerationRequest => ({
  prompt,
  seed,
  width: 64,
  height: 64,
  params: { steps: 3, guidance: 5, width: 64, height: 64, negativePrompt: "", ...params },
});

async function pixels(png: Buffer): Promise<Buffer> {
  return sharp(png).raw().toBuffer();
}

/** Mean absolute difference of two PNGs' 8-bit channels. */
async function diff(a: Buffer, b: Buffer): Promise<number> {
  const [x, y] = await Promise.all([pixels(a), pixels(b)]);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs(x[i] - y[i]);
  return sum / x.length;
}

describe("onnx-diffusion on a tiny SD 1.x-layout export", () => {
  it("makes a 64×64 PNG from 8×8 latents, with version and metadata", async () => {
    const sd = await adapter("sd");
    const img = await sd.generate(req("a red cat", 1));
    const meta = await sharp(img.png).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(["png", 64, 64, 3]);
    expect(img.modelVersion).toMatch(/^sd@[0-9a-f]{12}$/);
    expect(img.metadata).toMatchObject({
      adapter: "onnx-diffusion",
      seed: 1,
      scheduler: "euler",
      steps: 3,
      guidance: 5,
      sdxl: false,
      device: "cpu",
    });
    // Not a flat image: the VAE's output varies across pixels.
    const px = await pixels(img.png);
    expect(Math.max(...px) - Math.min(...px)).toBeGreaterThan(10);
  });

  it("is deterministic per seed (also across adapter instances) and seed-dependent", async () => {
    const sd = await adapter("sd");
    const again = await adapter("sd");
    const a = await sd.generate(req("a photo of the dog", 7));
    const b = await again.generate(req("a photo of the dog", 7));
    expect(b.png.equals(a.png)).toBe(true);
    const other = await sd.generate(req("a photo of the dog", 8));
    expect(await diff(a.png, other.png)).toBeGreaterThan(1);
  });

  it("is prompt-dependent; negative prompt and guidance change the image; guidance ≤ 1 ignores the negative prompt", async () => {
    const sd = await adapter("sd");
    const base = (await sd.generate(req("a red cat", 3))).png;
    expect(await diff(base, (await sd.generate(req("the dog", 3))).png)).toBeGreaterThan(1);
    expect(
      await diff(base, (await sd.generate(req("a red cat", 3, { negativePrompt: "the dog" }))).png),
    ).toBeGreaterThan(1);
    expect(await diff(base, (await sd.generate(req("a red cat", 3, { guidance: 9 }))).png)).toBeGreaterThan(1);
    const off = (await sd.generate(req("a red cat", 3, { guidance: 1 }))).png;
    const offNeg = (await sd.generate(req("a red cat", 3, { guidance: 1, negativePrompt: "the dog" }))).png;
    expect(offNeg.equals(off)).toBe(true);
    expect(await diff(off, base)).toBeGreaterThan(0.5);
  });

  it("a batch gives the same images as one-by-one, in request order", async () => {
    const sd = await adapter("sd");
    const reqs = [req("a red cat", 1), req("the dog", 2, { negativePrompt: "red" }), req("a photo", 3)];
    const batch = await sd.generateBatch(reqs);
    expect(batch[0].metadata.batchSize).toBe(3);
    for (let i = 0; i < reqs.length; i++) {
      const single = await sd.generate(reqs[i]);
      expect(await diff(batch[i].png, single.png)).toBeLessThan(0.01);
    }
  });

  it.each(["euler", "euler-ancestral", "ddim", "lcm"] as const)(
    "runs the %s scheduler, deterministically",
    async (scheduler) => {
      const a = await adapter("sd", {}, { scheduler });
      const guidance = scheduler === "lcm" ? 0 : 5; // LCM / Turbo-style: few steps, guidance off
      const first = await a.generate(req("a red cat", 5, { steps: 4, guidance }));
      const second = await a.generate(req("a red cat", 5, { steps: 4, guidance }));
      expect(first.metadata.scheduler).toBe(scheduler);
      expect(second.png.equals(first.png)).toBe(true);
      const euler = await (await adapter("sd")).generate(req("a red cat", 5, { steps: 4, guidance }));
      if (scheduler !== "euler") expect(await diff(first.png, euler.png)).toBeGreaterThan(0.5);
    },
  );

  it("reads the scheduler class from scheduler_config.json and substitutes Euler for PNDM (recorded)", async () => {
    const ddim = await adapter("ddim", {
      scheduler: {
        ...TINY_SCHEDULER,
        _class_name: "DDIMScheduler",
        timestep_spacing: "leading",
        clip_sample: false,
        set_alpha_to_one: false,
      },
    });
    expect((await ddim.generate(req("a red cat", 1, { steps: 2 }))).metadata.scheduler).toBe("ddim");
    const pndm = await adapter("pndm", {
      scheduler: { ...TINY_SCHEDULER, _class_name: "PNDMScheduler", skip_prk_steps: true },
    });
    expect((await pndm.generate(req("a red cat", 1, { steps: 2 }))).metadata).toMatchObject({
      scheduler: "euler",
      schedulerSubstitutedFor: "PNDMScheduler",
    });
  });

  it("uses the VAE scaling factor from vae_decoder/config.json", async () => {
    const sd = await adapter("sd");
    const scaled = await adapter("scaled", { vaeScalingFactor: 1 });
    expect(
      await diff((await sd.generate(req("a red cat", 1))).png, (await scaled.generate(req("a red cat", 1))).png),
    ).toBeGreaterThan(1);
  });
});

describe("onnx-diffusion fp16 and SDXL exports", () => {
  it("runs an fp16 export (float16 inputs, outputs, weights) close to its fp32 twin", async () => {
    const fp16 = await adapter("fp16", { fp16: true });
    const fp32 = await adapter("sd");
    const a = await fp16.generate(req("a red cat", 4));
    const b = await fp32.generate(req("a red cat", 4));
    expect(a.width).toBe(64);
    // Same seeded weights rounded to half precision: nearly the same picture, not bit-identical.
    expect(await diff(a.png, b.png)).toBeLessThan(1); // measured ≈ 0.05 of 255
  });

  it("runs an SDXL export: two encoders, pooled text_embeds, time_ids; prompt- and seed-dependent", async () => {
    const xl = await adapter("xl", { xl: true });
    const a = await xl.generate(req("a red cat", 1));
    expect(a.metadata).toMatchObject({ sdxl: true });
    expect(a.modelVersion).toMatch(/^xl@/);
    expect(await diff(a.png, (await xl.generate(req("the dog", 1))).png)).toBeGreaterThan(0.5);
    expect(await diff(a.png, (await xl.generate(req("a red cat", 2))).png)).toBeGreaterThan(1);
    // force_zeros_for_empty_prompt: "" is zero embeddings, unlike an encoded non-empty negative prompt.
    expect(await diff(a.png, (await xl.generate(req("a red cat", 1, { negativePrompt: "dog" }))).png)).toBeGreaterThan(
      0.5,
    );
    const again = await xl.generate(req("a red cat", 1));
    expect(again.png.equals(a.png)).toBe(true);
  });

  it("runs an fp16 SDXL export", async () => {
    const xl16 = await adapter("xl16", { xl: true, fp16: true });
    const img = await xl16.generate(req("a photo of the dog", 2, { steps: 2 }));
    expect([img.width, img.height, img.metadata.sdxl]).toEqual([64, 64, true]);
  });
});

describe("onnx-diffusion errors", () => {
  it("names the missing file or folder", async () => {
    const missing = new OnnxDiffusionAdapter({
      modelDir: path.join(root, "nope"),
      device: "cpu",
      maxBatchSize: 1,
      intraOpNumThreads: 0,
    });
    await expect(missing.load()).rejects.toThrow(/model folder .*nope does not exist/);
    const dir = await folder("broken");
    await rm(path.join(dir, "unet"), { recursive: true });
    const broken = await adapter("broken");
    await expect(broken.load()).rejects.toThrow(/unet\/model\.onnx not found/);
  });

  it("rejects sizes that are not multiples of 8", async () => {
    const sd = await adapter("sd");
    await expect(sd.generate({ ...req("x", 1), width: 60 })).rejects.toThrow(/width 60 must be a multiple of 8/);
  });

  it("fails clearly when CUDA is requested but onnxruntime's CUDA provider is not installed", async () => {
    const gpu = createAdapter("onnx-diffusion", { modelDir: await folder("sd") }, { device: "cuda:0" });
    await expect(gpu.load()).rejects.toThrow(
      /device cuda:0 requested but onnxruntime-node's CUDA execution provider could not be loaded/,
    );
    await gpu.dispose();
  });
});

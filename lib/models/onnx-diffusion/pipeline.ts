import * as ort from "onnxruntime-node";
import path from "node:path";
import type { DiffusionLayout } from "./layout";
import { guidanceEmbedding, initialLatents, stepNoise } from "./latents";
import { createScheduler, type SchedulerChoice } from "./schedulers/create-scheduler";
import { inputSpecs, runRows, type HostOutput, type HostTensor, type InputSpec } from "./session-io";
import { concatLastAxis, PromptEncoder, type PromptEmbeddings } from "./text-encoding";
import { checkLatentSize, readUnetIo, type UnetIo } from "./unet-io";
import { loadClipTokenizer } from "./tokenizer/load-tokenizer";

export interface PipelineRequest {
  prompt: string;
  negativePrompt: string;
  seed: number;
}

export interface DecodedImages {
  /** Planar RGB in [0, 1], [3, height, width] each, in request order. */
  images: Float32Array[];
  width: number;
  height: number;
}

/** Settings shared by every image of one run (one UNet batch). */
export interface RunSettings {
  width: number;
  height: number;
  steps: number;
  guidance: number;
}

export interface PipelineSessions {
  encoders: ort.InferenceSession[];
  unet: ort.InferenceSession;
  vae: ort.InferenceSession;
}

/**
 * Text-to-image with a diffusers ONNX export: CLIP text encoding (two encoders for SDXL),
 * classifier-free guidance, the scheduler loop over the UNet, VAE decoding.
 */
export class DiffusionPipeline {
  private readonly unetIo: UnetIo;
  private readonly vaeSpecs: Map<string, InputSpec>;
  private readonly vaeInput: string;
  private readonly vaeOutput: string;

  private constructor(
    readonly layout: DiffusionLayout,
    readonly scheduler: SchedulerChoice,
    private readonly sessions: PipelineSessions,
    private readonly encoders: PromptEncoder[],
  ) {
    this.unetIo = readUnetIo(sessions.unet, path.join(layout.modelDir, "unet/model.onnx"));
    if (this.unetIo.xl && encoders.length < 2)
      throw new Error(`${layout.modelDir}: the UNet is SDXL's (text_embeds, time_ids) but there is no text_encoder_2/`);
    this.vaeSpecs = inputSpecs(sessions.vae);
    this.vaeInput = this.vaeSpecs.has("latent_sample") ? "latent_sample" : sessions.vae.inputNames[0];
    this.vaeOutput = sessions.vae.outputNames.includes("sample") ? "sample" : sessions.vae.outputNames[0];
  }

  /** `open` loads one ONNX file into a session (the adapter decides providers and options). */
  static async create(
    layout: DiffusionLayout,
    scheduler: SchedulerChoice,
    open: (file: string) => Promise<ort.InferenceSession>,
  ): Promise<DiffusionPipeline> {
    const sessions: PipelineSessions = { encoders: [], unet: undefined as never, vae: undefined as never };
    try {
      for (const e of layout.encoders) sessions.encoders.push(await open(e.model));
      sessions.unet = await open(layout.unet);
      sessions.vae = await open(layout.vaeDecoder);
      const xl = layout.encoders.length === 2;
      const encoders = await Promise.all(
        layout.encoders.map(
          async (e, i) =>
            new PromptEncoder(sessions.encoders[i], await loadClipTokenizer(e.tokenizerDir), {
              penultimate: xl,
              pooled: xl && i === 1,
              source: e.model,
            }),
        ),
      );
      return new DiffusionPipeline(layout, scheduler, sessions, encoders);
    } catch (err) {
      await releaseAll(sessions);
      throw err;
    }
  }

  get isXl(): boolean {
    return this.unetIo.xl;
  }

  async release(): Promise<void> {
    await releaseAll(this.sessions);
  }

  async run(reqs: PipelineRequest[], s: RunSettings): Promise<DecodedImages> {
    const { layout } = this;
    const io = this.unetIo;
    const scale = layout.vaeScaleFactor;
    if (s.width % scale || s.height % scale)
      throw new Error(`width and height must be multiples of ${scale}, got ${s.width}×${s.height}`);
    const h = s.height / scale;
    const w = s.width / scale;
    checkLatentSize(io, h, w, scale, path.join(layout.modelDir, "unet/model.onnx"));
    const n = reqs.length;
    const per = io.latentChannels * h * w;
    // As diffusers: guidance ≤ 1 means no negative branch; LCM-distilled UNets take guidance as an embedding instead.
    const cfg = s.guidance > 1 && !io.timestepCond;
    const cond = await this.encode(
      reqs.map((r) => r.prompt),
      false,
    );
    const uncond = cfg
      ? await this.encode(
          reqs.map((r) => r.negativePrompt),
          true,
        )
      : undefined;

    const scheduler = createScheduler(this.scheduler.name, layout.schedulerConfig, s.steps);
    const latents = reqs.map((r) => initialLatents(r.seed, per, scheduler.initNoiseSigma));
    const noises = reqs.map((r) => stepNoise(r.seed));
    const rows = cfg ? 2 * n : n;
    const fixed = this.fixedFeeds(uncond ? stack(uncond, cond) : cond, rows, s);

    for (let i = 0; i < scheduler.timesteps.length; i++) {
      const scaled = latents.map((l) => scheduler.scaleModelInput(l, i));
      const sample = new Float32Array(rows * per);
      scaled.forEach((l, k) => {
        sample.set(l, k * per);
        if (cfg) sample.set(l, (n + k) * per);
      });
      const timestep = timestepFeed(io.timestep.shape, scheduler.timesteps[i], rows);
      const feeds = { ...fixed, sample: { data: sample, dims: [rows, io.latentChannels, h, w] }, timestep };
      // A timestep that is not one-per-row (scalar, or a fixed [1]) goes whole to every chunk.
      const shared = timestep.dims[0] === rows ? [] : ["timestep"];
      const out = (await runRows(this.sessions.unet, io.specs, feeds, rows, [io.output], shared))[io.output].data;
      for (let k = 0; k < n; k++) {
        let pred = out.subarray((cfg ? n + k : k) * per, (cfg ? n + k + 1 : k + 1) * per);
        if (cfg) {
          const un = out.subarray(k * per, (k + 1) * per);
          pred = pred.map((c, j) => un[j] + s.guidance * (c - un[j]));
        }
        latents[k] = scheduler.step(pred, i, latents[k], noises[k]);
      }
    }
    return this.decode(latents, n, h, w);
  }

  private async encode(prompts: string[], negative: boolean): Promise<PromptEmbeddings> {
    const parts = [];
    for (const e of this.encoders) parts.push(await e.encode(prompts));
    const result: PromptEmbeddings =
      parts.length === 1
        ? parts[0]
        : { hidden: concatLastAxis(parts[0].hidden, parts[1].hidden), pooled: parts[1].pooled };
    if (negative && this.layout.forceZerosForEmptyPrompt) {
      // SDXL's force_zeros_for_empty_prompt: an empty negative prompt is all zeros, embeddings and pooled alike.
      prompts.forEach((p, k) => {
        if (p !== "") return;
        zeroRow(result.hidden, k);
        if (result.pooled) zeroRow(result.pooled, k);
      });
    }
    return result;
  }

  /** Inputs that stay the same at every step: text conditioning, SDXL's pooled embeddings and time ids. */
  private fixedFeeds(text: PromptEmbeddings, rows: number, s: RunSettings): Record<string, HostTensor> {
    const io = this.unetIo;
    const feeds: Record<string, HostTensor> = { encoder_hidden_states: text.hidden };
    const dim = io.hidden.shape[2];
    if (typeof dim === "number" && dim !== text.hidden.dims[2]) {
      throw new Error(
        `the text encoder(s) give ${text.hidden.dims[2]}-wide embeddings but the UNet's encoder_hidden_states takes ${dim}`,
      );
    }
    if (io.xl) {
      feeds.text_embeds = text.pooled!;
      // (original size, crop top-left, target size), all the requested size: SDXL's defaults.
      feeds.time_ids = {
        data: Array.from({ length: rows }, () => [s.height, s.width, 0, 0, s.height, s.width]).flat(),
        dims: [rows, 6],
      };
    }
    if (io.timestepCond) {
      const d = Number(io.timestepCond.shape[1]);
      if (!Number.isFinite(d)) throw new Error("unet timestep_cond has no fixed width (time_cond_proj_dim)");
      const emb = guidanceEmbedding(s.guidance - 1, d);
      feeds.timestep_cond = { data: Array.from({ length: rows }, () => Array.from(emb)).flat(), dims: [rows, d] };
    }
    return feeds;
  }

  private async decode(latents: Float32Array[], n: number, h: number, w: number): Promise<DecodedImages> {
    const per = latents[0].length;
    const data = new Float32Array(n * per);
    const k = 1 / this.layout.vaeScalingFactor;
    latents.forEach((l, i) =>
      data.set(
        l.map((v) => v * k),
        i * per,
      ),
    );
    const out = (
      await runRows(
        this.sessions.vae,
        this.vaeSpecs,
        { [this.vaeInput]: { data, dims: [n, per / (h * w), h, w] } },
        n,
        [this.vaeOutput],
      )
    )[this.vaeOutput];
    const [, channels, height, width] = out.dims;
    if (out.dims.length !== 4 || channels !== 3)
      throw new Error(
        `vae_decoder output ${this.vaeOutput} has shape [${out.dims}], expected [batch, 3, height, width]`,
      );
    const plane = 3 * height * width;
    // The VAE decodes to [−1, 1]; images are (x / 2 + 0.5) clamped to [0, 1] (the PNG writer clamps).
    const images = Array.from({ length: n }, (_, i) =>
      out.data.subarray(i * plane, (i + 1) * plane).map((v) => v / 2 + 0.5),
    );
    return { images, width, height };
  }
}

/** The timestep as the graph declares it: a scalar, a fixed-length vector, or one per row. */
function timestepFeed(shape: readonly (number | string)[], t: number, rows: number): HostTensor {
  if (shape.length === 0) return { data: [t], dims: [] };
  const length = typeof shape[0] === "number" ? shape[0] : rows;
  return { data: Array<number>(length).fill(t), dims: [length] };
}

function stack(a: PromptEmbeddings, b: PromptEmbeddings): PromptEmbeddings {
  const cat = (x: HostOutput, y: HostOutput): HostOutput => {
    const data = new Float32Array(x.data.length + y.data.length);
    data.set(x.data);
    data.set(y.data, x.data.length);
    return { data, dims: [x.dims[0] + y.dims[0], ...x.dims.slice(1)] };
  };
  return { hidden: cat(a.hidden, b.hidden), pooled: a.pooled && b.pooled ? cat(a.pooled, b.pooled) : undefined };
}

function zeroRow(t: HostOutput, row: number): void {
  const per = t.data.length / t.dims[0];
  t.data.fill(0, row * per, (row + 1) * per);
}

async function releaseAll(s: PipelineSessions): Promise<void> {
  for (const session of [...s.encoders, s.unet, s.vae]) await session?.release().catch(() => {});
}

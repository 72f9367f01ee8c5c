import path from "node:path";
import * as ort from "onnxruntime-node";
import type { AdapterLogger, GeneratedImage, GenerationRequest, ModelAdapter } from "../adapter";
import { silentLogger } from "../adapter";
import { ConcurrencyLimit } from "../concurrency-limit";
import { GenerationError } from "../errors";
import { imageSideSchema } from "../params";
import { cudaUnavailableError, executionProvidersFor } from "../onnx/device";
import { planarFloatToPng } from "../onnx/to-png";
import type { OnnxDiffusionConfig } from "./config";
import { fingerprintExport } from "./fingerprint";
import { readLayout } from "./layout";
import { DiffusionPipeline, type RunSettings } from "./pipeline";
import { chooseScheduler } from "./schedulers/create-scheduler";

interface Loaded {
  pipeline: DiffusionPipeline;
  modelVersion: string;
  fingerprint: string;
}

/** Runs a diffusers ONNX export (SD 1.x/2.x, SDXL, Turbo, LCM) with onnxruntime-node. */
export class OnnxDiffusionAdapter implements ModelAdapter {
  readonly kind = "onnx-diffusion";
  readonly computesLocally = true;
  private loading?: Promise<Loaded>;
  // One run at a time: a run already uses every core (or the whole GPU); interleaving only adds memory.
  private readonly serial = new ConcurrencyLimit(1);

  constructor(
    private readonly config: OnnxDiffusionConfig,
    private readonly logger: AdapterLogger = silentLogger,
  ) {}

  async load(): Promise<void> {
    await this.ready();
  }

  private ready(): Promise<Loaded> {
    this.loading ??= this.open().catch((err) => {
      this.loading = undefined; // a later call may succeed (folder mounted, files copied)
      throw err;
    });
    return this.loading;
  }

  private async open(): Promise<Loaded> {
    const started = performance.now();
    const { device } = this.config;
    const layout = await readLayout(this.config.modelDir);
    const className =
      typeof layout.schedulerConfig._class_name === "string" ? layout.schedulerConfig._class_name : undefined;
    const scheduler = chooseScheduler(this.config.scheduler, className);
    if (scheduler.substitutedFor)
      this.logger.warn(
        { modelDir: layout.modelDir, scheduler: scheduler.substitutedFor },
        "scheduler not implemented; sampling with euler on its noise schedule",
      );
    const options: ort.InferenceSession.SessionOptions = {
      executionProviders: executionProvidersFor(device),
      graphOptimizationLevel: "all",
      ...(this.config.intraOpNumThreads > 0 ? { intraOpNumThreads: this.config.intraOpNumThreads } : {}),
    };
    const openSession = async (file: string) => {
      try {
        // A path, not bytes: large exports keep weights in external data files beside model.onnx.
        return await ort.InferenceSession.create(file, options);
      } catch (err) {
        if (device !== "cpu") throw cudaUnavailableError(device, err);
        throw new Error(`${file}: onnxruntime could not load it (${(err as Error).message.split("\n")[0]})`, {
          cause: err,
        });
      }
    };
    const pipeline = await DiffusionPipeline.create(layout, scheduler, openSession);
    const fingerprint = await fingerprintExport(layout.modelDir);
    const modelVersion = `${path.basename(layout.modelDir)}@${fingerprint.slice(0, 12)}`;
    this.logger.info(
      {
        modelDir: layout.modelDir,
        device,
        scheduler: scheduler.name,
        sdxl: pipeline.isXl,
        modelVersion,
        ms: Math.round(performance.now() - started),
      },
      "onnx-diffusion model loaded",
    );
    return { pipeline, modelVersion, fingerprint };
  }

  async generate(req: GenerationRequest): Promise<GeneratedImage> {
    const [image] = await this.generateBatch([req]);
    return image;
  }

  async generateBatch(reqs: GenerationRequest[]): Promise<GeneratedImage[]> {
    reqs.forEach(checkRequest);
    const loaded = await this.ready();
    const results = new Array<GeneratedImage>(reqs.length);
    // One UNet run needs one latent size, step count and guidance: group, then cut into chunks.
    const groups = new Map<string, number[]>();
    reqs.forEach((r, i) => {
      const key = `${r.width}x${r.height}/${r.params.steps}/${r.params.guidance}`;
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    for (const indices of groups.values()) {
      for (let start = 0; start < indices.length; start += this.config.maxBatchSize) {
        const chunk = indices.slice(start, start + this.config.maxBatchSize);
        const images = await this.serial.run(() =>
          this.runChunk(
            loaded,
            chunk.map((i) => reqs[i]),
          ),
        );
        chunk.forEach((reqIndex, j) => (results[reqIndex] = images[j]));
      }
    }
    return results;
  }

  private async runChunk(loaded: Loaded, reqs: GenerationRequest[]): Promise<GeneratedImage[]> {
    const started = performance.now();
    const { pipeline } = loaded;
    const first = reqs[0];
    const settings: RunSettings = {
      width: first.width,
      height: first.height,
      steps: first.params.steps,
      guidance: first.params.guidance,
    };
    let decoded;
    try {
      decoded = await pipeline.run(
        reqs.map((r) => ({ prompt: r.prompt, negativePrompt: r.params.negativePrompt, seed: r.seed })),
        settings,
      );
    } catch (err) {
      // Shape and config mismatches will fail again on retry; onnxruntime runtime errors might not.
      throw new GenerationError(`onnx-diffusion: ${(err as Error).message}`, false, { cause: err });
    }
    const { images, width, height } = decoded;
    const pngs = await Promise.all(images.map((img) => planarFloatToPng(img, 0, width, height)));
    const latencyMs = (performance.now() - started) / reqs.length;
    return reqs.map((r, i) => ({
      png: pngs[i],
      width,
      height,
      latencyMs,
      modelVersion: loaded.modelVersion,
      metadata: {
        adapter: this.kind,
        seed: r.seed,
        device: this.config.device,
        scheduler: pipeline.scheduler.name,
        ...(pipeline.scheduler.substitutedFor ? { schedulerSubstitutedFor: pipeline.scheduler.substitutedFor } : {}),
        steps: settings.steps,
        guidance: settings.guidance,
        negativePrompt: r.params.negativePrompt,
        sdxl: pipeline.isXl,
        batchSize: reqs.length,
        exportFingerprint: loaded.fingerprint,
      },
    }));
  }

  async dispose(): Promise<void> {
    const loading = this.loading;
    this.loading = undefined;
    if (!loading) return;
    const loaded = await loading.catch(() => undefined);
    await loaded?.pipeline.release();
  }
}

function checkRequest(req: GenerationRequest): void {
  for (const side of ["width", "height"] as const) {
    const parsed = imageSideSchema.safeParse(req[side]);
    if (!parsed.success)
      throw new GenerationError(
        `onnx-diffusion: ${side} ${req[side]} ${parsed.error.issues[0]?.message ?? "is invalid"} (8–1024, multiple of 8)`,
      );
  }
  if (!Number.isInteger(req.params.steps) || req.params.steps < 1)
    throw new GenerationError(`onnx-diffusion: steps must be a positive integer, got ${req.params.steps}`);
}

import * as ort from "onnxruntime-node";
import type { AdapterLogger, GeneratedImage, GenerationRequest, ModelAdapter } from "../adapter";
import { silentLogger } from "../adapter";
import { GenerationError } from "../errors";
import { imageSideSchema } from "../params";
import { ensureDemoModel, type BuiltDemoModel } from "./build";
import { cudaUnavailableError, executionProvidersFor, spinningOptions } from "../onnx/device";
import { DEMO_IO, latentSize } from "./graph";
import { embedPrompt, EMBEDDING_DIM } from "./prompt-embedding";
import { fillGaussian, fillUniformUnitVariance, seededRandom } from "../onnx/prng";
import { planarFloatToPng } from "../onnx/to-png";
import { DEMO_VARIANT_SPECS, type DemoVariantSpec } from "./variants";

export { onnxDemoConfigSchema, type OnnxDemoConfig } from "./config";
import type { OnnxDemoConfig } from "./config";

export class OnnxDemoAdapter implements ModelAdapter {
  readonly kind = "onnx-demo";
  readonly computesLocally = true;
  private readonly spec: DemoVariantSpec;
  private loading?: Promise<{ session: ort.InferenceSession; model: BuiltDemoModel }>;

  constructor(
    private readonly config: OnnxDemoConfig,
    private readonly logger: AdapterLogger = silentLogger,
  ) {
    this.spec = DEMO_VARIANT_SPECS[config.variant];
  }

  async load(): Promise<void> {
    await this.ready();
  }

  /** Memoised so concurrent first calls build and load the graph once. */
  private ready() {
    this.loading ??= this.open().catch((err) => {
      this.loading = undefined; // let a later call retry (e.g. after the disk filled up)
      throw err;
    });
    return this.loading;
  }

  private async open() {
    const started = performance.now();
    const model = await ensureDemoModel(this.config.variant, this.config.modelsDir);
    const options: ort.InferenceSession.SessionOptions = {
      executionProviders: executionProvidersFor(this.config.device),
      graphOptimizationLevel: "all",
      ...(this.config.intraOpNumThreads > 0 ? { intraOpNumThreads: this.config.intraOpNumThreads } : {}),
      ...spinningOptions(this.config.allowSpinning),
    };
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(model.bytes, options);
    } catch (err) {
      if (this.config.device !== "cpu") throw cudaUnavailableError(this.config.device, err);
      throw err;
    }
    this.logger.info(
      {
        variant: this.config.variant,
        device: this.config.device,
        modelPath: model.modelPath,
        ms: Math.round(performance.now() - started),
      },
      "onnx-demo model loaded",
    );
    return { session, model };
  }

  async generate(req: GenerationRequest): Promise<GeneratedImage> {
    const [image] = await this.generateBatch([req]);
    return image;
  }

  async generateBatch(reqs: GenerationRequest[]): Promise<GeneratedImage[]> {
    reqs.forEach(checkSize);
    const { session, model } = await this.ready();
    const results = new Array<GeneratedImage>(reqs.length);
    // One session.run needs one output size: group by size, then cut into maxBatchSize chunks.
    const groups = new Map<string, number[]>();
    reqs.forEach((r, i) => {
      const key = `${r.width}x${r.height}`;
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    for (const indices of groups.values()) {
      for (let start = 0; start < indices.length; start += this.config.maxBatchSize) {
        const chunk = indices.slice(start, start + this.config.maxBatchSize);
        const images = await this.runChunk(
          session,
          model,
          chunk.map((i) => reqs[i]),
        );
        chunk.forEach((reqIndex, j) => (results[reqIndex] = images[j]));
      }
    }
    return results;
  }

  private async runChunk(
    session: ort.InferenceSession,
    model: BuiltDemoModel,
    reqs: GenerationRequest[],
  ): Promise<GeneratedImage[]> {
    const started = performance.now();
    const { width, height } = reqs[0];
    const n = reqs.length;
    const zDim = latentSize(this.spec);
    const plane = 3 * width * height;
    const text = new Float32Array(n * EMBEDDING_DIM);
    const latent = new Float32Array(n * zDim);
    const pixel = new Float32Array(n * plane); // stays zero when the variant adds no grain
    reqs.forEach((r, i) => {
      text.set(embedPrompt(r.prompt), i * EMBEDDING_DIM);
      // Noise depends on the seed only, as in diffusion models: same seed, same "starting canvas".
      fillGaussian(latent.subarray(i * zDim, (i + 1) * zDim), seededRandom("photogenic/demo/latent", r.seed));
      if (this.spec.pixelNoiseGain !== 0) {
        fillUniformUnitVariance(
          pixel.subarray(i * plane, (i + 1) * plane),
          seededRandom("photogenic/demo/pixel", r.seed),
        );
      }
    });
    const feeds = {
      [DEMO_IO.textEmbedding]: new ort.Tensor("float32", text, [n, EMBEDDING_DIM]),
      [DEMO_IO.latentNoise]: new ort.Tensor("float32", latent, [n, zDim]),
      [DEMO_IO.pixelNoise]: new ort.Tensor("float32", pixel, [n, 3, height, width]),
      [DEMO_IO.outputSize]: new ort.Tensor("int64", BigInt64Array.from([n, 3, height, width].map(BigInt)), [4]),
    };
    const out = await session.run(feeds);
    const data = out[DEMO_IO.image].data as Float32Array;
    // sharp encodes on libuv's thread pool, so a batch's PNGs compress in parallel on multi-core hosts.
    const pngs = await Promise.all(reqs.map((_, i) => planarFloatToPng(data, i * plane, width, height)));
    for (const tensor of Object.values(out)) tensor.dispose();
    const latencyMs = (performance.now() - started) / n;
    const modelVersion = `${model.variant}@b${model.builderVersion}-${model.sha256.slice(0, 12)}`;
    return reqs.map((r, i) => ({
      png: pngs[i],
      width,
      height,
      latencyMs,
      modelVersion,
      metadata: {
        adapter: this.kind,
        variant: model.variant,
        seed: r.seed,
        device: this.config.device,
        batchSize: n,
        modelSha256: model.sha256,
        // The demo graph is single-pass: steps and guidance are accepted but have no effect.
        singlePass: true,
      },
    }));
  }

  async dispose(): Promise<void> {
    const loading = this.loading;
    this.loading = undefined;
    if (!loading) return;
    const { session } = await loading.catch(() => ({ session: undefined }));
    await session?.release();
  }
}

function checkSize(req: GenerationRequest): void {
  for (const side of ["width", "height"] as const) {
    const parsed = imageSideSchema.safeParse(req[side]);
    if (!parsed.success) {
      throw new GenerationError(
        `onnx-demo: ${side} ${req[side]} ${parsed.error.issues[0]?.message ?? "is invalid"} (8–1024, multiple of 8)`,
      );
    }
  }
}

import { access, readFile } from "node:fs/promises";
import path from "node:path";

/** SD 1.x/2.x VAE latent scale; SDXL's VAE uses 0.13025. */
export const SD_VAE_SCALING = 0.18215;
export const SDXL_VAE_SCALING = 0.13025;

/** Where the parts of a diffusers ONNX export live, plus the JSON configs the pipeline needs. */
export interface DiffusionLayout {
  modelDir: string;
  modelIndex: Record<string, unknown>;
  schedulerConfig: Record<string, unknown>;
  /** One encoder (SD 1.x/2.x) or two (SDXL), each with its tokenizer folder. */
  encoders: { model: string; tokenizerDir: string }[];
  unet: string;
  vaeDecoder: string;
  vaeScalingFactor: number;
  /** Pixels per latent cell: 2^(len(block_out_channels) − 1) of the VAE, 8 for every SD VAE. */
  vaeScaleFactor: number;
  /** SDXL: an empty negative prompt means zero embeddings, not the encoded empty string. */
  forceZerosForEmptyPrompt: boolean;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function readJson(file: string, required: boolean): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if (!required && (err as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new Error(`${file}: cannot read (${(err as Error).message})`);
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error("expected a JSON object");
    return value as Record<string, unknown>;
  } catch (err) {
    throw new Error(`${file}: invalid JSON (${(err as Error).message})`);
  }
}

async function requireFile(file: string, what: string): Promise<string> {
  if (!(await exists(file))) throw new Error(`${file} not found: a diffusers ONNX export has ${what}`);
  return file;
}

/**
 * Check a diffusers ONNX folder (optimum-cli / Olive / diffusers' convert script) and read its
 * configs. Missing pieces fail here, at load, naming the file.
 */
export async function readLayout(modelDir: string): Promise<DiffusionLayout> {
  const dir = path.resolve(modelDir);
  if (!(await exists(dir))) throw new Error(`model folder ${dir} does not exist`);
  const modelIndex = await readJson(path.join(dir, "model_index.json"), false);
  const schedulerConfig = await readJson(
    await requireFile(path.join(dir, "scheduler", "scheduler_config.json"), "scheduler/scheduler_config.json"),
    true,
  );
  const encoders = [
    {
      model: await requireFile(path.join(dir, "text_encoder", "model.onnx"), "text_encoder/model.onnx"),
      tokenizerDir: path.dirname(
        await requireFile(path.join(dir, "tokenizer", "vocab.json"), "tokenizer/vocab.json and merges.txt"),
      ),
    },
  ];
  const xl = await exists(path.join(dir, "text_encoder_2", "model.onnx"));
  if (xl) {
    encoders.push({
      model: path.join(dir, "text_encoder_2", "model.onnx"),
      tokenizerDir: path.dirname(
        await requireFile(path.join(dir, "tokenizer_2", "vocab.json"), "tokenizer_2/ beside text_encoder_2/"),
      ),
    });
  }
  const unet = await requireFile(path.join(dir, "unet", "model.onnx"), "unet/model.onnx");
  const vaeDecoder = await requireFile(path.join(dir, "vae_decoder", "model.onnx"), "vae_decoder/model.onnx");
  // optimum writes the VAE's config beside the decoder; some exports keep only vae/config.json.
  const vaeConfig = {
    ...(await readJson(path.join(dir, "vae", "config.json"), false)),
    ...(await readJson(path.join(dir, "vae_decoder", "config.json"), false)),
  };
  const scaling =
    typeof vaeConfig.scaling_factor === "number" ? vaeConfig.scaling_factor : xl ? SDXL_VAE_SCALING : SD_VAE_SCALING;
  const blocks = Array.isArray(vaeConfig.block_out_channels) ? vaeConfig.block_out_channels.length : 4;
  return {
    modelDir: dir,
    modelIndex,
    schedulerConfig,
    encoders,
    unet,
    vaeDecoder,
    vaeScalingFactor: scaling,
    vaeScaleFactor: 2 ** (blocks - 1),
    forceZerosForEmptyPrompt: xl && modelIndex.force_zeros_for_empty_prompt !== false,
  };
}

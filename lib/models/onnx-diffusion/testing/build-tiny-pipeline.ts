import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { INT32, INT64 } from "./graph-kit";
import { textEncoderGraph, unetGraph, vaeDecoderGraph } from "./tiny-graphs";
import { buildTinyVocab } from "./tiny-vocab";

export interface TinyPipelineOptions {
  /** SDXL layout: two tokenizers and encoders, pooled text_embeds and time_ids into the UNet. */
  xl?: boolean;
  /** fp16 inputs, outputs and weights (see GraphKit). */
  fp16?: boolean;
  /** scheduler_config.json (defaults: SD's EulerDiscreteScheduler, trailing spacing, as SD-Turbo). */
  scheduler?: Record<string, unknown>;
  /** vae_decoder/config.json's scaling_factor; omitted → the adapter's SD/SDXL default. */
  vaeScalingFactor?: number;
}

export const TINY_SCHEDULER = {
  _class_name: "EulerDiscreteScheduler",
  _diffusers_version: "0.30.0",
  beta_start: 0.00085,
  beta_end: 0.012,
  beta_schedule: "scaled_linear",
  num_train_timesteps: 1000,
  prediction_type: "epsilon",
  steps_offset: 1,
  timestep_spacing: "trailing",
  interpolation_type: "linear",
};

const SD_DIM = 16;
const XL_DIMS = [8, 12] as const;
const XL_POOLED = 6;

/**
 * Write a tiny but real diffusers ONNX folder (random weights, IR 8, opset 17): model_index.json,
 * scheduler/, tokenizer/ (tiny CLIP vocab), text_encoder/, unet/, vae_decoder/ and, for SDXL,
 * tokenizer_2/ and text_encoder_2/. Names, dtypes and shapes follow optimum's exports; sizes are
 * tiny (4 latent channels, 8 hidden channels), so 64×64 images take milliseconds per step.
 */
export async function buildTinyPipeline(dir: string, options: TinyPipelineOptions = {}): Promise<string> {
  const fp16 = options.fp16 ?? false;
  const xl = options.xl ?? false;
  const vocab = buildTinyVocab();
  const write = async (rel: string, data: string | Uint8Array) => {
    const file = path.join(dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data);
  };
  const tokenizerFiles = async (folder: string, pad: string) => {
    await write(`${folder}/vocab.json`, vocab.vocabJson);
    await write(`${folder}/merges.txt`, vocab.mergesTxt);
    await write(
      `${folder}/tokenizer_config.json`,
      JSON.stringify(
        {
          model_max_length: 77,
          bos_token: "<|startoftext|>",
          eos_token: "<|endoftext|>",
          unk_token: "<|endoftext|>",
          pad_token: pad,
        },
        null,
        2,
      ),
    );
    await write(
      `${folder}/special_tokens_map.json`,
      JSON.stringify(
        { bos_token: "<|startoftext|>", eos_token: "<|endoftext|>", unk_token: "<|endoftext|>", pad_token: pad },
        null,
        2,
      ),
    );
  };
  const vocabSize = vocab.vocab.size;

  await write("scheduler/scheduler_config.json", JSON.stringify(options.scheduler ?? TINY_SCHEDULER, null, 2));
  await tokenizerFiles("tokenizer", "<|endoftext|>");
  const hiddenDim = xl ? XL_DIMS[0] + XL_DIMS[1] : SD_DIM;
  await write(
    "text_encoder/model.onnx",
    textEncoderGraph({
      name: "text_encoder",
      vocabSize,
      dim: xl ? XL_DIMS[0] : SD_DIM,
      fp16,
      idsType: INT32,
      hiddenStates: xl,
    }),
  );
  if (xl) {
    await tokenizerFiles("tokenizer_2", "!");
    await write(
      "text_encoder_2/model.onnx",
      textEncoderGraph({
        name: "text_encoder_2",
        vocabSize,
        dim: XL_DIMS[1],
        fp16,
        idsType: INT64,
        hiddenStates: true,
        projectionDim: XL_POOLED,
      }),
    );
  }
  await write(
    "unet/model.onnx",
    unetGraph({
      fp16,
      channels: 8,
      hiddenDim,
      pooledDim: xl ? XL_POOLED : undefined,
      timestepType: fp16 ? "float" : "int64",
    }),
  );
  await write("vae_decoder/model.onnx", vaeDecoderGraph(fp16));
  const vaeConfig: Record<string, unknown> = {
    _class_name: "AutoencoderKL",
    block_out_channels: [8, 8, 8, 8],
    latent_channels: 4,
  };
  if (options.vaeScalingFactor !== undefined) vaeConfig.scaling_factor = options.vaeScalingFactor;
  await write("vae_decoder/config.json", JSON.stringify(vaeConfig, null, 2));
  const component = (lib: string, cls: string) => [lib, cls];
  await write(
    "model_index.json",
    JSON.stringify(
      {
        _class_name: xl ? "ORTStableDiffusionXLPipeline" : "ORTStableDiffusionPipeline",
        _diffusers_version: "0.30.0",
        scheduler: component("diffusers", String((options.scheduler ?? TINY_SCHEDULER)._class_name)),
        text_encoder: component("transformers", "CLIPTextModel"),
        tokenizer: component("transformers", "CLIPTokenizer"),
        unet: component("diffusers", "UNet2DConditionModel"),
        vae_decoder: component("diffusers", "AutoencoderKL"),
        ...(xl
          ? {
              text_encoder_2: component("transformers", "CLIPTextModelWithProjection"),
              tokenizer_2: component("transformers", "CLIPTokenizer"),
              force_zeros_for_empty_prompt: true,
            }
          : {}),
      },
      null,
      2,
    ),
  );
  return dir;
}

// `npx tsx lib/models/onnx-diffusion/testing/build-tiny-pipeline.ts DIR [--xl] [--fp16]` builds one by hand.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [dir, ...flags] = process.argv.slice(2);
  if (!dir) {
    console.error("usage: build-tiny-pipeline.ts DIR [--xl] [--fp16]");
    process.exit(2);
  }
  await buildTinyPipeline(path.resolve(dir), { xl: flags.includes("--xl"), fp16: flags.includes("--fp16") });
  console.log(`tiny diffusers ONNX pipeline written to ${path.resolve(dir)}`);
}

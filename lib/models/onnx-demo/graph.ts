import { encodeModel, floatInitializer, int64Initializer, node, tensorInput } from "../onnx/onnx-builder";
import { EMBEDDING_DIM } from "./prompt-embedding";
import type { DemoVariantSpec } from "./variants";
import { makeDemoWeights } from "./weights";

/** Graph input / output names, shared by the builder and the adapter that feeds the session. */
export const DEMO_IO = {
  textEmbedding: "text_embedding", // float [batch, EMBEDDING_DIM]
  latentNoise: "latent_noise", // float [batch, channels * grid * grid], N(0, 1) from the seed
  pixelNoise: "pixel_noise", // float [batch, 3, height, width], N(0, 1) from the seed
  outputSize: "output_size", // int64 [4] = [batch, 3, height, width]
  image: "image", // float [batch, 3, height, width] in [0, 1]
} as const;

export function latentSize(spec: DemoVariantSpec): number {
  return spec.channels * spec.grid * spec.grid;
}

/**
 * text_embedding ─MatMul─┐
 * latent_noise ──Mul─────Add─Reshape[C,G,G]─Add(prior)─Conv3x3─act─Resize×k(linear)─Conv3x3─act
 *   ─(softmax)─Conv1x1→RGB─Add(vignette)─Resize→output_size─Add(pixel_noise·gain)─Sigmoid→image
 */
export function buildDemoGraph(spec: DemoVariantSpec): Uint8Array {
  const w = makeDemoWeights(spec);
  const { channels: c, grid: g, upsample: k } = spec;
  const IO = DEMO_IO;

  const initializer = [
    floatInitializer("W_text", w.textProjection.dims, w.textProjection.data),
    floatInitializer("latent_gain", [], new Float32Array([spec.latentNoiseGain])),
    int64Initializer("grid_shape", [-1, c, g, g]),
    floatInitializer("grid_prior", w.gridPrior.dims, w.gridPrior.data),
    floatInitializer("conv1_w", w.conv1.dims, w.conv1.w),
    floatInitializer("conv1_b", [c], w.conv1.b),
    floatInitializer("up_scales", [4], new Float32Array([1, 1, k, k])),
    floatInitializer("conv2_w", w.conv2.dims, w.conv2.w),
    floatInitializer("conv2_b", [c], w.conv2.b),
    floatInitializer("palette_w", w.palette.dims, w.palette.w),
    floatInitializer("palette_b", [3], w.palette.b),
    floatInitializer("color_prior", w.colorPrior.dims, w.colorPrior.data),
    floatInitializer("pixel_gain", [], new Float32Array([spec.pixelNoiseGain])),
  ];

  const nodes = [
    node("MatMul", [IO.textEmbedding, "W_text"], ["text_latent"]),
    node("Mul", [IO.latentNoise, "latent_gain"], ["seed_latent"]),
    node("Add", ["text_latent", "seed_latent"], ["latent"]),
    node("Reshape", ["latent", "grid_shape"], ["grid"]),
    node("Add", ["grid", "grid_prior"], ["grid_with_prior"]),
    node("Conv", ["grid_with_prior", "conv1_w", "conv1_b"], ["conv1"], { pads: [1, 1, 1, 1], kernel_shape: [3, 3] }),
    node(spec.activation, ["conv1"], ["act1"]),
    // Empty names skip Resize's optional inputs (roi; scales when sizes are given).
    node("Resize", ["act1", "", "up_scales"], ["up1"], { mode: "linear" }),
    node("Conv", ["up1", "conv2_w", "conv2_b"], ["conv2"], { pads: [1, 1, 1, 1], kernel_shape: [3, 3] }),
    node(spec.activation, ["conv2"], ["act2"]),
  ];
  let features = "act2";
  if (spec.paletteBlend === "softmax") {
    initializer.push(floatInitializer("palette_sharpness", [], new Float32Array([spec.paletteSharpness])));
    nodes.push(node("Mul", ["act2", "palette_sharpness"], ["palette_logits"]));
    nodes.push(node("Softmax", ["palette_logits"], ["palette_mix"], { axis: 1 }));
    features = "palette_mix";
  }
  nodes.push(
    node("Conv", [features, "palette_w", "palette_b"], ["rgb_low"], { kernel_shape: [1, 1] }),
    node("Add", ["rgb_low", "color_prior"], ["rgb_low_vignette"]),
    node("Resize", ["rgb_low_vignette", "", "", IO.outputSize], ["rgb"], { mode: spec.finalResize }),
    node("Mul", [IO.pixelNoise, "pixel_gain"], ["grain"]),
    node("Add", ["rgb", "grain"], ["rgb_grain"]),
    node("Sigmoid", ["rgb_grain"], [IO.image]),
  );

  return encodeModel(
    {
      name: spec.variant,
      node: nodes,
      initializer,
      input: [
        tensorInput(IO.textEmbedding, ["batch", EMBEDDING_DIM]),
        tensorInput(IO.latentNoise, ["batch", latentSize(spec)]),
        tensorInput(IO.pixelNoise, ["batch", 3, "height", "width"]),
        tensorInput(IO.outputSize, [4], 7 /* INT64 */),
      ],
      output: [tensorInput(IO.image, ["batch", 3, "height", "width"])],
    },
    `Photogenic built-in demo text-to-image model (${spec.variant}); weights from seeded PRNG "${spec.weightSeed}".`,
  );
}

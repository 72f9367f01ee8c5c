/**
 * The demo variants differ only in weights and a few graph choices. demo-smooth is built to be
 * pleasant (low-frequency structure, blur kernels, a curated palette blended convexly, linear
 * upsampling, a soft vignette); demo-noisy is built to lose (a finer random grid, random kernels, random
 * saturated colours, nearest-neighbour blocks and per-pixel grain). Demo campaigns therefore have
 * a real winner on visual appeal.
 */
export const DEMO_VARIANTS = ["demo-smooth", "demo-noisy"] as const;
export type DemoVariant = (typeof DEMO_VARIANTS)[number];

/** Bump when the graph or weight recipe changes, so cached `.data/models` builds are redone. */
export const DEMO_BUILDER_VERSION = 3;

export interface DemoVariantSpec {
  variant: DemoVariant;
  /** Label for the weight PRNG: different labels, different weights. */
  weightSeed: string;
  channels: number;
  /** Side of the low-resolution grid the prompt vector is reshaped to. */
  grid: number;
  /** Upsampling factor of the first (internal) Resize. */
  upsample: number;
  textGain: number;
  latentNoiseGain: number;
  activation: "Tanh" | "Relu" | "Sigmoid";
  /** 0 = purely random 3x3 kernels, 1 = pure Gaussian blur. */
  blur: number;
  /** "softmax": each pixel is a convex mix of palette colours; "linear": unconstrained random mix. */
  paletteBlend: "softmax" | "linear";
  /** sRGB palette colours (0–255) used when paletteBlend is "softmax"; length === channels. */
  palette?: [number, number, number][];
  paletteSharpness: number;
  finalResize: "linear" | "nearest";
  pixelNoiseGain: number;
  vignette: number;
}

export const DEMO_VARIANT_SPECS: Record<DemoVariant, DemoVariantSpec> = {
  "demo-smooth": {
    variant: "demo-smooth",
    weightSeed: "photogenic/demo-smooth/v1",
    channels: 8,
    grid: 4,
    upsample: 4,
    textGain: 3,
    latentNoiseGain: 0.9,
    activation: "Tanh",
    blur: 0.85,
    paletteBlend: "softmax",
    // A well-tried harmonious palette: deep teal, teal, saffron, sand, terracotta, sage, cream, plum.
    palette: [
      [38, 70, 83],
      [42, 157, 143],
      [233, 196, 106],
      [244, 162, 97],
      [231, 111, 81],
      [138, 177, 125],
      [246, 232, 195],
      [109, 89, 122],
    ],
    paletteSharpness: 4,
    finalResize: "linear",
    pixelNoiseGain: 0,
    vignette: 0.6,
  },
  "demo-noisy": {
    variant: "demo-noisy",
    weightSeed: "photogenic/demo-noisy/v1",
    channels: 8,
    grid: 8,
    upsample: 4,
    textGain: 2.2,
    latentNoiseGain: 1.4,
    activation: "Tanh",
    blur: 0,
    paletteBlend: "linear",
    paletteSharpness: 1.6,
    finalResize: "nearest",
    pixelNoiseGain: 0.9,
    vignette: 0,
  },
};

export function isDemoVariant(name: string): name is DemoVariant {
  return (DEMO_VARIANTS as readonly string[]).includes(name);
}

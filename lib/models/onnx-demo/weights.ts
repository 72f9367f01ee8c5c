import { EMBEDDING_DIM } from "./prompt-embedding";
import { fillGaussian, seededRandom } from "../onnx/prng";
import type { DemoVariantSpec } from "./variants";

/** All initializer tensors of a demo graph, as flat row-major arrays with their ONNX dims. */
export interface DemoWeights {
  textProjection: { data: Float32Array; dims: number[] }; // [E, C*G*G]
  gridPrior: { data: Float32Array; dims: number[] }; // [1, C, G, G]
  conv1: { w: Float32Array; b: Float32Array; dims: number[] }; // [C, C, 3, 3]
  conv2: { w: Float32Array; b: Float32Array; dims: number[] }; // [C, C, 3, 3]
  palette: { w: Float32Array; b: Float32Array; dims: number[] }; // [3, C, 1, 1]
  colorPrior: { data: Float32Array; dims: number[] }; // [1, 3, S, S], S = grid * upsample
}

const GAUSS3 = [1, 2, 1, 2, 4, 2, 1, 2, 1].map((v) => v / 16);

function logit(p: number): number {
  const q = Math.min(0.98, Math.max(0.02, p));
  return Math.log(q / (1 - q));
}

/** 3x3 conv weights: identity channel mixing with a blur kernel, blended with random kernels. */
function convWeights(c: number, blur: number, rand: () => number): Float32Array {
  const random = fillGaussian(new Float32Array(c * c * 9), rand, (1 / Math.sqrt(c * 9)) * 1.6);
  const w = new Float32Array(c * c * 9);
  for (let o = 0; o < c; o++) {
    for (let i = 0; i < c; i++) {
      for (let k = 0; k < 9; k++) {
        const idx = (o * c + i) * 9 + k;
        const smooth = o === i ? GAUSS3[k] * 1.6 : 0;
        w[idx] = blur * smooth + (1 - blur) * random[idx];
      }
    }
  }
  return w;
}

/** Weights are a pure function of the spec: same spec, same bytes, on any machine. */
export function makeDemoWeights(spec: DemoVariantSpec): DemoWeights {
  const rand = seededRandom(spec.weightSeed);
  const { channels: c, grid: g } = spec;
  const s = g * spec.upsample;

  const textProjection = fillGaussian(new Float32Array(EMBEDDING_DIM * c * g * g), rand, spec.textGain);

  // Smooth vertical / horizontal gradients give compositions a horizon; the noisy model gets noise.
  const gridPrior = new Float32Array(c * g * g);
  for (let ch = 0; ch < c; ch++) {
    for (let y = 0; y < g; y++) {
      for (let x = 0; x < g; x++) {
        const ty = y / (g - 1) - 0.5;
        const tx = x / (g - 1) - 0.5;
        const structured = ch % 2 === 0 ? (ch % 4 === 0 ? ty : -ty) : ch % 4 === 1 ? tx : -tx;
        gridPrior[(ch * g + y) * g + x] = spec.blur > 0 ? structured * 1.5 : (rand() - 0.5) * 2;
      }
    }
  }

  const conv1 = {
    w: convWeights(c, spec.blur, rand),
    b: fillGaussian(new Float32Array(c), rand, 0.1),
    dims: [c, c, 3, 3],
  };
  const conv2 = {
    w: convWeights(c, spec.blur, rand),
    b: fillGaussian(new Float32Array(c), rand, 0.1),
    dims: [c, c, 3, 3],
  };

  const paletteW = new Float32Array(3 * c);
  const paletteB = new Float32Array(3);
  if (spec.paletteBlend === "softmax") {
    if (!spec.palette || spec.palette.length !== c) throw new Error(`${spec.variant}: palette must have ${c} colours`);
    // After softmax the channel weights sum to 1, so output logit = Σ w_k * logit(colour_k).
    for (let k = 0; k < c; k++) {
      for (let rgb = 0; rgb < 3; rgb++) paletteW[rgb * c + k] = logit(spec.palette[k][rgb] / 255);
    }
  } else {
    fillGaussian(paletteW, rand, spec.paletteSharpness);
    fillGaussian(paletteB, rand, 0.5);
  }

  // Vignette in logit space: darker towards the corners.
  const colorPrior = new Float32Array(3 * s * s);
  for (let rgb = 0; rgb < 3; rgb++) {
    for (let y = 0; y < s; y++) {
      for (let x = 0; x < s; x++) {
        const dy = (y + 0.5) / s - 0.5;
        const dx = (x + 0.5) / s - 0.5;
        colorPrior[(rgb * s + y) * s + x] = -spec.vignette * 4 * (dx * dx + dy * dy);
      }
    }
  }

  return {
    textProjection: { data: textProjection, dims: [EMBEDDING_DIM, c * g * g] },
    gridPrior: { data: gridPrior, dims: [1, c, g, g] },
    conv1,
    conv2,
    palette: { w: paletteW, b: paletteB, dims: [3, c, 1, 1] },
    colorPrior: { data: colorPrior, dims: [1, 3, s, s] },
  };
}

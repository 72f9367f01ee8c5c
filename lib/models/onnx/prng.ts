/**
 * Small seeded PRNGs. Weights (build script) and noise (every generation) must be identical on
 * every machine and Node version, so we avoid Math.random and anything platform-dependent.
 */

/** FNV-1a over UTF-16 code units: a stable 32-bit hash for strings. */
export function fnv1a32(text: string, salt = 0): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Finaliser from MurmurHash3: spreads nearby integers (seed 1, seed 2, …) far apart. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** sfc32: 128-bit state, fast, passes PractRand for our purposes; returns floats in [0, 1). */
export function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A generator keyed by a string label plus any safe integer (seeds may exceed 2^32). */
export function seededRandom(label: string, seed = 0): () => number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  const base = fnv1a32(label);
  const rand = sfc32(
    fmix32(base ^ lo),
    fmix32(base + hi + 0x9e3779b9),
    fmix32(lo ^ 0x7f4a7c15),
    fmix32(hi ^ base ^ 0x2545f491),
  );
  for (let i = 0; i < 12; i++) rand(); // discard the first outputs: sfc32 warms up from similar states
  return rand;
}

/** Fill `out` with standard-normal samples (Box–Muller), `scale` times. */
export function fillGaussian(out: Float32Array, rand: () => number, scale = 1): Float32Array {
  for (let i = 0; i < out.length; i += 2) {
    const u = 1 - rand(); // (0, 1]: log(0) would be -Infinity
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u)) * scale;
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

/**
 * Fill `out` with zero-mean, unit-variance uniform samples. Used for per-pixel grain, where the
 * distribution's shape is invisible and Box–Muller's log/sqrt/cos would dominate generation time.
 */
export function fillUniformUnitVariance(out: Float32Array, rand: () => number, scale = 1): Float32Array {
  const k = 2 * Math.sqrt(3) * scale; // U(-√3, √3) has variance 1
  for (let i = 0; i < out.length; i++) out[i] = (rand() - 0.5) * k;
  return out;
}

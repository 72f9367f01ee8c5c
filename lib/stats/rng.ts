/**
 * Seeded pseudo-random numbers for every bootstrap and simulation in lib/stats.
 *
 * Definition: xoshiro128** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number
 * generators", https://prng.di.unimi.it/xoshiro128starstar.c), 128-bit state, period 2^128 − 1.
 * The state is filled from the 32-bit seed with splitmix32 so that nearby seeds give
 * unrelated streams (the same seeding idea the xoshiro authors recommend with splitmix64).
 * Complexity: O(1) per draw, no allocation.
 *
 * Why not Math.random: results must be reproducible — same input + same seed → identical output.
 */
export interface Rng {
  /** Uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform double in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Uniform integer in [0, n), n ≤ 2^32, unbiased (Lemire-style rejection of the short tail). */
  int(n: number): number;
  /**
   * n = counts.length draws of int(n), counted: counts[v] = how often v was drawn (Σ = n), the
   * same draws in the same order as n calls of int(n) — a resample with replacement as
   * multiplicities (lib/stats/matchup-bootstrap.ts drawClusterMultiplicity). The state stays in
   * locals for the loop, several times faster than n calls of int. O(n).
   */
  tally(counts: Int32Array): void;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates an xoshiro128** generator from an integer seed (any JS number; reduced mod 2^32). */
export function createRng(seed: number): Rng {
  const init = splitmix32(Math.trunc(seed));
  return xoshiro128StarStar([init(), init(), init(), init()]);
}

/** The generator from an explicit 128-bit state (four uint32 words); exposed for reference-vector tests. */
export function xoshiro128StarStar(state: readonly [number, number, number, number]): Rng {
  let [a, b, c, d] = state.map((x) => x >>> 0);
  if ((a | b | c | d) === 0) a = 1; // the all-zero state is the one fixed point

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const next = (): number => nextUint32() / 4294967296;
  const int = (n: number): number => {
    if (!(n >= 1 && n <= 4294967296)) throw new RangeError(`rng.int: n must be in [1, 2^32], got ${n}`);
    // Reject draws from the incomplete last block so every residue is equally likely.
    const limit = 4294967296 - (4294967296 % n);
    let x = nextUint32();
    while (x >= limit) x = nextUint32();
    return x % n;
  };
  const tally = (counts: Int32Array): void => {
    const n = counts.length;
    counts.fill(0);
    if (n === 0) return;
    if (n > 4294967296) throw new RangeError(`rng.tally: at most 2^32 counts, got ${n}`);
    const limit = 4294967296 - (4294967296 % n);
    // x % n for x < 2^32 in 32-bit integer arithmetic when n < 2^15: ((x_hi % n)·2^16 + x_lo) % n,
    // every intermediate below 2^31; a double's remainder otherwise (the same value, slower).
    const small = n < 32768;
    let [w, x, y, z] = [a, b, c, d];
    for (let i = 0; i < n; i++) {
      let draw: number;
      do {
        const five = Math.imul(x, 5);
        draw = Math.imul((five << 7) | (five >>> 25), 9) >>> 0;
        const t = x << 9;
        y ^= w;
        z ^= x;
        x ^= y;
        w ^= z;
        y ^= t;
        z = (z << 11) | (z >>> 21);
      } while (draw >= limit);
      counts[small ? ((((draw >>> 16) % n) << 16) + (draw & 0xffff)) % n : draw % n]++;
    }
    // Back to the closure's state, as uint32 words (the loop kept them as int32 bit patterns).
    [a, b, c, d] = [w >>> 0, x >>> 0, y >>> 0, z >>> 0];
  };
  return { nextUint32, next, int, tally };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * Standard normal draw by Box–Muller (Box & Muller 1958, Ann. Math. Stat. 29:610): √(−2 ln u)·cos 2πv
 * with u ∈ (0, 1], v ∈ [0, 1). Uses two uniforms, keeps no state. O(1).
 */
export function normalDraw(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

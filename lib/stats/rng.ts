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
   * multiplicities (lib/stats/matchup-bootstrap.ts drawClusterMultiplicity), in 32-bit integer
   * arithmetic where it can: several times faster than n calls of int. O(n).
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
  // The four words as int32 bit patterns (what the shifts and xors work on).
  const s = Int32Array.from(state, (x) => x | 0);
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1; // the all-zero state is the one fixed point

  const nextUint32 = (): number => advance(s);
  const next = (): number => advance(s) / 4294967296;
  const int = (n: number): number => {
    if (!(n >= 1 && n <= 4294967296)) throw new RangeError(`rng.int: n must be in [1, 2^32], got ${n}`);
    // Reject draws from the incomplete last block so every residue is equally likely.
    const limit = 4294967296 - (4294967296 % n);
    let x = advance(s);
    while (x >= limit) x = advance(s);
    return x % n;
  };
  const tally = (counts: Int32Array): void => {
    const n = counts.length;
    counts.fill(0);
    if (n === 0) return;
    const limit = 4294967296 - (4294967296 % n);
    // x % n for x < 2^32 in 32-bit integer arithmetic when n < 2^15: ((x_hi % n)·2^16 + x_lo) % n,
    // every intermediate below 2^31; a double's remainder otherwise (the same value, slower).
    const small = n < 32768;
    for (let i = 0; i < n; i++) {
      let x = advance(s);
      while (x >= limit) x = advance(s);
      counts[small ? ((((x >>> 16) % n) << 16) + (x & 0xffff)) % n : x % n]++;
    }
  };
  return { nextUint32, next, int, tally };
}

/**
 * One step of xoshiro128** on the state `s` (four words, int32 bit patterns), in place: the
 * output, a uint32. A typed array, not closure variables, so that a loop calling it keeps the
 * state where the optimiser reads it cheaply (Rng.tally: about 7 ns a draw).
 */
function advance(s: Int32Array): number {
  const b = s[1];
  const five = Math.imul(b, 5);
  const result = Math.imul((five << 7) | (five >>> 25), 9) >>> 0;
  const t = b << 9;
  s[2] ^= s[0];
  s[3] ^= b;
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = (s[3] << 11) | (s[3] >>> 21);
  return result;
}

/**
 * Standard normal draw by Box–Muller (Box & Muller 1958, Ann. Math. Stat. 29:610): √(−2 ln u)·cos 2πv
 * with u ∈ (0, 1], v ∈ [0, 1). Uses two uniforms, keeps no state. O(1).
 */
export function normalDraw(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

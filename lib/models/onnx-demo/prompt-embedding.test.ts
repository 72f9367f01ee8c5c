import { describe, expect, it } from "vitest";
import { embedPrompt, EMBEDDING_DIM } from "./prompt-embedding";
import { fillGaussian, seededRandom } from "../onnx/prng";

describe("embedPrompt", () => {
  it("is deterministic, unit-length and ignores case and spacing", () => {
    const a = embedPrompt("A red  fox");
    expect(a).toHaveLength(EMBEDDING_DIM);
    expect(Math.hypot(...a)).toBeCloseTo(1, 5);
    expect(embedPrompt("a red fox ")).toEqual(a);
  });

  it("separates different prompts and keeps similar ones closer", () => {
    const dot = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * y[i], 0);
    const fox = embedPrompt("a red fox in the snow");
    expect(dot(fox, embedPrompt("a bowl of ramen"))).toBeLessThan(0.5);
    expect(dot(fox, embedPrompt("a red fox in the snow at dawn"))).toBeGreaterThan(
      dot(fox, embedPrompt("a bowl of ramen")),
    );
  });

  it("gives the zero vector for an empty prompt", () => {
    expect(embedPrompt("   ").every((v) => v === 0)).toBe(true);
  });
});

describe("seeded noise", () => {
  it("repeats for a seed, differs between seeds, handles seeds beyond 2^32, and is roughly N(0,1)", () => {
    const draw = (seed: number) => fillGaussian(new Float32Array(4096), seededRandom("t", seed));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(2 ** 40)).not.toEqual(draw(0));
    const x = draw(1);
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
    expect(Math.abs(mean)).toBeLessThan(0.06);
    expect(variance).toBeGreaterThan(0.9);
    expect(variance).toBeLessThan(1.1);
  });
});

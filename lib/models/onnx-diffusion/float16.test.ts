import { describe, expect, it } from "vitest";
import { float16BitsToFloat32, float32ToFloat16Bits, fromFloat16Array, toFloat16Array } from "./float16";

// Bit patterns from the IEEE 754 binary16 definition: sign 1 bit, exponent 5 (bias 15), mantissa 10.
describe("float16", () => {
  it("encodes known values exactly", () => {
    const cases: [number, number][] = [
      [0, 0x0000],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2, 0xc000],
      [0.5, 0x3800],
      [65504, 0x7bff], // largest finite
      [2 ** -14, 0x0400], // smallest normal
      [2 ** -24, 0x0001], // smallest subnormal
      [Infinity, 0x7c00],
      [1e6, 0x7c00], // overflow
      [1 + 2 ** -10, 0x3c01],
      [1 + 2 ** -11, 0x3c00], // tie → even (mantissa 0)
      [1 + 3 * 2 ** -11, 0x3c02], // tie → even (mantissa 2)
      [65520, 0x7c00], // rounds up past the largest finite
      [2 ** -25, 0x0000], // half the smallest subnormal: tie → even (0)
      [3 * 2 ** -25, 0x0002], // 1.5 subnormal units: tie → even (2)
    ];
    for (const [value, bits] of cases) expect(float32ToFloat16Bits(value), `${value}`).toBe(bits);
    expect(float32ToFloat16Bits(NaN) & 0x7c00).toBe(0x7c00);
  });

  it("decodes, and round-trips every finite half value", () => {
    expect(float16BitsToFloat32(0x3555)).toBeCloseTo(0.333251953125, 12);
    expect(float16BitsToFloat32(0xfc00)).toBe(-Infinity);
    expect(Number.isNaN(float16BitsToFloat32(0x7e00))).toBe(true);
    const mismatches: number[] = [];
    for (let bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) !== 0x7c00 && float32ToFloat16Bits(float16BitsToFloat32(bits)) !== bits)
        mismatches.push(bits);
    }
    expect(mismatches).toEqual([]);
    expect(Array.from(fromFloat16Array(toFloat16Array([0.1, -3.5])))).toEqual([0.0999755859375, -3.5]);
  });
});

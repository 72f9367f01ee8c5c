import sharp from "sharp";

export const DEGRADATIONS = ["blur", "noise", "jpeg"] as const;
export type Degradation = (typeof DEGRADATIONS)[number];

/**
 * A visibly broken copy of an image, same size and format, so the pair looks like any other:
 * heavy Gaussian blur, strong per-pixel noise, or JPEG blocking (encoded at a sixth of the size
 * with quality 5, scaled back with nearest-neighbour so the 8×8 blocks show).
 */
export async function degradeImage(png: Buffer, kind: Degradation): Promise<Buffer> {
  const image = sharp(png).removeAlpha();
  const { width = 256, height = 256 } = await image.metadata();
  if (kind === "blur")
    return image
      .blur(Math.max(4, Math.round(Math.min(width, height) / 40)))
      .png()
      .toBuffer();
  if (kind === "jpeg") {
    const small = await image
      .resize(Math.max(8, Math.round(width / 6)), Math.max(8, Math.round(height / 6)))
      .jpeg({ quality: 5 })
      .toBuffer();
    return sharp(small).resize(width, height, { kernel: "nearest" }).png().toBuffer();
  }
  const raw = await image.raw().toBuffer();
  let state = 0x9e3779b9;
  for (let i = 0; i < raw.length; i++) {
    // xorshift: fast, deterministic noise of ±70 levels.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    raw[i] = Math.max(0, Math.min(255, raw[i] + (((state >>> 0) % 141) - 70)));
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

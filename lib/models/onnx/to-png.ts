import sharp from "sharp";

/**
 * Convert one image of a planar float tensor [3, H, W] in [0, 1] (the ONNX layout) to an
 * interleaved 8-bit RGB PNG. `offset` selects the image inside a batch.
 */
export async function planarFloatToPng(
  data: Float32Array,
  offset: number,
  width: number,
  height: number,
): Promise<Buffer> {
  const plane = width * height;
  const rgb = Buffer.allocUnsafe(plane * 3);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) {
      const v = data[offset + c * plane + p];
      // Clamp guards against NaN and the rare 1.0000001 from the Sigmoid kernel.
      rgb[p * 3 + c] = v > 0 ? (v < 1 ? Math.round(v * 255) : 255) : 0;
    }
  }
  // compressionLevel 6 is sharp's default trade-off; PNG stays lossless either way.
  return sharp(rgb, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 6 })
    .toBuffer();
}

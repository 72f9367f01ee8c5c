import { readFile, stat } from "node:fs/promises";
import sharp from "sharp";
import { sniffRasterFormat, type RasterFormat } from "../image-bytes";

/** 64 MP: above any real text-to-image output, below what would exhaust a worker's memory. */
export const DEFAULT_MAX_IMPORT_PIXELS = 8192 * 8192;
const MAX_FILE_BYTES = 256 * 1024 * 1024;

export type ImageCheck =
  { ok: true; width: number; height: number; format: RasterFormat; bytes: Buffer } | { ok: false; reason: string };

/**
 * Decide whether a file is an image we can show annotators: a non-empty PNG/JPEG/WebP (by content,
 * not extension), within the pixel limit (checked from the header before decoding, so a
 * decompression bomb is refused without inflating it), and decoding completely (truncated files fail).
 */
export async function checkImageFile(file: string, maxPixels = DEFAULT_MAX_IMPORT_PIXELS): Promise<ImageCheck> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      ok: false,
      reason: code === "ENOENT" ? "file not found" : `cannot read file (${code ?? (err as Error).message})`,
    };
  }
  if (size === 0) return { ok: false, reason: "empty file (0 bytes)" };
  if (size > MAX_FILE_BYTES)
    return { ok: false, reason: `file is ${size} bytes, over the ${MAX_FILE_BYTES}-byte limit` };
  const bytes = await readFile(file);
  return checkImageBytes(bytes, maxPixels);
}

export async function checkImageBytes(bytes: Buffer, maxPixels = DEFAULT_MAX_IMPORT_PIXELS): Promise<ImageCheck> {
  const format = sniffRasterFormat(bytes);
  if (!format) {
    const head = bytes
      .subarray(0, 256)
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trimStart();
    if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg/i.test(head) || /^<\?xml/i.test(head)) {
      return {
        ok: false,
        reason: "SVG/XML is not accepted: vector images render differently per browser; export a PNG",
      };
    }
    return { ok: false, reason: "not a PNG, JPEG or WebP image (unrecognised content)" };
  }
  try {
    const meta = await sharp(bytes).metadata();
    const pixels = (meta.width ?? 0) * (meta.height ?? 0);
    if (pixels > maxPixels) {
      return {
        ok: false,
        reason: `image is ${meta.width}x${meta.height} (${pixels} pixels), over the ${maxPixels}-pixel limit (decompression-bomb guard)`,
      };
    }
    // limitInputPixels is enforced by libvips too, in case the header lied. Decoding every pixel to
    // a buffer, not stats(): with other decodes running, stats() let about one truncated PNG in 70
    // through (check-image.test.ts), a raw decode none in thousands.
    await sharp(bytes, { limitInputPixels: maxPixels, failOn: "truncated" }).raw().toBuffer();
    return { ok: true, width: meta.width, height: meta.height, format, bytes };
  } catch (err) {
    return { ok: false, reason: `${format.toUpperCase()} does not decode: ${(err as Error).message.split("\n")[0]}` };
  }
}

import sharp from "sharp";
import { imageStore } from "./storage";

/** Display canvases are capped to what the voting page shows side by side. */
export const DISPLAY_MAX_SIDE = 768;

export interface SavedImage {
  storageKey: string;
  sha256: string;
  width: number;
  height: number;
}

export interface DisplayCanvas {
  width: number;
  height: number;
}

/**
 * Stores the original PNG (as produced). The sha256 is of the original bytes, so reproducibility
 * checks compare what the model produced. The display copy is made on first view, on its
 * campaign's canvas (lib/storage/display-copy.ts): encoding WebP costs about as much as
 * generating a small image, and the canvas is the campaign's, not the image's.
 */
export async function saveImage(
  png: Buffer,
  options: { size?: { width: number; height: number } } = {},
): Promise<SavedImage> {
  // A worker knows the size it generated; anything else is measured.
  const size = options.size ?? (await sharp(png, { limitInputPixels: 64_000_000 }).metadata());
  if (!size.width || !size.height) throw new Error("Image has no dimensions");
  const original = await imageStore().put(png, "png");
  return { storageKey: original.key, sha256: original.sha256, width: size.width, height: size.height };
}

/**
 * The canvas every display copy of a campaign is fitted into: the bounding box of its images
 * (widest × tallest), scaled to fit DISPLAY_MAX_SIDE. One canvas for both sides of every pair, so
 * the served image's size never tells a model apart.
 */
export function displayCanvasFor(maxWidth: number, maxHeight: number): DisplayCanvas {
  const scale = Math.min(1, DISPLAY_MAX_SIDE / maxWidth, DISPLAY_MAX_SIDE / maxHeight);
  return { width: Math.max(1, Math.round(maxWidth * scale)), height: Math.max(1, Math.round(maxHeight * scale)) };
}

/**
 * Fits the image into the canvas (aspect kept, scaled up or down, letterboxed in white) and
 * re-encodes it as WebP; sharp writes no metadata unless asked, so EXIF/XMP/ICC chunks are gone.
 */
export async function storeDisplayCopy(original: Buffer, canvas: DisplayCanvas): Promise<string> {
  const display = await sharp(original, { limitInputPixels: 64_000_000 })
    .resize({ width: canvas.width, height: canvas.height, fit: "contain", background: "#ffffff" })
    .flatten({ background: "#ffffff" })
    .webp({ quality: 90, effort: 2 })
    .toBuffer();
  return (await imageStore().put(display, "webp")).key;
}

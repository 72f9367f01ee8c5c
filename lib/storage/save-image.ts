import sharp from "sharp";
import { imageStore } from "./storage";

/** Display copies are capped to what the voting page shows side by side. */
export const DISPLAY_MAX_SIDE = 768;

export interface SavedImage {
  storageKey: string;
  /** Null when the display copy is made on first view (see display-copy.ts). */
  displayKey: string | null;
  sha256: string;
  width: number;
  height: number;
}

/**
 * Stores the original PNG (as produced) and, unless deferred, a metadata-free WebP display copy.
 * The sha256 is of the original bytes, so reproducibility checks compare what the model produced.
 * Workers defer the display copy: encoding WebP costs about as much as generating a small image,
 * and it is needed only once somebody looks at the image.
 */
export async function saveImage(
  png: Buffer,
  options: { display?: "now" | "later"; size?: { width: number; height: number } } = {},
): Promise<SavedImage> {
  // A worker knows the size it generated; anything else is measured.
  const size = options.size ?? (await sharp(png, { limitInputPixels: 64_000_000 }).metadata());
  if (!size.width || !size.height) throw new Error("Image has no dimensions");
  const original = await imageStore().put(png, "png");
  const displayKey = options.display === "later" ? null : await storeDisplayCopy(png);
  return { storageKey: original.key, displayKey, sha256: original.sha256, width: size.width, height: size.height };
}

/** Re-encodes to WebP at display size; sharp writes no metadata unless asked, so EXIF/XMP/text chunks are gone. */
export async function storeDisplayCopy(original: Buffer): Promise<string> {
  const display = await sharp(original, { limitInputPixels: 64_000_000 })
    .resize({ width: DISPLAY_MAX_SIDE, height: DISPLAY_MAX_SIDE, fit: "inside", withoutEnlargement: true })
    .webp({ quality: 90, effort: 2 })
    .toBuffer();
  return (await imageStore().put(display, "webp")).key;
}

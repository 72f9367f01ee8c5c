import sharp from "sharp";
import { imageStore, sha256Hex } from "./storage";

/** Display copies are capped to what the voting page shows side by side. */
export const DISPLAY_MAX_SIDE = 768;

export interface SavedImage {
  storageKey: string;
  displayKey: string;
  sha256: string;
  width: number;
  height: number;
}

/**
 * Stores the original PNG (as produced) and a metadata-free WebP display copy. The sha256 is of
 * the original bytes, so reproducibility checks compare what the model produced.
 */
export async function saveImage(png: Buffer): Promise<SavedImage> {
  const image = sharp(png, { limitInputPixels: 64_000_000 });
  const meta = await image.metadata();
  if (!meta.width || !meta.height) throw new Error("Image has no dimensions");
  const display = await image
    .resize({ width: DISPLAY_MAX_SIDE, height: DISPLAY_MAX_SIDE, fit: "inside", withoutEnlargement: true })
    .webp({ quality: 90 })
    .toBuffer();
  const store = imageStore();
  const original = await store.put(png, "png");
  const shown = await store.put(display, "webp");
  return { storageKey: original.key, displayKey: shown.key, sha256: sha256Hex(png), width: meta.width, height: meta.height };
}

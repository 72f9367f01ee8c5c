import "server-only";
import { db } from "../db";
import { imageStore } from "./storage";
import { storeDisplayCopy } from "./save-image";

/**
 * The bytes shown to people: always the metadata-free WebP display copy, never the original
 * (which may carry an imported file's metadata). Made on first view when the worker deferred it,
 * then remembered on the Image row; concurrent first views write the same content-addressed key.
 */
export async function displayImageBytes(image: {
  id: string;
  storageKey: string;
  displayKey: string | null;
}): Promise<Buffer> {
  const store = imageStore();
  if (image.displayKey) return store.get(image.displayKey);
  const displayKey = await storeDisplayCopy(await store.get(image.storageKey));
  await db.image.update({ where: { id: image.id }, data: { displayKey } });
  return store.get(displayKey);
}

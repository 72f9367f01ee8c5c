import "server-only";
import { db } from "../db";
import { imageStore } from "./storage";
import { displayCanvasFor, storeDisplayCopy, type DisplayCanvas } from "./save-image";

/**
 * The bytes shown to people: always the metadata-free WebP display copy on the campaign's canvas,
 * never the original (which may carry an imported file's metadata, and has its model's own size).
 * Made on first view, then remembered on the Image row; concurrent first views write the same
 * content-addressed key.
 */
export async function displayImageBytes(image: {
  id: string;
  campaignId: string;
  storageKey: string;
  displayKey: string | null;
}): Promise<Buffer> {
  const store = imageStore();
  if (image.displayKey) return store.get(image.displayKey);
  const canvas = await campaignCanvas(image.campaignId);
  const displayKey = await storeDisplayCopy(await store.get(image.storageKey), canvas);
  await db.image.update({ where: { id: image.id }, data: { displayKey } });
  return store.get(displayKey);
}

/**
 * The campaign's display canvas, fixed by the first view from the images it has then (a
 * campaign's models and their sizes are set at creation) and never changed afterwards, so every
 * copy ever made for it has the same size. The first writer wins a race; everyone reads its value.
 */
export async function campaignCanvas(campaignId: string): Promise<DisplayCanvas> {
  const stored = await db.campaign.findUniqueOrThrow({
    where: { id: campaignId },
    select: { displayWidth: true, displayHeight: true },
  });
  if (stored.displayWidth && stored.displayHeight) return { width: stored.displayWidth, height: stored.displayHeight };
  const { _max } = await db.image.aggregate({ where: { campaignId }, _max: { width: true, height: true } });
  const canvas = displayCanvasFor(_max.width ?? 1, _max.height ?? 1);
  await db.campaign.updateMany({
    where: { id: campaignId, displayWidth: null },
    data: { displayWidth: canvas.width, displayHeight: canvas.height },
  });
  const fixed = await db.campaign.findUniqueOrThrow({
    where: { id: campaignId },
    select: { displayWidth: true, displayHeight: true },
  });
  return { width: fixed.displayWidth ?? canvas.width, height: fixed.displayHeight ?? canvas.height };
}

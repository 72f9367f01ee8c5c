import "server-only";
import sharp from "sharp";
import { db } from "../db";
import { AppError } from "../errors";
import { imageStore } from "../storage/storage";

/**
 * An image of the campaign, for its researcher (the gallery shows which model made it, which
 * annotators never see). 404 for an image of another campaign: ids are not proof of access.
 */
export async function campaignImage(
  campaignId: string,
  imageId: string,
): Promise<{ bytes: Buffer; contentType: string }> {
  const image = await db.image.findFirst({
    where: { id: imageId, campaignId },
    select: { storageKey: true, displayKey: true },
  });
  if (!image) throw new AppError("NOT_FOUND", "Image not found");
  const key = image.displayKey ?? image.storageKey;
  return { bytes: await imageStore().get(key), contentType: key.endsWith(".png") ? "image/png" : "image/webp" };
}

/** A small copy as a data: URI for the self-contained HTML report (no requests when it is opened). */
export async function thumbnailDataUri(campaignId: string, imageId: string, width = 192): Promise<string> {
  const { bytes } = await campaignImage(campaignId, imageId);
  const small = await sharp(bytes).resize({ width, withoutEnlargement: true }).webp({ quality: 70 }).toBuffer();
  return `data:image/webp;base64,${small.toString("base64")}`;
}

import "server-only";
import sharp from "sharp";
import { db } from "../db";
import type { CurrentUser } from "../auth/guard";
import { ownedBy } from "../campaigns/owned-campaign";
import { AppError } from "../errors";
import { imageStore } from "../storage/storage";

/**
 * An image of a campaign the user manages (the gallery shows which model made it, which
 * annotators never see). 404 for an image of another campaign: ids are not proof of access.
 */
export async function campaignImage(
  user: CurrentUser,
  campaignId: string,
  imageId: string,
): Promise<{ bytes: Buffer; contentType: string }> {
  const image = await db.image.findFirst({
    where: { id: imageId, campaignId, campaign: ownedBy(user) },
    select: { storageKey: true, displayKey: true },
  });
  if (!image) throw new AppError("NOT_FOUND", "Image not found");
  const key = image.displayKey ?? image.storageKey;
  return { bytes: await imageStore().get(key), contentType: key.endsWith(".png") ? "image/png" : "image/webp" };
}

/** A small copy as a data: URI for the self-contained HTML report (no requests when it is opened). */
export async function thumbnailDataUri(
  user: CurrentUser,
  campaignId: string,
  imageId: string,
  width = 192,
): Promise<string> {
  const { bytes } = await campaignImage(user, campaignId, imageId);
  const small = await sharp(bytes).resize({ width, withoutEnlargement: true }).webp({ quality: 70 }).toBuffer();
  return `data:image/webp;base64,${small.toString("base64")}`;
}

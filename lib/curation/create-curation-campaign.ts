import "server-only";
import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { db } from "../db";
import { newId } from "../db/new-id";
import type { CreateCampaignInput } from "../campaigns/campaign-spec";
import { createCampaign } from "../campaigns/create-campaign";
import { saveImage } from "../storage/save-image";
import { readCurationFolder, type CurationFolderEntry } from "./read-curation-folder";

/**
 * A curation campaign whose images are an imported folder with captions (issue 22): the folder is
 * read and every image decoded first (lib/curation/read-curation-folder.ts: every problem named,
 * nothing written when there is one); then its captions become a prompt set of their own (one
 * prompt per image, its id the file name), the campaign is created as any other (createCampaign,
 * no models), each image is stored (as PNG) with an Image row without a model, and each gets its
 * stage-1 item. The draft's launch opens it for annotation at once (no generation).
 */
export async function createCurationFromFolder(
  ownerId: string,
  input: Omit<CreateCampaignInput, "promptSetId" | "modelIds"> & { curation: { imageFolder: string } },
): Promise<{ id: string; images: number }> {
  const entries = await readCurationFolder(input.curation.imageFolder);
  const promptSetId = await captionPromptSet(ownerId, `${input.name} (captions)`, input.curation.imageFolder, entries);
  const { id } = await createCampaign(ownerId, { ...input, promptSetId, modelIds: [] });
  await addFolderImages(id, promptSetId, entries);
  return { id, images: entries.length };
}

/** The captions as a new prompt set (the next version of its name): one prompt per image, in folder order. */
async function captionPromptSet(
  ownerId: string,
  name: string,
  folder: string,
  entries: CurationFolderEntry[],
): Promise<string> {
  const last = await db.promptSet.findFirst({
    where: { name },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  const set = await db.promptSet.create({
    data: {
      name,
      version: (last?.version ?? 0) + 1,
      format: "curation-folder",
      sourceFile: folder,
      promptCount: entries.length,
      createdById: ownerId,
      prompts: {
        createMany: {
          data: entries.map((e, position) => ({ externalId: e.file, text: e.caption, position })),
        },
      },
    },
    select: { id: true },
  });
  return set.id;
}

/** Stores each image (PNG; a JPEG or WebP converted) and makes its Image row and stage-1 item, a few at a time. */
async function addFolderImages(campaignId: string, promptSetId: string, entries: CurationFolderEntry[]) {
  const prompts = new Map(
    (await db.prompt.findMany({ where: { promptSetId }, select: { id: true, externalId: true } })).map((p) => [
      p.externalId,
      p.id,
    ]),
  );
  const BATCH = 16;
  for (let i = 0; i < entries.length; i += BATCH) {
    const batch = entries.slice(i, i + BATCH);
    const saved = await Promise.all(
      batch.map(async (e) => {
        const bytes = await readFile(e.absPath);
        const png = e.exportName === e.file ? bytes : await sharp(bytes).png().toBuffer();
        return saveImage(png, { size: { width: e.width, height: e.height } });
      }),
    );
    const rows = batch.map((e, j) => ({
      id: newId(),
      campaignId,
      promptId: prompts.get(e.file)!,
      seed: 0,
      storageKey: saved[j].storageKey,
      sha256: saved[j].sha256,
      width: saved[j].width,
      height: saved[j].height,
      metadata: { source: "folder", file: e.file, exportName: e.exportName },
    }));
    await db.$transaction([
      db.image.createMany({ data: rows }),
      db.curationItem.createMany({
        data: rows.map((r) => ({ campaignId, imageId: r.id, promptId: r.promptId, stage: 1 })),
      }),
    ]);
  }
}

/**
 * A curation campaign whose images its models make: each generated image gets its stage-1 item
 * (idempotent; called by advanceWhenReady as images arrive).
 */
export async function createCurationItems(campaignId: string): Promise<void> {
  const images = await db.image.findMany({
    where: { campaignId, kind: "generated", curationItems: { none: { stage: 1 } } },
    select: { id: true, promptId: true },
  });
  if (images.length === 0) return;
  await db.curationItem.createMany({
    data: images.map((im) => ({ campaignId, imageId: im.id, promptId: im.promptId, stage: 1 })),
    skipDuplicates: true,
  });
}

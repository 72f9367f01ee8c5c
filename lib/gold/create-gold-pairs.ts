import "server-only";
import { db } from "../db";
import { run } from "../db/prepared";
import { GOLD_SOURCES } from "./statements";
import { imageStore } from "../storage/storage";
import { saveImage } from "../storage/save-image";
import { DEGRADATIONS, degradeImage } from "./degrade";

/** The gold pairs a campaign keeps: its rate × its regular pairs, at least 3, at most 200. */
export function goldTarget(goldRate: number, regularPairs: number, images: number): number {
  if (goldRate <= 0 || regularPairs === 0) return 0;
  return Math.min(images, 200, Math.max(3, Math.ceil(goldRate * regularPairs)));
}

/**
 * Tops up the campaign's gold pairs: an image against a degraded copy of itself (blur, noise or
 * JPEG blocking, in turn), stored like any image (kind gold_degraded) so the voting page cannot
 * tell them apart. Idempotent and safe to run concurrently: the unique keys on Image and Pair
 * absorb a race. Returns how many were created.
 */
export async function createGoldPairs(campaignId: string): Promise<number> {
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { goldRate: true } });
  if (campaign.goldRate <= 0) return 0;
  const [regular, gold, images] = await Promise.all([
    db.pair.count({ where: { campaignId, isGold: false } }),
    db.pair.count({ where: { campaignId, isGold: true } }),
    db.image.count({ where: { campaignId, kind: "generated" } }),
  ]);
  const need = goldTarget(campaign.goldRate, regular, images) - gold;
  if (need <= 0) return 0;

  const sources = await run(GOLD_SOURCES, [campaignId, need], db);
  let created = 0;
  for (const [i, source] of sources.entries()) {
    const degradation = DEGRADATIONS[(gold + i) % DEGRADATIONS.length];
    const saved = await saveImage(await degradeImage(await imageStore().get(source.storageKey), degradation));
    try {
      await db.$transaction(async (tx) => {
        const copy = await tx.image.create({
          data: {
            campaignId,
            modelId: source.modelId,
            promptId: source.promptId,
            seed: source.seed,
            kind: "gold_degraded",
            storageKey: saved.storageKey,
            sha256: saved.sha256,
            width: saved.width,
            height: saved.height,
            metadata: { degradation, sourceImageId: source.id },
          },
        });
        await tx.pair.create({
          data: {
            campaignId,
            promptId: source.promptId,
            seed: source.seed,
            imageAId: source.id,
            imageBId: copy.id,
            isGold: true,
            gold: { create: { expectedImageId: source.id, degradation } },
          },
        });
      });
      created++;
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error; // another process made this one
    }
  }
  return created;
}

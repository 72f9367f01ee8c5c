import "server-only";
import { db } from "../db";
import type { CurrentUser } from "../auth/guard";
import { AppError } from "../errors";
import { ownedBy } from "../campaigns/owned-campaign";
import { annotatorPseudonym } from "../results/pseudonyms";
import { curationSummary, type CurationSummary, type CurationVote } from "../stats/curation";
import { readStoredCuration, stageRules, type StoredCuration } from "./curation-spec";

/** One image of a curation campaign as results and exports name it. */
export interface CurationImage {
  id: string;
  caption: string;
  /** Its name in the exported dataset: the folder's file name (as PNG), or `<image id>.png` for a generated one. */
  fileName: string;
  /** The model that made it; null for an imported one. */
  model: string | null;
  storageKey: string;
}

/** One stored vote: who (pseudonym, expert or not), which image, which stage, accept or reject, when. */
export interface StoredCurationVote {
  imageId: string;
  stage: number;
  annotator: string;
  expert: boolean;
  accept: boolean;
  createdAt: Date;
}

export interface CurationRecords {
  campaign: { id: string; name: string; status: string };
  curation: StoredCuration;
  images: Map<string, CurationImage>;
  votes: StoredCurationVote[];
  summary: CurationSummary;
}

/**
 * A user's curation campaign (404 for anyone else's, or one of another task type) with every image
 * of stage 1 (in prompt order: a folder's order) and every vote, and the stages decided from them
 * (lib/stats/curation curationSummary). Annotators are pseudonymised per campaign
 * (lib/results/pseudonyms.ts). Complexity: one read of the items and one of the votes.
 */
export async function loadCuration(user: CurrentUser, campaignId: string): Promise<CurationRecords> {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, ...ownedBy(user), taskType: "curation" },
    select: { id: true, name: true, status: true, curation: true },
  });
  if (!campaign) throw new AppError("NOT_FOUND", "Campaign not found");
  const curation = readStoredCuration(campaign.curation);
  const items = await db.curationItem.findMany({
    where: { campaignId, stage: 1 },
    orderBy: [{ prompt: { position: "asc" } }, { imageId: "asc" }],
    select: {
      image: {
        select: { id: true, storageKey: true, metadata: true, model: { select: { name: true } } },
      },
      prompt: { select: { text: true } },
    },
  });
  const images = new Map<string, CurationImage>(
    items.map(({ image, prompt }) => {
      const meta = (image.metadata ?? {}) as { exportName?: unknown };
      return [
        image.id,
        {
          id: image.id,
          caption: prompt.text,
          fileName: typeof meta.exportName === "string" ? meta.exportName : `${image.id}.png`,
          model: image.model?.name ?? null,
          storageKey: image.storageKey,
        },
      ];
    }),
  );
  const experts = new Set(
    (await db.participation.findMany({ where: { campaignId, expert: true }, select: { userId: true } })).map(
      (p) => p.userId,
    ),
  );
  const rows = await db.curationVote.findMany({
    where: { item: { campaignId } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { accept: true, annotatorId: true, createdAt: true, item: { select: { imageId: true, stage: true } } },
  });
  const votes = rows.map((r): StoredCurationVote => ({
    imageId: r.item.imageId,
    stage: r.item.stage,
    annotator: annotatorPseudonym(campaignId, r.annotatorId),
    expert: experts.has(r.annotatorId),
    accept: r.accept,
    createdAt: r.createdAt,
  }));
  const summary = curationSummary(
    votes.map((v): CurationVote => ({
      imageId: v.imageId,
      stage: v.stage,
      accept: v.accept,
      annotatorId: v.annotator,
    })),
    stageRules(curation.stages),
    [...images.keys()],
  );
  return {
    campaign: { id: campaign.id, name: campaign.name, status: campaign.status },
    curation,
    images,
    votes,
    summary,
  };
}

import "server-only";
import { db } from "../db";
import { leaseItems, type ItemContext, type ItemLease, type ItemLeaseResult } from "../rating/lease-items";
import { itemSessionContext, itemStopView, LOOKAHEAD, type ItemStopView } from "../rating/rating-view";
import { run } from "../db/prepared";
import { CURATION_SERVABLE, CURATION_STAGE1_ITEMS, CURATION_STAGE2_ITEMS } from "./statements";
import { readStoredCuration } from "./curation-spec";

/**
 * What an annotator's browser receives for one image to curate. Blind by construction: the image
 * URL names only the curation assignment (never the image, its model or its file); the caption
 * (the prompt) is shown with it; the rubric is the campaign's instructions, shown by the page.
 */
export interface CurationView {
  assignmentId: string;
  image: string;
  caption: string;
  question: string;
  /** 1: the crowd's stage; 2: the experts'. */
  stage: number;
  /** Votes given, of the images this annotator can be served (done included): stage 1, and for an expert stage 2. */
  progress: { done: number; total: number };
}

export type CurationNextView = { kind: "curation"; view: CurationView; upcoming: CurationView | null } | ItemStopView;

/** Whether the annotator is one of the campaign's experts (Participation.expert). */
async function isExpert(campaignId: string, annotatorId: string): Promise<boolean> {
  const p = await db.participation.findUnique({
    where: { campaignId_userId: { campaignId, userId: annotatorId } },
    select: { expert: true },
  });
  return p?.expert === true;
}

/**
 * The image shown now plus one prefetched. Experts are served the later stage's items first (the
 * survivors, which only they may judge), then stage 1 like anyone; everyone else only stage 1.
 * Each stage's target is its own votes per image (its criterion's judgmentsPerPair).
 */
export async function nextCurationView(campaignId: string, annotatorId: string): Promise<CurationNextView> {
  const ctx = await itemSessionContext(CURATION_STAGE1_ITEMS, "curation", campaignId, annotatorId);
  const [stage1, stage2] = ctx.aspects;
  const expert = stage2 !== undefined && (await isExpert(campaignId, annotatorId));
  const stageOf = await leaseStages(ctx, campaignId, annotatorId, expert);
  const { leases, stop, done } = stageOf.result;
  // What this annotator can be served (stage 1; stage 2 too for an expert), within their cap.
  const [{ total: servable }] = await run(CURATION_SERVABLE, [campaignId, annotatorId, expert]);
  const total = ctx.perAnnotatorCap === null ? servable : Math.min(ctx.perAnnotatorCap, servable);
  const views = leases.map((l): CurationView => ({
    assignmentId: l.assignmentId,
    image: `/api/curation-assignments/${l.assignmentId}/image`,
    caption: l.prompt,
    question: stage1.question,
    stage: stageOf.stages.get(l.itemId) ?? 1,
    progress: { done, total },
  }));
  const open = views.filter((v, i) => leases[i].answered.length === 0);
  if (open.length > 0) return { kind: "curation", view: open[0], upcoming: open[1] ?? null };
  return itemStopView(stop, ctx);
}

/** Leases for stage 2 first (experts only), then stage 1; the stage of each leased item. */
async function leaseStages(
  ctx: ItemContext,
  campaignId: string,
  annotatorId: string,
  expert: boolean,
): Promise<{ result: ItemLeaseResult; stages: Map<string, number> }> {
  const [stage1, stage2] = ctx.aspects;
  let open: ItemLease[] = ctx.open;
  let result: ItemLeaseResult | null = null;
  if (expert && stage2) {
    result = await leaseItems(CURATION_STAGE2_ITEMS, { ...ctx, aspects: [stage2] }, campaignId, annotatorId, LOOKAHEAD);
    open = result.leases;
  }
  if (!result || result.leases.length < LOOKAHEAD)
    result = await leaseItems(
      CURATION_STAGE1_ITEMS,
      { ...ctx, open, aspects: [stage1] },
      campaignId,
      annotatorId,
      LOOKAHEAD,
    );
  const items = await db.curationItem.findMany({
    where: { id: { in: result.leases.map((l) => l.itemId) } },
    select: { id: true, stage: true },
  });
  return { result, stages: new Map(items.map((i) => [i.id, i.stage])) };
}

/** The campaign's rubric (Markdown), shown on the curation page; the page has checked the annotator's participation. */
export async function curationRubric(campaignId: string): Promise<string> {
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { curation: true } });
  return readStoredCuration(campaign.curation).rubric;
}

import "server-only";
import { leaseItems, type ItemLease } from "../rating/lease-items";
import { itemSessionContext, itemStopView, LOOKAHEAD, type ItemStopView } from "../rating/rating-view";
import { RANKING_ITEMS } from "./statements";

/**
 * What an annotator's browser receives for one set of K images to order (issue 22). Blind by
 * construction: image URLs name only the ranking assignment and the slot (the order was drawn at
 * random for this lease), never an image, model or storage key.
 */
export interface RankingView {
  assignmentId: string;
  /** One URL per slot, slot 1 first. */
  images: string[];
  prompt: string;
  question: string;
  progress: { done: number; total: number };
}

export type RankingNextView = { kind: "ranking"; view: RankingView; upcoming: RankingView | null } | ItemStopView;

/** The set shown now plus one prefetched; stops explained as on the other voting pages. */
export async function nextRankingView(campaignId: string, annotatorId: string): Promise<RankingNextView> {
  const ctx = await itemSessionContext(RANKING_ITEMS, "ranking", campaignId, annotatorId);
  const { leases, stop, done } = await leaseItems(RANKING_ITEMS, ctx, campaignId, annotatorId, LOOKAHEAD);
  const total = ctx.perAnnotatorCap ?? ctx.itemTotal ?? 0;
  const question = ctx.aspects[0]?.question ?? "";
  const views = leases
    .filter((l) => l.answered.length === 0)
    .map((l) => toView(l, ctx.models, question, { done, total }));
  if (views.length > 0) return { kind: "ranking", view: views[0], upcoming: views[1] ?? null };
  return itemStopView(stop, ctx);
}

function toView(lease: ItemLease, k: number, question: string, progress: RankingView["progress"]): RankingView {
  return {
    assignmentId: lease.assignmentId,
    images: Array.from({ length: k }, (_, s) => `/api/ranking-assignments/${lease.assignmentId}/image/${s + 1}`),
    prompt: lease.prompt,
    question,
    progress,
  };
}

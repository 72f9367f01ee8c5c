import "server-only";
import { AppError } from "../errors";
import { RATING_SCALES } from "../stats/rating/scales";
import { fromDbScale } from "./aspect-spec";
import { leaseItems, loadItemContext, type ItemContext, type ItemEngine, type ItemLease } from "./lease-items";
import type { StopReason } from "../assignment/lease-loop";
import { RATING_ITEMS, type ItemAspectRow } from "./statements";

/** One aspect as the annotator sees it: the question and the scale's options (value, label, key). */
export interface RatingAspectView {
  id: string;
  question: string;
  showPrompt: boolean;
  options: { value: number; label: string; key: string }[];
}

/**
 * What an annotator's browser receives for one image to rate. Blind by construction: the image
 * URL names only the rating assignment (never the image, its model or its storage key); the
 * prompt is included only when an aspect on screen shows it. Aspects that hide the prompt are
 * asked first, on their own (HEIM's photorealism, Emu's appeal), then the others with the prompt.
 */
export interface RatingView {
  assignmentId: string;
  image: string;
  prompt: string | null;
  aspects: RatingAspectView[];
  /** Aspects on this image still to come after these. */
  remaining: number;
  progress: { done: number; total: number };
}

export type RatingNextView = { kind: "rating"; view: RatingView; upcoming: RatingView | null } | ItemStopView;

/** The item shown now plus one prefetched, so the next appears at once after an answer. */
export const LOOKAHEAD = 2;

/** The keys of a scale's options: digits 1… for a numbered scale, n / y for yes-no. */
export function optionKeys(scale: string | null): string[] {
  const kind = fromDbScale(scale ?? "likert5");
  return kind === "yes-no" ? ["n", "y"] : RATING_SCALES[kind].values.map(String);
}

export function aspectView(a: ItemAspectRow): RatingAspectView {
  const kind = fromDbScale(a.scale ?? "likert5");
  const keys = optionKeys(a.scale);
  const labels = a.scaleLabels.length > 0 ? a.scaleLabels : RATING_SCALES[kind].labels;
  return {
    id: a.id,
    question: a.question,
    showPrompt: a.showPrompt,
    options: RATING_SCALES[kind].values.map((value, i) => ({ value, label: labels[i], key: keys[i] })),
  };
}

/** Why nothing more is served, worded as on the pairwise page. */
export type ItemStopView =
  | { kind: "finished"; completionCode: string | null; completionUrl: string | null }
  | { kind: "ended"; message: string }
  | { kind: "closed"; message: string };

/**
 * The annotator's context in a campaign of `taskType` (an item task type), after the checks every
 * voting path makes: joined (else 404, as is a campaign of another task type), consented (else 403).
 */
export async function itemSessionContext(
  engine: ItemEngine,
  taskType: string,
  campaignId: string,
  annotatorId: string,
) {
  const ctx = await loadItemContext(engine, campaignId, annotatorId);
  if (!ctx?.participating || ctx.taskType !== taskType) throw new AppError("NOT_FOUND", "Campaign not found");
  if (!ctx.consentedAt)
    throw new AppError("FORBIDDEN", "Read the instructions and give your consent first", [
      { field: "consent", message: "not given" },
    ]);
  return ctx;
}

export function itemStopView(stop: StopReason | null, ctx: ItemContext): ItemStopView {
  if (stop === "flagged")
    return {
      kind: "ended",
      message:
        "Thank you for your time. This session has ended, and no further images are available to you in this study.",
    };
  if (stop === "closed" && ctx.status !== "completed")
    return { kind: "closed", message: "This study is not taking answers right now. Please come back later." };
  return { kind: "finished", completionCode: ctx.completionCode, completionUrl: ctx.completionUrl };
}

/** The image shown now plus one prefetched; stops explained as on the pairwise page. */
export async function nextRatingView(campaignId: string, annotatorId: string): Promise<RatingNextView> {
  const ctx = await itemSessionContext(RATING_ITEMS, "rating", campaignId, annotatorId);
  const { leases, stop, done } = await leaseItems(RATING_ITEMS, ctx, campaignId, annotatorId, LOOKAHEAD);
  const total = ctx.perAnnotatorCap ?? ctx.itemTotal ?? 0;
  const aspects = ctx.aspects.map(aspectView);
  const views = leases.map((l) => toView(l, aspects, { done, total })).filter((v) => v.aspects.length > 0);
  if (views.length > 0) return { kind: "rating", view: views[0], upcoming: views[1] ?? null };
  return itemStopView(stop, ctx);
}

function toView(lease: ItemLease, aspects: RatingAspectView[], progress: RatingView["progress"]): RatingView {
  const open = aspects.filter((a) => !lease.answered.includes(a.id));
  const hidden = open.filter((a) => !a.showPrompt);
  const shown = hidden.length > 0 ? hidden : open;
  return {
    assignmentId: lease.assignmentId,
    image: `/api/rating-assignments/${lease.assignmentId}/image`,
    prompt: shown.some((a) => a.showPrompt) ? lease.prompt : null,
    aspects: shown,
    remaining: open.length - shown.length,
    progress,
  };
}

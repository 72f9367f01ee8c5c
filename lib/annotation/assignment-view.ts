import "server-only";
import { AppError } from "../errors";
import { leaseAssignments, type LeasedAssignment } from "../assignment/lease-assignments";
import type { StopReason } from "../assignment/lease-loop";
import { loadAnnotatorContext } from "../assignment/annotator-context";

/**
 * What an annotator's browser receives for one pair. Blind by construction: image URLs name the
 * assignment and the side shown (never an image, model or storage key); gold pairs look like any
 * other; the prompt is included only when a criterion on screen shows it (so in sequential mode
 * it stays hidden while visual appeal is asked).
 */
export interface AssignmentView {
  assignmentId: string;
  images: { left: string; right: string };
  prompt: string | null;
  criteria: { id: string; question: string; choices: string[]; showPrompt: boolean }[];
  /** Criteria on this pair still to come after these (sequential mode). */
  remaining: number;
  /** "Question `first` of `of`": the number of the first question on screen among the pair's. */
  questions: { first: number; of: number };
  progress: { done: number; total: number };
}

export type NextView =
  | { kind: "pair"; view: AssignmentView; upcoming: AssignmentView | null }
  | { kind: "finished"; completionCode: string | null; completionUrl: string | null }
  | { kind: "ended"; message: string }
  | { kind: "closed"; message: string };

/** The pair shown now plus one prefetched, so the next appears at once after a vote. */
const LOOKAHEAD = 2;

/**
 * Two to four statements in all: the annotator's context (lib/assignment/annotator-context.ts)
 * and, when a lease is missing, one short transaction per pair leased.
 */
export async function nextAssignmentView(campaignId: string, annotatorId: string): Promise<NextView> {
  const context = await loadAnnotatorContext(campaignId, annotatorId);
  // An annotator works only in campaigns they joined; anything else is a 404.
  if (!context?.participating) throw new AppError("NOT_FOUND", "Campaign not found");
  // The consent screen comes first; the voting page redirects there, and the API refuses.
  if (!context.consentedAt)
    throw new AppError("FORBIDDEN", "Read the instructions and give your consent first", [
      { field: "consent", message: "not given" },
    ]);
  const { leases, stop, done } = await leaseAssignments(campaignId, annotatorId, LOOKAHEAD, context);
  if (leases.length === 0) return stopView(stop, context);

  const total = context.perAnnotatorCap ?? context.pairTotal ?? 0;
  const criteria = context.criteria.map(({ id, question, choices, showPrompt }) => ({
    id,
    question,
    choices,
    showPrompt,
  }));
  const views = leases
    .map((lease) => {
      const answeredHere = new Set(lease.answered);
      const asked = criteria.filter((c) => lease.criterionIds.includes(c.id));
      const open = asked.filter((c) => !answeredHere.has(c.id));
      const shown = context.criteriaMode === "sequential" ? open.slice(0, 1) : open;
      const questions = { first: asked.length - open.length + 1, of: asked.length };
      return toView(lease, shown, open.length - shown.length, questions, lease.prompt, { done, total });
    })
    .filter((v) => v.criteria.length > 0);
  if (views.length === 0) return stopView(stop, context);
  return { kind: "pair", view: views[0], upcoming: views[1] ?? null };
}

function toView(
  lease: LeasedAssignment,
  criteria: { id: string; question: string; choices: string[]; showPrompt: boolean }[],
  remaining: number,
  questions: AssignmentView["questions"],
  prompt: string,
  progress: { done: number; total: number },
): AssignmentView {
  const base = `/api/assignments/${lease.assignmentId}/image`;
  return {
    assignmentId: lease.assignmentId,
    images: { left: `${base}/left`, right: `${base}/right` },
    prompt: criteria.some((c) => c.showPrompt) ? prompt : null,
    criteria,
    remaining,
    questions,
    progress,
  };
}

function stopView(
  stop: StopReason | null,
  campaign: { status: string; completionCode: string | null; completionUrl: string | null },
): NextView {
  if (stop === "flagged") {
    return {
      kind: "ended",
      message:
        "Thank you for your time. This session has ended, and no further pairs are available to you in this study.",
    };
  }
  if (stop === "closed" && campaign.status !== "completed") {
    return { kind: "closed", message: "This study is not taking answers right now. Please come back later." };
  }
  return { kind: "finished", completionCode: campaign.completionCode, completionUrl: campaign.completionUrl };
}

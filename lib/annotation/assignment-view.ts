import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { leaseAssignments, type LeasedAssignment, type StopReason } from "../assignment/lease-assignments";
import { requireParticipation } from "./participation";

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
  progress: { done: number; total: number };
}

export type NextView =
  | { kind: "pair"; view: AssignmentView; upcoming: AssignmentView | null }
  | { kind: "finished"; completionCode: string | null; completionUrl: string | null }
  | { kind: "ended"; message: string }
  | { kind: "closed"; message: string };

/** The pair shown now plus one prefetched, so the next appears at once after a vote. */
const LOOKAHEAD = 2;

export async function nextAssignmentView(campaignId: string, annotatorId: string): Promise<NextView> {
  const participation = await requireParticipation(campaignId, annotatorId);
  // The consent screen comes first; the voting page redirects there, and the API refuses.
  if (!participation.consentedAt) throw new AppError("FORBIDDEN", "Read the instructions and give your consent first", [{ field: "consent", message: "not given" }]);
  const { campaign } = participation;
  const { leases, stop, done } = await leaseAssignments(campaignId, annotatorId, LOOKAHEAD);
  if (leases.length === 0) return stopView(stop, campaign);

  const [criteria, pairs, answered, total] = await Promise.all([
    db.criterion.findMany({ where: { campaignId }, orderBy: { position: "asc" }, select: { id: true, question: true, choices: true, showPrompt: true } }),
    db.pair.findMany({ where: { id: { in: leases.map((l) => l.pairId) } }, select: { id: true, prompt: { select: { text: true } } } }),
    db.judgment.findMany({ where: { assignmentId: { in: leases.map((l) => l.assignmentId) } }, select: { assignmentId: true, criterionId: true } }),
    campaign.perAnnotatorCap ?? db.pair.count({ where: { campaignId, isGold: false } }),
  ]);
  const promptOf = new Map(pairs.map((p) => [p.id, p.prompt.text]));
  const views = leases
    .map((lease) => {
      const answeredHere = new Set(answered.filter((j) => j.assignmentId === lease.assignmentId).map((j) => j.criterionId));
      const open = criteria.filter((c) => lease.criterionIds.includes(c.id) && !answeredHere.has(c.id));
      const shown = campaign.criteriaMode === "sequential" ? open.slice(0, 1) : open;
      return toView(lease, shown, open.length - shown.length, promptOf.get(lease.pairId) ?? "", { done, total });
    })
    .filter((v) => v.criteria.length > 0);
  if (views.length === 0) return stopView(stop, campaign);
  return { kind: "pair", view: views[0], upcoming: views[1] ?? null };
}

function toView(
  lease: LeasedAssignment,
  criteria: { id: string; question: string; choices: string[]; showPrompt: boolean }[],
  remaining: number,
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
    progress,
  };
}

function stopView(stop: StopReason | null, campaign: { status: string; completionCode: string | null; completionUrl: string | null }): NextView {
  if (stop === "flagged") {
    return { kind: "ended", message: "Thank you for your time. This session has ended, and no further pairs are available to you in this study." };
  }
  if (stop === "closed" && campaign.status !== "completed") {
    return { kind: "closed", message: "This study is not taking answers right now. Please come back later." };
  }
  return { kind: "finished", completionCode: campaign.completionCode, completionUrl: campaign.completionUrl };
}

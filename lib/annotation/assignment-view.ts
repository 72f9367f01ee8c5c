import "server-only";
import { db } from "../db";
import { nextAssignment } from "../assignment/next-assignment";
import { requireParticipation } from "./participation";

/**
 * What an annotator's browser receives for one pair. Blind by construction: image URLs name the
 * assignment and the side shown (never an image, model or storage key), and the prompt is
 * included only for criteria that show it.
 */
export interface AssignmentView {
  assignmentId: string;
  images: { left: string; right: string };
  prompt: string | null;
  criteria: { id: string; question: string; choices: string[]; showPrompt: boolean }[];
  progress: { done: number; cap: number | null };
}

export type NextView = { kind: "pair"; view: AssignmentView } | { kind: "finished"; completionCode: string | null; completionUrl: string | null };

export async function nextAssignmentView(campaignId: string, annotatorId: string): Promise<NextView> {
  const participation = await requireParticipation(campaignId, annotatorId);
  const leased = await nextAssignment(campaignId, annotatorId);
  const done = await db.assignment.count({ where: { annotatorId, status: "completed", pair: { campaignId } } });
  if (!leased) {
    return { kind: "finished", completionCode: participation.campaign.completionCode, completionUrl: participation.campaign.completionUrl };
  }
  const [criteria, pair, campaign] = await Promise.all([
    db.criterion.findMany({ where: { id: { in: leased.criterionIds } }, orderBy: { position: "asc" } }),
    db.pair.findUniqueOrThrow({ where: { id: leased.pairId }, select: { prompt: { select: { text: true } } } }),
    db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { perAnnotatorCap: true } }),
  ]);
  const base = `/api/assignments/${leased.assignmentId}/image`;
  return {
    kind: "pair",
    view: {
      assignmentId: leased.assignmentId,
      images: { left: `${base}/left`, right: `${base}/right` },
      prompt: criteria.some((c) => c.showPrompt) ? pair.prompt.text : null,
      criteria: criteria.map((c) => ({ id: c.id, question: c.question, choices: c.choices, showPrompt: c.showPrompt })),
      progress: { done, cap: campaign.perAnnotatorCap },
    },
  };
}

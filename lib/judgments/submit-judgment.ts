import "server-only";
import { z } from "zod";
import { db } from "../db";
import { VOTING_TX } from "../assignment/transaction-options";
import { AppError, parseOrThrow } from "../errors";
import { slotsTaken } from "../assignment/occupancy";
import { checkAnnotatorQuality } from "./quality-checks";

export const submitJudgmentSchema = z.object({
  assignmentId: z.string().min(1).max(64),
  criterionId: z.string().min(1).max(64),
  choice: z.enum(["left", "right", "tie", "both", "neither"]),
  idempotencyKey: z.string().min(8).max(128),
  latencyMs: z.number().int().min(0).max(24 * 60 * 60 * 1000).optional(),
});

export type SubmitJudgmentInput = z.infer<typeof submitJudgmentSchema>;

export interface SubmitJudgmentResult {
  judgmentId: string;
  replayed: boolean;
  assignmentCompleted: boolean;
  /** The annotator was flagged by a quality check: the voting page ends the session politely. */
  sessionEnded: boolean;
}

/**
 * Records one annotator's answer for one criterion of their leased pair, exactly once.
 * - Idempotent: the same idempotency key with the same content returns the stored judgment;
 *   with different content it is a 409.
 * - Never beyond the criterion's target: the pair row is locked while the judgments are counted.
 * - Another annotator's assignment is a 404 (its existence is not revealed).
 */
export async function submitJudgment(annotatorId: string, input: unknown): Promise<SubmitJudgmentResult> {
  const body = parseOrThrow(submitJudgmentSchema, input, "judgment");

  const replay = await findReplay(annotatorId, body);
  if (replay) return replay;

  try {
    const written = await db.$transaction(async (tx) => {
      const assignment = await tx.assignment.findUnique({
        where: { id: body.assignmentId },
        include: { pair: { include: { campaign: { include: { criteria: true } } } }, judgments: { select: { criterionId: true } } },
      });
      if (!assignment || assignment.annotatorId !== annotatorId) throw new AppError("NOT_FOUND", "Assignment not found");
      const campaign = assignment.pair.campaign;
      if (campaign.status !== "annotating") throw new AppError("CONFLICT", `Campaign is ${campaign.status}, not taking judgments`);
      const criterion = campaign.criteria.find((c) => c.id === body.criterionId);
      if (!criterion || !assignment.criterionIds.includes(criterion.id)) {
        throw new AppError("VALIDATION", "criterionId is not asked on this assignment", [{ field: "criterionId", message: "not part of this assignment" }]);
      }
      if (!criterion.choices.includes(body.choice)) {
        throw new AppError("VALIDATION", `choice "${body.choice}" is not offered for ${criterion.key}`, [{ field: "choice", message: `allowed: ${criterion.choices.join(", ")}` }]);
      }
      if (assignment.judgments.some((j) => j.criterionId === criterion.id)) {
        throw new AppError("CONFLICT", "This criterion was already answered on this pair");
      }

      await tx.$queryRaw`SELECT id FROM "Pair" WHERE id = ${assignment.pairId} FOR UPDATE`;
      const leaseLive = assignment.status === "leased" && assignment.leaseExpiresAt > new Date();
      if (!leaseLive) {
        // A lapsed lease may still count if nobody took its place (slots counted as the
        // assignment engine counts them).
        const taken = await slotsTaken(tx, assignment.pairId, annotatorId);
        if ((taken.get(criterion.id) ?? 0) >= criterion.judgmentsPerPair) throw new AppError("GONE", "This pair no longer needs your answer; load the next one");
      }

      const judgment = await tx.judgment.create({
        data: {
          pairId: assignment.pairId,
          criterionId: criterion.id,
          annotatorId,
          assignmentId: assignment.id,
          choice: body.choice,
          leftImageId: assignment.leftImageId,
          latencyMs: body.latencyMs,
          idempotencyKey: body.idempotencyKey,
        },
      });
      const answered = new Set([...assignment.judgments.map((j) => j.criterionId), criterion.id]);
      const assignmentCompleted = assignment.criterionIds.every((id) => answered.has(id));
      await tx.assignment.update({
        where: { id: assignment.id },
        data: assignmentCompleted
          ? { status: "completed", completedAt: new Date() }
          : { status: "leased", leaseExpiresAt: new Date(Date.now() + campaign.leaseSeconds * 1000) },
      });
      return { judgmentId: judgment.id, replayed: false, assignmentCompleted, campaignId: campaign.id, isGold: assignment.pair.isGold };
    }, VOTING_TX);
    const flagged = await checkAnnotatorQuality(written.campaignId, annotatorId, written.isGold);
    return { judgmentId: written.judgmentId, replayed: false, assignmentCompleted: written.assignmentCompleted, sessionEnded: flagged };
  } catch (error) {
    // Two copies of one request raced past findReplay: the loser hits the unique key.
    if ((error as { code?: string }).code === "P2002") {
      const again = await findReplay(annotatorId, body);
      if (again) return again;
      throw new AppError("CONFLICT", "This criterion was already answered on this pair");
    }
    throw error;
  }
}

async function findReplay(annotatorId: string, body: SubmitJudgmentInput): Promise<SubmitJudgmentResult | null> {
  const existing = await db.judgment.findUnique({
    where: { idempotencyKey: body.idempotencyKey },
    include: { assignment: { select: { status: true } } },
  });
  if (!existing) return null;
  const same =
    existing.annotatorId === annotatorId &&
    existing.assignmentId === body.assignmentId &&
    existing.criterionId === body.criterionId &&
    existing.choice === body.choice;
  if (!same) throw new AppError("CONFLICT", "idempotencyKey was already used for a different judgment", [{ field: "idempotencyKey", message: "reused with different content" }]);
  return { judgmentId: existing.id, replayed: true, assignmentCompleted: existing.assignment.status === "completed", sessionEnded: false };
}

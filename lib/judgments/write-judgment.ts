import "server-only";
import { db } from "../db";
import { run, statement } from "../db/prepared";
import { AppError } from "../errors";
import { VOTING_TX } from "../assignment/transaction-options";
import { slotsTaken } from "../assignment/occupancy";
import { newId } from "../db/new-id";
import type { JudgmentContext } from "./judgment-context";
import type { SubmitJudgmentInput } from "./submit-judgment";

type Criterion = { id: string; judgmentsPerPair: number };

/**
 * Writes the judgment and moves the assignment on (completed, or its lease renewed); returns
 * the judgment's id.
 *
 * Live lease (the common case): ONE prepared statement. It locks the pair row first, as the lease engine
 * does, so no lease is counted on this pair while the judgment is written; the lease is
 * re-checked against the database clock in the same statement, and if it lapsed meanwhile
 * nothing is written and the lapsed path below decides. A live lease already holds this
 * criterion's slot, so turning it into a judgment never overfills the pair.
 *
 * Lapsed lease: a transaction that locks the pair, then (in a later statement, which sees every
 * commit before the lock) recounts the slots; the answer counts only if nobody took its place.
 */
const WRITE_LIVE = statement(
  "write_judgment_live",
  `WITH pair AS (SELECT id FROM "Pair" WHERE id = $2 FOR UPDATE),
    lease AS (
      SELECT a.id FROM "Assignment" a, pair
      WHERE a.id = $9 AND a.status = 'leased' AND a."leaseExpiresAt" > now()),
    judgment AS (
      INSERT INTO "Judgment" (id, "pairId", "criterionId", "annotatorId", "assignmentId", choice, "leftImageId", "latencyMs", "idempotencyKey", "createdAt")
      SELECT $1, $2, $3, $4, lease.id, $5::"Choice", $6, $7::int, $8, now()
      FROM lease RETURNING id, "assignmentId"),
    moved AS (
      UPDATE "Assignment" SET
        status = CASE WHEN $10::boolean THEN 'completed' ELSE 'leased' END::"AssignmentStatus",
        "completedAt" = CASE WHEN $10::boolean THEN now() ELSE "completedAt" END,
        "leaseExpiresAt" = CASE WHEN $10::boolean THEN "leaseExpiresAt" ELSE now() + make_interval(secs => $11) END
      WHERE id = (SELECT "assignmentId" FROM judgment) RETURNING id)
    SELECT judgment.id FROM judgment, moved`,
);

export async function writeJudgment(
  ctx: JudgmentContext,
  criterion: Criterion,
  annotatorId: string,
  body: SubmitJudgmentInput,
  completes: boolean,
): Promise<string> {
  if (ctx.live) {
    const [written] = await run<{ id: string }>(WRITE_LIVE, [
      newId(),
      ctx.pairId,
      criterion.id,
      annotatorId,
      body.choice,
      ctx.leftImageId,
      body.latencyMs ?? null,
      body.idempotencyKey,
      ctx.assignmentId,
      completes,
      ctx.leaseSeconds,
    ]);
    if (written) return written.id;
  }
  return writeAfterLapse(ctx, criterion, annotatorId, body, completes);
}

async function writeAfterLapse(
  ctx: JudgmentContext,
  criterion: Criterion,
  annotatorId: string,
  body: SubmitJudgmentInput,
  completes: boolean,
): Promise<string> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Pair" WHERE id = ${ctx.pairId} FOR UPDATE`;
    // A lapsed lease may still count if nobody took its place (slots counted as the
    // assignment engine counts them).
    const taken = await slotsTaken(tx, ctx.pairId, annotatorId);
    if ((taken.get(criterion.id) ?? 0) >= criterion.judgmentsPerPair)
      throw new AppError("GONE", "This pair no longer needs your answer; load the next one");
    const judgment = await tx.judgment.create({
      data: {
        pairId: ctx.pairId,
        criterionId: criterion.id,
        annotatorId,
        assignmentId: ctx.assignmentId!,
        choice: body.choice,
        leftImageId: ctx.leftImageId,
        latencyMs: body.latencyMs,
        idempotencyKey: body.idempotencyKey,
      },
      select: { id: true },
    });
    await tx.assignment.update({
      where: { id: ctx.assignmentId! },
      data: completes
        ? { status: "completed", completedAt: new Date() }
        : { status: "leased", leaseExpiresAt: new Date(Date.now() + ctx.leaseSeconds * 1000) },
    });
    return judgment.id;
  }, VOTING_TX);
}

/** A unique-key violation, from a Prisma model call (P2002), Prisma raw SQL or pg itself (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as {
    code?: string;
    meta?: { code?: string; driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } };
    message?: string;
  };
  if (e?.code === "P2002" || e?.code === "23505") return true;
  if (e?.meta?.code === "23505") return true;
  const cause = e?.meta?.driverAdapterError?.cause;
  if (cause?.originalCode === "23505" || cause?.kind === "UniqueConstraintViolation") return true;
  return e?.code === "P2010" && /23505|unique constraint/i.test(e.message ?? "");
}

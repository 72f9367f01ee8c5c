import { z } from "zod";

/**
 * Crowd-platform parameters on a join link. Prolific: PROLIFIC_PID, STUDY_ID, SESSION_ID.
 * MTurk: workerId, assignmentId, hitId (assignmentId ASSIGNMENT_ID_NOT_AVAILABLE = HIT preview).
 * The ids (PROLIFIC_PID, workerId) must have their platform's format: they name an identity.
 */
const crowdValue = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(128, "at most 128 characters")
  .regex(/^[A-Za-z0-9_\-:]+$/, "letters, digits, '_', '-' and ':' only");

/** Prolific participant ids are 24 hex digits (a MongoDB ObjectId); case is not significant. */
const prolificPid = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{24}$/, "a Prolific id is 24 hexadecimal digits")
  .transform((id) => id.toLowerCase());

/** MTurk WorkerId as the MTurk API documents it: `^A[A-Z0-9]+$`, at most 64 characters. */
const mturkWorkerId = z
  .string()
  .trim()
  .max(64, "an MTurk worker id has at most 64 characters")
  .regex(/^A[A-Z0-9]+$/, "an MTurk worker id is A followed by capital letters and digits");

export const crowdParamsSchema = z
  .object({
    PROLIFIC_PID: prolificPid.optional(),
    STUDY_ID: crowdValue.optional(),
    SESSION_ID: crowdValue.optional(),
    workerId: mturkWorkerId.optional(),
    assignmentId: crowdValue.optional(),
    hitId: crowdValue.optional(),
  })
  .refine((p) => !(p.PROLIFIC_PID && p.workerId), {
    message: "give PROLIFIC_PID or workerId, not both",
    path: ["workerId"],
  });

export type CrowdParams = z.infer<typeof crowdParamsSchema>;

export const MTURK_PREVIEW = "ASSIGNMENT_ID_NOT_AVAILABLE";

export interface CrowdIdentity {
  source: "prolific" | "mturk";
  id: string;
  studyId: string | null;
  sessionId: string | null;
  hitId: string | null;
  assignmentId: string | null;
}

/** Picks the crowd parameters out of a query string (other keys are ignored); empty ones are dropped. */
export function pickCrowdParams(query: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ["PROLIFIC_PID", "STUDY_ID", "SESSION_ID", "workerId", "assignmentId", "hitId"]) {
    const raw = query[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value === "string" && value.trim() !== "") out[key] = value;
  }
  return out;
}

export function crowdIdentity(params: CrowdParams): CrowdIdentity | null {
  if (params.PROLIFIC_PID) {
    return {
      source: "prolific",
      id: params.PROLIFIC_PID,
      studyId: params.STUDY_ID ?? null,
      sessionId: params.SESSION_ID ?? null,
      hitId: null,
      assignmentId: null,
    };
  }
  if (params.workerId) {
    return {
      source: "mturk",
      id: params.workerId,
      studyId: null,
      sessionId: null,
      hitId: params.hitId ?? null,
      assignmentId: params.assignmentId ?? null,
    };
  }
  return null;
}

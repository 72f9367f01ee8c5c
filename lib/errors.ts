import { z } from "zod";

/**
 * The one application error. Every use case throws it (or lets zod throw); route handlers turn
 * it into RFC 9457 problem+json through `lib/http/problem.ts`. Never a bare 500 for bad input.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  /** Dotted path of the offending field, or `file:line` for file input. */
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];

  constructor(code: ErrorCode, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.issues = issues;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static fromZod(error: z.ZodError, what = "input"): AppError {
    const issues = error.issues.map((i) => ({ field: i.path.join(".") || "(root)", message: i.message }));
    const first = issues[0];
    const summary = first ? `${first.field}: ${first.message}` : "invalid";
    return new AppError("VALIDATION", `Invalid ${what}: ${summary}`, issues);
  }
}

/** Parse with a zod schema or throw an AppError naming each bad field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, what?: string): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw AppError.fromZod(result.error, what);
  return result.data;
}

export function notFound(what: string): AppError {
  return new AppError("NOT_FOUND", `${what} not found`);
}

import type { z } from "zod";

/** A model's configuration is invalid; the message names every offending field path. */
export class ModelConfigError extends Error {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "ModelConfigError";
  }
}

/** Generation failed for a reason a retry will not fix (bad request, non-image response, …). */
export class GenerationError extends Error {
  constructor(
    message: string,
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "GenerationError";
  }
}

/** Render zod issues as `path.to.field: message` so an operator can find the field at once. */
export function describeZodIssues(prefix: string, issues: z.core.$ZodIssue[]): ModelConfigError {
  const described = issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join(".") : "(root)",
    message: issue.message,
  }));
  const lines = described.map((d) => `${d.path}: ${d.message}`);
  return new ModelConfigError(`${prefix}: ${lines.join("; ")}`, described);
}

/**
 * Generation stopped because its image is no longer wanted (the campaign was paused or
 * completed): not a failure of the model, and not to be retried until someone asks again.
 */
export class GenerationCancelled extends GenerationError {
  readonly cancelled = true;
  constructor(message: string) {
    super(message, false);
    this.name = "GenerationCancelled";
  }
}

/** Longest service failure message kept in a job's error. */
export const SERVICE_MESSAGE_MAX = 300;

/**
 * A job service's own failure message (the documented error field of its status, such as
 * Replicate's `error` or ComfyUI's `exception_message`), made safe to show on the campaign page:
 * only a string is taken (an object there is not a message), control characters and markup
 * brackets are dropped, whitespace is collapsed and the text is cut to SERVICE_MESSAGE_MAX
 * characters. Undefined when there is no usable message.
 */
export function serviceMessage(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const clean = value
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f<>]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!clean) return undefined;
  return clean.length > SERVICE_MESSAGE_MAX ? `${clean.slice(0, SERVICE_MESSAGE_MAX - 1)}…` : clean;
}

/** A job id as the service gave it, fit for a message: short, and only letters, digits, _ : and - (it goes into JSON paths and URLs). */
export function safeJobId(value: unknown): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const id = String(value);
  return /^[\w:-]{1,128}$/.test(id) ? id : undefined;
}

import { randomBytes } from "node:crypto";

/**
 * A multipart/form-data body from a flat object (Stability's API takes its fields this way).
 * Strings and numbers are sent as they are, other values as JSON; empty strings, null and
 * undefined are left out (a service told `negative_prompt=` may refuse the empty field).
 */
export function multipartBody(fields: unknown): { body: Buffer; contentType: string } {
  if (!fields || typeof fields !== "object" || Array.isArray(fields))
    throw new Error("a multipart body template must be an object of form fields");
  const boundary = `----photogenic${randomBytes(12).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null || value === "") continue;
    const text = typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${name.replace(/["\r\n]/g, "_")}"\r\n\r\n${text}\r\n`,
        "utf8",
      ),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`, "utf8"));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

import "server-only";
import path from "node:path";
import { z } from "zod";
import { AppError, parseOrThrow } from "../errors";
import { PROMPT_FORMATS, type ByteChunks, type PromptFormat } from "./index";

/** Largest prompt file accepted by upload (100,000 long prompts fit in about 20 MB). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** Room for the multipart envelope and the small text fields around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

export const uploadFieldsSchema = z.object({
  name: z.string().trim().max(200, "at most 200 characters").optional(),
  format: z
    .union([z.enum(PROMPT_FORMATS, { error: `must be one of ${PROMPT_FORMATS.join(", ")}` }), z.literal("")])
    .optional()
    .transform((v) => (v ? v : undefined)),
  maxLength: z
    .union([
      z.literal(""),
      z.coerce
        .number({ error: "must be a number" })
        .int("must be a whole number")
        .min(1, "must be 1 or more")
        .max(100_000, "at most 100,000"),
    ])
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
});

export interface PromptUpload {
  name: string;
  fileName: string;
  stream: ByteChunks;
  format?: PromptFormat;
  maxLength?: number;
}

const tooLarge = () =>
  new AppError(
    "PAYLOAD_TOO_LARGE",
    `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; split it or import it with \`photogenic prompts import\``,
    [{ field: "file", message: `larger than ${MAX_UPLOAD_BYTES} bytes` }],
  );

/**
 * Reads a multipart upload: `file` (required), `name` (default: the file's name without its
 * extension), `format` (default: detected), `maxLength`. Oversized bodies are refused from
 * Content-Length before anything is read.
 */
export async function readPromptUpload(request: Request): Promise<PromptUpload> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Upload the prompt file as multipart/form-data with a `file` field", [
      { field: "file", message: "missing" },
    ]);
  }
  const length = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(length) && length > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD) throw tooLarge();

  let form: FormData;
  try {
    form = await request.formData();
  } catch (error) {
    throw new AppError(
      "BAD_REQUEST",
      `The upload could not be read as multipart/form-data: ${(error as Error).message}`,
      [{ field: "file", message: "unreadable" }],
    );
  }
  const file = form.get("file");
  if (!(file instanceof Blob) || !("name" in file))
    throw new AppError("VALIDATION", "Choose a prompt file to upload", [{ field: "file", message: "required" }]);
  if (file.size > MAX_UPLOAD_BYTES) throw tooLarge();

  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" ? value : undefined;
  };
  const fields = parseOrThrow(
    uploadFieldsSchema,
    { name: text("name"), format: text("format"), maxLength: text("maxLength") },
    "upload",
  );
  const fileName = path.basename(String(file.name || "prompts.txt"));
  return {
    name: fields.name || defaultSetName(fileName),
    fileName,
    stream: file.stream() as unknown as ByteChunks,
    format: fields.format,
    maxLength: fields.maxLength,
  };
}

/** `PartiPrompts.tsv` → `PartiPrompts`. */
export function defaultSetName(fileName: string): string {
  const base = path.basename(fileName);
  const ext = path.extname(base);
  return (ext && base.length > ext.length ? base.slice(0, -ext.length) : base).trim() || "Prompts";
}

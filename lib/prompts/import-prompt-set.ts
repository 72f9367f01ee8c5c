import "server-only";
import path from "node:path";
import { z } from "zod";
import { newId } from "../db/new-id";
import { db } from "../db";
import { execute, run } from "../db/prepared";
import { INSERT_PROMPTS, LOCK_PROMPT_SET_NAME } from "./statements";
import { AppError, parseOrThrow, type FieldIssue } from "../errors";
import {
  formatIssue,
  parsePromptFile,
  PROMPT_FORMATS,
  type ByteChunks,
  type ImportReport,
  type ParsedPrompt,
  type PromptFormat,
} from "./index";

/** Rows per INSERT: 5,000 × 7 columns stays far below PostgreSQL's 65,535 bind parameters. */
export const IMPORT_BATCH_SIZE = 5000;

/** A 100,000-prompt import runs well under a minute; the default 5 s of Prisma would abort it. */
const TRANSACTION_TIMEOUT_MS = 10 * 60_000;

export const promptSetNameSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200, "at most 200 characters")
  .refine((name) => ![...name].some((ch) => ch.charCodeAt(0) < 0x20), "must not contain control characters");

export const importOptionsSchema = z.object({
  name: promptSetNameSchema,
  fileName: z.string().trim().min(1, "must not be empty").max(500),
  format: z.enum(PROMPT_FORMATS).optional(),
  maxLength: z.number().int().min(1).max(100_000).optional(),
  userId: z.string().min(1).nullable().optional(),
});

export interface ImportPromptSetInput {
  /** The set's name; importing again under the same name creates the next version. */
  name: string;
  /** The uploaded file's name: shown in the report, used for format detection. */
  fileName: string;
  stream: ByteChunks;
  format?: PromptFormat;
  maxLength?: number;
  /** Who imported it (null for the CLI without a user). */
  userId?: string | null;
}

export interface ImportedPromptSet {
  id: string;
  name: string;
  version: number;
  promptCount: number;
}

/** Thrown when the file has errors: carries the whole report (warnings too) for the UI and CLI. */
export class PromptImportError extends AppError {
  readonly report: ImportReport;

  constructor(report: ImportReport) {
    const first = report.issues.find((i) => i.severity === "error");
    const summary = first ? ` First: line ${first.line}: ${first.message}` : "";
    super(
      "VALIDATION",
      `${report.fileName}: ${report.errorCount} error${report.errorCount === 1 ? "" : "s"}; nothing was imported.${summary}`,
      report.issues
        .filter((i) => i.severity === "error")
        .map((issue): FieldIssue => ({
          field: `${report.fileName}:${issue.line}${issue.field ? ` (${issue.field})` : ""}`,
          message: `[${issue.code}] ${issue.message}`,
        })),
    );
    this.name = "PromptImportError";
    this.report = report;
  }

  /** `file:line: error [code] message`, one per issue, for a terminal. */
  lines(): string[] {
    return this.report.issues.map((issue) => formatIssue(this.report.fileName, issue));
  }
}

/**
 * Parses and validates a prompt file, then writes it as the next version of the named set —
 * all or nothing. A file with any error writes nothing and throws PromptImportError (an
 * AppError VALIDATION naming each line). Otherwise one transaction takes a per-name lock
 * (so two uploads of the same name cannot race for a version number), creates the PromptSet
 * at max(version) + 1 and inserts its prompts in batches, keeping file order as `position`.
 * Earlier versions are never touched, so a campaign keeps the version it was launched with.
 */
export async function importPromptSet(
  input: ImportPromptSetInput,
): Promise<{ promptSet: ImportedPromptSet; report: ImportReport }> {
  const options = parseOrThrow(importOptionsSchema, { ...input, stream: undefined }, "import options");
  const { prompts, report } = await parsePromptFile({
    fileName: path.basename(options.fileName),
    stream: input.stream,
    format: options.format,
    maxLength: options.maxLength,
  });
  if (!report.ok) throw new PromptImportError(report);

  const promptSet = await db.$transaction(
    async (tx) => {
      // Serialise imports of one name; the unique (name, version) index is the backstop.
      await run(LOCK_PROMPT_SET_NAME, [`prompt-set:${options.name}`], tx);
      const latest = await tx.promptSet.aggregate({ where: { name: options.name }, _max: { version: true } });
      const version = (latest._max.version ?? 0) + 1;
      const created = await tx.promptSet.create({
        data: {
          name: options.name,
          version,
          format: report.format,
          sourceFile: report.fileName,
          promptCount: prompts.length,
          report: report as unknown as object,
          createdById: options.userId ?? null,
        },
        select: { id: true, name: true, version: true, promptCount: true },
      });
      for (let start = 0; start < prompts.length; start += IMPORT_BATCH_SIZE) {
        await insertBatch(tx, created.id, prompts.slice(start, start + IMPORT_BATCH_SIZE), start);
      }
      return created;
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 30_000 },
  );
  return { promptSet, report };
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** One INSERT … SELECT FROM unnest(arrays) per batch (INSERT_PROMPTS). */
async function insertBatch(tx: Tx, promptSetId: string, batch: ParsedPrompt[], offset: number): Promise<void> {
  const ids = batch.map(() => newId());
  const externalIds = batch.map((p) => p.id);
  const texts = batch.map((p) => p.text);
  const categories = batch.map((p) => p.category ?? null);
  const challenges = batch.map((p) => p.challenge ?? null);
  const notes = batch.map((p) => p.note ?? null);
  const positions = batch.map((_, i) => offset + i);
  await execute(INSERT_PROMPTS, [promptSetId, ids, externalIds, texts, categories, challenges, notes, positions], tx);
}

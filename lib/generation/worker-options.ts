import { Command, CommanderError } from "commander";
import { z } from "zod";
import { commaList } from "../comma-list";

/** `npm run worker -- [--concurrency N] [--device cpu|cuda:N] [--models a,b] [--batch N]` */
export const workerOptionsSchema = z.object({
  /**
   * Claims in flight per model. Two by default: while one claim's images are stored and recorded,
   * the next claim is already generating, so the model never waits on the database.
   */
  concurrency: z.coerce.number().int().min(1).max(64).default(2),
  device: z
    .string()
    .regex(/^(cpu|cuda:\d+)$/, "cpu or cuda:N")
    .default("cpu"),
  models: z
    .string()
    .optional()
    .transform((v) => (v ? commaList(v) : [])),
  /** Jobs claimed at once; when absent, per model (claimSize). */
  batch: z.coerce.number().int().min(1).max(64).optional(),
});

export type WorkerOptions = z.infer<typeof workerOptionsSchema>;

/** The worker's command line, declared like the `photogenic` CLI's (scripts/cli.ts); zod checks the values. */
export function workerCommand(): Command {
  return new Command("worker")
    .description("A generation worker process: claims jobs of the models it serves and records their images")
    .option("--concurrency <n>", "claims in flight per model (default 2)")
    .option("--device <device>", "cpu or cuda:N (default cpu)")
    .option("--models <names>", "comma-separated names of the models to serve (default: all)")
    .option("--batch <n>", "jobs claimed at once (default: four forward passes of the model)")
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
}

/**
 * Reads the worker's flags. A bad flag or value throws an Error whose message names it; --help
 * prints the usage and throws commander's CommanderError with exitCode 0.
 */
export function parseWorkerArgs(argv: string[]): WorkerOptions {
  const command = workerCommand();
  try {
    command.parse(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError && error.exitCode !== 0) throw new Error(error.message.replace(/^error: /, ""));
    throw error;
  }
  const parsed = workerOptionsSchema.safeParse(command.opts());
  if (!parsed.success)
    throw new Error(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
  return parsed.data;
}

/**
 * How many jobs a worker claims at once for a model: `--batch` when given, otherwise four of the
 * adapter's forward passes (its `maxBatchSize`; 2 when it has none), at most 64. Bookkeeping per
 * claim (queue fetch and acknowledgement, one insert, pairing) is fixed, so a fast model wants
 * big claims; a slow one small claims, so progress shows and a crash loses little.
 */
export function claimSize(batch: number | undefined, modelConfig: unknown): number {
  if (batch !== undefined) return batch;
  const perPass = (modelConfig as { maxBatchSize?: unknown } | null)?.maxBatchSize;
  return Math.min(64, 4 * (typeof perPass === "number" && perPass >= 1 ? Math.floor(perPass) : 2));
}

import { z } from "zod";

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
    .transform((v) =>
      v
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    ),
  /** Jobs claimed at once; when absent, per model (claimSize). */
  batch: z.coerce.number().int().min(1).max(64).optional(),
});

export type WorkerOptions = z.infer<typeof workerOptionsSchema>;

export function parseWorkerArgs(argv: string[]): WorkerOptions {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new Error(`Unexpected argument "${arg}"`);
    const [key, inline] = arg.slice(2).split("=", 2);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${key} needs a value`);
    raw[key] = value;
  }
  const unknown = Object.keys(raw).filter((k) => !(k in workerOptionsSchema.shape));
  if (unknown.length)
    throw new Error(`Unknown option --${unknown[0]} (known: --concurrency, --device, --models, --batch)`);
  const parsed = workerOptionsSchema.safeParse(raw);
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

import { z } from "zod";
import { commaList } from "./comma-list";

/**
 * The one place that reads process.env. Everything else imports `env` (validated once).
 * Variables are read lazily so that tools which set DATABASE_URL at run time (the embedded
 * PostgreSQL launcher, the test harness) can do so before the first read.
 */
/**
 * `MODEL_HOST_ALLOWLIST`: comma-separated `host` or `host:port` (IPv6 in brackets, `[::1]:8080`)
 * that http models may reach even though they resolve to loopback, private or link-local
 * addresses (an inference server on the same host or network). Empty: public addresses only.
 */
const hostAllowlist = z
  .string()
  .default("")
  .transform((raw, ctx) => {
    const entries: { host: string; port?: number }[] = [];
    for (const item of commaList(raw)) {
      const m = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+))(?::(\d{1,5}))?$/.exec(item);
      const port = m?.[3] === undefined ? undefined : Number(m[3]);
      if (!m || (port !== undefined && (port < 1 || port > 65535))) {
        ctx.addIssue({ code: "custom", message: `"${item}" is not host or host:port ([v6]:port for IPv6)` });
        continue;
      }
      entries.push({ host: (m[1] ?? m[2]).toLowerCase().replace(/\.$/, ""), port });
    }
    return entries;
  });

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(".data"),
  AUTH_SECRET: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  JUDGMENT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  S3_BUCKET: z.string().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_PREFIX: z.string().optional(),
  CHROMIUM_PATH: z.string().optional(),
  // The git commit recorded in reports (lib/results/code-version.ts) where the deployment has no .git.
  PHOTOGENIC_COMMIT: z.string().max(64).optional(),
  // A claimed generation job whose worker went silent this long is handed to another worker.
  GENERATION_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(1).default(120),
  // How often pg-boss looks for such expired jobs (its maintenance loop).
  QUEUE_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).default(30),
  // Hosts http models may reach on loopback / private / link-local addresses (see hostAllowlist).
  MODEL_HOST_ALLOWLIST: hostAllowlist,
  // The only folder import models may read (default <DATA_DIR>/imports; lib/models/folder-roots.ts).
  IMPORT_ROOT: z.string().min(1).optional(),
  // The only folder onnx models may be read from or built into (default <DATA_DIR>/models).
  MODELS_ROOT: z.string().min(1).optional(),
  // Proxies in front of the web servers that append the client's address to X-Forwarded-For
  // (0: none; the address is then the connection's, as next start records it).
  TRUSTED_PROXY_COUNT: z.coerce.number().int().min(0).max(10).default(0),
  // The address people use to reach the app (scheme, host, optional port and path), used for the
  // invitation and join links the app hands out and as the trusted origin of writes; never the
  // request's Host or X-Forwarded-Host. Default: http://localhost:<PORT> (see publicUrl()).
  PUBLIC_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), "must start with http:// or https://")
    .optional(),
  // Joins through join links per client address per hour (lib/access/join-throttle.ts).
  JOIN_RATE_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(60),
  // The annotator cap of a join link created without one (lib/access/join-links.ts).
  JOIN_LINK_DEFAULT_CAP: z.coerce.number().int().positive().default(500),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

export const env: Env = new Proxy({} as Env, {
  get(_target, key: string) {
    cached ??= load();
    return cached[key as keyof Env];
  },
});

/** PUBLIC_URL without a trailing slash, or http://localhost:<PORT> for a local run. */
export function publicUrl(): string {
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

/** Sets a variable for this process and its children, then re-validates on next read. */
export function setEnv(key: keyof Env, value: string): void {
  (process.env as Record<string, string>)[key] = value;
  cached = undefined;
}

/** The environment passed to child processes (next start, workers). */
export function childProcessEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

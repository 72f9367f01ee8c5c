import { z } from "zod";

const schema = z.object({
  pairs: z.coerce.number().int().min(1).max(10_000).default(60),
  annotators: z.coerce.number().int().min(1).max(5000).default(200),
  workers: z.coerce.number().int().min(1).max(16).default(2),
  killEverySeconds: z.coerce.number().min(1).max(600).default(5),
  backgroundJobs: z.coerce.number().int().min(0).max(100_000).default(600),
  imageSize: z.coerce.number().int().min(32).max(1024).default(128),
  thinkMs: z
    .string()
    .regex(/^\d+,\d+$/, "MIN,MAX milliseconds")
    .default("1500,5000")
    .transform((v) => v.split(",").map(Number) as [number, number]),
  arrivalSeconds: z.coerce.number().min(0).max(600).default(30),
  timeoutSeconds: z.coerce.number().int().min(30).max(7200).default(480),
  graceSeconds: z.coerce.number().min(0).max(120).default(10),
  jobExpireSeconds: z.coerce.number().int().min(5).max(600).default(20),
  pgRestart: z.string().optional(),
  reuseBuild: z.boolean().default(false),
  keepData: z.boolean().default(false),
  corpus: z.boolean().default(false),
  report: z.string().optional(),
});

export type ChaosOptions = z.infer<typeof schema>;

const FLAGS: Record<string, keyof ChaosOptions> = {
  "--pairs": "pairs",
  "--annotators": "annotators",
  "--workers": "workers",
  "--kill-every": "killEverySeconds",
  "--background-jobs": "backgroundJobs",
  "--image-size": "imageSize",
  "--think": "thinkMs",
  "--arrival": "arrivalSeconds",
  "--timeout": "timeoutSeconds",
  "--grace": "graceSeconds",
  "--job-expire": "jobExpireSeconds",
  "--pg-restart": "pgRestart",
  "--report": "report",
};
const SWITCHES: Record<string, keyof ChaosOptions> = {
  "--reuse-build": "reuseBuild",
  "--keep-data": "keepData",
  "--corpus": "corpus",
};

export function parseChaosArgs(argv: string[]): ChaosOptions {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    if (SWITCHES[flag]) raw[SWITCHES[flag]] = true;
    else if (FLAGS[flag]) raw[FLAGS[flag]] = inline ?? argv[++i];
    else
      throw new Error(
        `Unknown option ${flag} (known: ${[...Object.keys(FLAGS), ...Object.keys(SWITCHES)].join(", ")})`,
      );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return parsed.data;
}

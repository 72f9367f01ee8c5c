import { z } from "zod";
import { AppError } from "../errors";
import { commaList } from "../comma-list";
import { CROWD_SIGNALS, type CampaignStatsSettings, type CrowdSignal } from "../stats";

/**
 * The settings that change a campaign's results. They travel as query parameters (page, API) or
 * CLI flags, are validated here, and are recorded in every export so a figure can be reproduced.
 * Pure (no server-only): the CLI and the page parse them the same way.
 */
export const AGGREGATIONS = ["majority", "judgment", "dawid-skene"] as const;
export const TIE_RULES = ["half", "excluded"] as const;
export const INTERVAL_METHODS = ["bootstrap-bca", "bootstrap-percentile", "wilson"] as const;

/** An annotator pseudonym as exports show it: "a-" and 10 hex digits (see pseudonyms.ts). */
export const PSEUDONYM_PATTERN = /^a-[0-9a-f]{10}$/;

const listOfPseudonyms = z
  .string()
  .max(20_000)
  .transform(commaList)
  .pipe(z.array(z.string().regex(PSEUDONYM_PATTERN, "annotator pseudonyms look like a-0123456789")).max(1000));

/**
 * Which quality flags leave an annotator out: a comma-separated list of CROWD_SIGNALS ("gold",
 * "speed", "side-bias", "timing", "loo-agreement", "shared-device"), or "none". Absent (null): the
 * campaign's rule — with excludeFlagged on, annotators flagged live while voting (gold or speed,
 * lib/judgments/quality-checks.ts) are left out, as before these signals existed.
 */
const listOfSignals = z
  .string()
  .max(200)
  .transform(commaList)
  .pipe(z.array(z.enum([...CROWD_SIGNALS, "none"], { message: `flags are ${CROWD_SIGNALS.join(", ")} or none` })))
  .refine((list) => !(list.includes("none") && list.length > 1), "none cannot be combined with flags")
  .transform((list): CrowdSignal[] => CROWD_SIGNALS.filter((s) => list.includes(s)));

export const resultsSettingsSchema = z.object({
  aggregation: z.enum(AGGREGATIONS).default("majority"),
  ties: z.enum(TIE_RULES).default("half"),
  interval: z.enum(INTERVAL_METHODS).default("bootstrap-bca"),
  level: z.coerce.number().gt(0.5, "level must be above 0.5").lt(1, "level must be below 1").default(0.95),
  rounds: z.coerce.number().int("rounds must be a whole number").min(100).max(10_000).default(1000),
  seed: z.coerce
    .number()
    .int("seed must be a whole number")
    .min(1)
    .max(2 ** 31 - 1)
    .default(1),
  target: z.coerce.number().gt(0, "target must be above 0").max(0.5).default(0.05),
  exclude: listOfPseudonyms.default([]),
  excludeFlagged: listOfSignals.nullable().default(null),
  /**
   * The model each criterion's verdict and matchups are read from ("smooth wins 72% … over
   * noisy"); null: the default (lib/results/reference-model.ts). Presentation only: the figures
   * do not depend on it, so it is not part of the results' cache address.
   */
  reference: z.string().trim().min(1).max(200, "reference must be a model name").nullable().default(null),
});

export type ResultsSettings = z.output<typeof resultsSettingsSchema>;

export const DEFAULT_RESULTS_SETTINGS: ResultsSettings = resultsSettingsSchema.parse({});

/** Keys of the settings, for callers that must tell settings apart from their own parameters. */
export const RESULTS_SETTING_KEYS = Object.keys(resultsSettingsSchema.shape) as (keyof ResultsSettings)[];

/**
 * Settings from query parameters (URLSearchParams or a Next searchParams object). Only the keys of
 * the schema are read, so a page may carry its own parameters beside them. A parameter given twice
 * is an error: which one counts would otherwise be a guess. Throws AppError VALIDATION naming the field.
 */
export function parseResultsSettings(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): ResultsSettings {
  const raw: Record<string, string> = {};
  for (const key of RESULTS_SETTING_KEYS) {
    const values =
      params instanceof URLSearchParams
        ? params.getAll(key)
        : [params[key]].flat().filter((v): v is string => v !== undefined);
    if (values.length > 1)
      throw new AppError("VALIDATION", `Invalid results settings: ${key}: given more than once`, [
        { field: key, message: "given more than once" },
      ]);
    if (values.length === 1 && values[0] !== "") raw[key] = values[0];
  }
  const parsed = resultsSettingsSchema.safeParse(raw);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "results settings");
  return parsed.data;
}

/** The settings as query parameters, defaults left out, in a fixed order (export links, page links). */
export function settingsQuery(s: ResultsSettings): URLSearchParams {
  const q = new URLSearchParams();
  for (const key of RESULTS_SETTING_KEYS) {
    const value = s[key];
    const fallback = DEFAULT_RESULTS_SETTINGS[key];
    if (key === "excludeFlagged") {
      if (s.excludeFlagged !== null) q.set(key, s.excludeFlagged.length > 0 ? s.excludeFlagged.join(",") : "none");
    } else if (Array.isArray(value)) {
      if (value.length > 0) q.set(key, value.join(","));
    } else if (value !== fallback) q.set(key, String(value));
  }
  return q;
}

/** What lib/stats is asked to compute for these settings (the rest of its defaults stand). */
export function statsSettingsFor(s: ResultsSettings, baselineModel: string | null): CampaignStatsSettings {
  return {
    counting: s.aggregation === "judgment" ? "judgment" : "majority",
    dawidSkene: s.aggregation === "dawid-skene",
    level: s.level,
    bootstrapRounds: s.rounds,
    seed: s.seed,
    targetHalfWidth: s.target,
    baselineModel,
  };
}

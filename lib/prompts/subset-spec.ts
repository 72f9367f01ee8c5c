import { z } from "zod";

const names = z.array(z.string().trim().min(1, "must not be empty")).max(10_000);

const filters = {
  /** Keep only prompts in these categories (matched trimmed, case-insensitively). */
  includeCategories: names.optional(),
  excludeCategories: names.optional(),
  includeChallenges: names.optional(),
  excludeChallenges: names.optional(),
  /** Seed of the sample; the same seed and prompt set always give the same subset. */
  seed: z.number().int().min(0).max(0xffff_ffff).default(0),
};

/**
 * Which prompts of a set a campaign uses. Filters apply first, then the mode:
 * - `all`: every prompt that passes the filters;
 * - `per-category`: at most `perCategory` prompts from each category (all of a smaller one);
 * - `fraction`: that share of the filtered set, apportioned over categories so each keeps its
 *   proportion (largest remainder; the total is round(fraction × filtered)).
 */
export const subsetSpecSchema = z
  .discriminatedUnion("mode", [
    z.strictObject({ mode: z.literal("all"), ...filters }),
    z.strictObject({
      mode: z.literal("per-category"),
      perCategory: z.number().int().min(1).max(1_000_000),
      ...filters,
    }),
    z.strictObject({
      mode: z.literal("fraction"),
      fraction: z.number().gt(0, "must be greater than 0").max(1),
      ...filters,
    }),
  ])
  .superRefine((spec, ctx) => {
    for (const [include, exclude] of [
      ["includeCategories", "excludeCategories"],
      ["includeChallenges", "excludeChallenges"],
    ] as const) {
      const included = new Set((spec[include] ?? []).map((n) => n.toLowerCase()));
      const both = (spec[exclude] ?? []).filter((n) => included.has(n.toLowerCase()));
      if (both.length > 0)
        ctx.addIssue({ code: "custom", path: [exclude], message: `both included and excluded: ${both.join(", ")}` });
    }
  });

export type SubsetSpec = z.output<typeof subsetSpecSchema>;
export type SubsetSpecInput = z.input<typeof subsetSpecSchema>;

export interface SubsetSpecError {
  /** Dotted path of the offending field, e.g. "fraction" or "includeCategories.2". */
  field: string;
  message: string;
}

/** Validates untrusted input (a form, CLI flags, JSON) into a SubsetSpec, naming each bad field. */
export function parseSubsetSpec(
  input: unknown,
): { ok: true; spec: SubsetSpec } | { ok: false; errors: SubsetSpecError[] } {
  const result = subsetSpecSchema.safeParse(input);
  if (result.success) return { ok: true, spec: result.data };
  const errors = result.error.issues.flatMap((issue): SubsetSpecError[] => {
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => ({ field: key, message: "unknown field" }));
    return [{ field: issue.path.map(String).join(".") || "(spec)", message: issue.message }];
  });
  return { ok: false, errors };
}

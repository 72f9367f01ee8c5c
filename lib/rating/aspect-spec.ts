import { z } from "zod";
import { HEIM_ASPECTS, RATING_SCALES, type ScaleKind } from "../stats/rating/scales";
import type { ItemAspectRow } from "./statements";

/**
 * The aspects of a rating campaign (issue 22) as the campaign spec takes them — `aspects: heim`
 * (HEIM's five, lib/stats/rating/scales.ts) or a list — and as they are stored: one Criterion row
 * per aspect with its scale, one label per scale value and `judgmentsPerPair` = ratings per image.
 * Pure: no database, no server-only import (the wizard and spec files use it too).
 */
export const ASPECT_SCALES = ["likert5", "likert3", "yes-no"] as const satisfies readonly ScaleKind[];

export const aspectSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "lower-case letters, digits and _"),
  /** A short name for tables; the key when absent. */
  label: z.string().trim().min(1).max(60).optional(),
  question: z.string().trim().min(3).max(500),
  /** Whether the prompt is shown with the image while this aspect is asked (HEIM hides it for photorealism). */
  showPrompt: z.boolean().default(true),
  scale: z.enum(ASPECT_SCALES, { message: `the scale is one of ${ASPECT_SCALES.join(", ")}` }),
  /** One label per scale value, lowest first; the scale's default labels when absent. */
  labels: z.array(z.string().trim().min(1).max(300)).optional(),
});

export type AspectSpec = z.output<typeof aspectSchema>;

const aspectList = z.array(aspectSchema).min(1).max(8);

/**
 * `heim` (the template) or the aspects themselves. Not a zod union: a union reports one issue at
 * `aspects`, where a list's issues should name their field (`aspects.0.scale`).
 */
export const aspectsSchema = z
  .custom<"heim" | z.input<typeof aspectList>>()
  .transform((value, ctx): "heim" | AspectSpec[] => {
    if (value === "heim") return "heim";
    if (!Array.isArray(value)) {
      ctx.addIssue({ code: "custom", message: 'give "heim" or a list of aspects' });
      return z.NEVER;
    }
    const parsed = aspectList.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    return z.NEVER;
  });

/** HEIM's aspects as spec entries (the wizard's ready template). */
export function heimAspects(): AspectSpec[] {
  return HEIM_ASPECTS.map((a) => ({
    key: a.key,
    label: a.key.replace(/_/g, " "),
    question: a.question,
    showPrompt: a.showPrompt,
    scale: a.scale,
    labels: [...a.labels],
  }));
}

/** The aspects a spec names, the template expanded. */
export function resolveAspects(aspects: z.output<typeof aspectsSchema> | undefined): AspectSpec[] {
  if (aspects === undefined || aspects === "heim") return heimAspects();
  return aspects;
}

/** Issues of a list of aspects: unique keys, one label per scale value. */
export function checkAspects(aspects: AspectSpec[], ctx: z.RefinementCtx, path: PropertyKey[] = ["aspects"]): void {
  if (new Set(aspects.map((a) => a.key)).size !== aspects.length)
    ctx.addIssue({ code: "custom", path, message: "aspect keys must be unique" });
  aspects.forEach((a, i) => {
    const levels = RATING_SCALES[a.scale].values.length;
    if (a.labels && a.labels.length !== levels)
      ctx.addIssue({
        code: "custom",
        path: [...path, i, "labels"],
        message: `the ${a.scale} scale needs ${levels} labels, lowest first (got ${a.labels.length})`,
      });
  });
}

/** The database's name of a scale (an enum value cannot hold "-"). */
export const toDbScale = (s: ScaleKind) => (s === "yes-no" ? "yes_no" : s);
export const fromDbScale = (s: string): ScaleKind => (s === "yes_no" ? "yes-no" : (s as ScaleKind));

/** The Criterion rows of a rating campaign's aspects. */
export function aspectsToCriteria(aspects: AspectSpec[], ratingsPerImage: number) {
  return aspects.map((a, position) => ({
    key: a.key,
    label: a.label ?? null,
    question: a.question,
    showPrompt: a.showPrompt,
    choices: [],
    scale: toDbScale(a.scale),
    scaleLabels: a.labels ?? [...RATING_SCALES[a.scale].labels],
    judgmentsPerPair: ratingsPerImage,
    position,
  }));
}

/** The spec fields that recreate a rating campaign's aspects from its Criterion rows. */
export function ratingSpecOf(criteria: Omit<ItemAspectRow, "id">[]): {
  taskType: "rating";
  aspects: AspectSpec[];
  ratingsPerImage: number;
} {
  return {
    taskType: "rating",
    ratingsPerImage: criteria[0]?.judgmentsPerPair ?? 3,
    aspects: criteria.map((c) => ({
      key: c.key,
      ...(c.label ? { label: c.label } : {}),
      question: c.question,
      showPrompt: c.showPrompt,
      scale: fromDbScale(c.scale ?? "likert5"),
      labels: c.scaleLabels,
    })),
  };
}

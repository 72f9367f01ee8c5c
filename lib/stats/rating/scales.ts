/**
 * Rating scales and the ready aspect templates of single-image rating (issue 22).
 * A scale is ordered, lowest value first; the statistics read the values as numbers (means,
 * interval α) and as ordered categories (distribution, ordinal α).
 */

export type ScaleKind = "likert5" | "likert3" | "yes-no";

export interface RatingScale {
  kind: ScaleKind;
  /** The values an answer can take, lowest first. */
  values: readonly number[];
  /** Default label of each value (same order); a template may word them for its question. */
  labels: readonly string[];
}

export const RATING_SCALES: Readonly<Record<ScaleKind, RatingScale>> = {
  likert5: { kind: "likert5", values: [1, 2, 3, 4, 5], labels: ["Very poor", "Poor", "Fair", "Good", "Excellent"] },
  likert3: { kind: "likert3", values: [1, 2, 3], labels: ["No", "Partly", "Yes"] },
  "yes-no": { kind: "yes-no", values: [0, 1], labels: ["No", "Yes"] },
};

/** One question asked about one image. */
export interface AspectTemplate {
  /** Stable key (the criterion key of a campaign). */
  key: string;
  question: string;
  /** Whether the annotator sees the prompt with the image (HEIM hides it for photorealism, Emu for appeal). */
  showPrompt: boolean;
  scale: ScaleKind;
  /** One label per scale value, lowest first. */
  labels: readonly string[];
}

/**
 * HEIM's human-rated aspects (Lee et al. 2023, "Holistic Evaluation of Text-to-Image Models",
 * NeurIPS Datasets & Benchmarks, arXiv 2311.04287, Table 2 and Appendix; question and answer
 * wording as in HELM's scripts/heim_human_eval.py). Alignment, aesthetics, originality and
 * photorealism are 1–5 scales; subject clarity is HEIM's three-way yes / can't tell / no, kept
 * here as an ordered 1–3 scale. Photorealism is asked without the prompt, as in HEIM.
 */
export const HEIM_ASPECTS: readonly AspectTemplate[] = [
  {
    key: "alignment",
    question: "How well does the image match the description?",
    showPrompt: true,
    scale: "likert5",
    labels: [
      "Does not match at all",
      "Has significant discrepancies",
      "Has several minor discrepancies",
      "Has a few minor discrepancies",
      "Matches exactly",
    ],
  },
  {
    key: "aesthetics",
    question: "How aesthetically pleasing is the image?",
    showPrompt: true,
    scale: "likert5",
    labels: [
      "I find the image ugly.",
      "The image has a lot of flaws, but it's not completely unappealing.",
      "I find the image neither ugly nor aesthetically pleasing.",
      "The image is aesthetically pleasing and nice to look at.",
      "The image is aesthetically stunning. I can look at it all day.",
    ],
  },
  {
    key: "originality",
    question: "How original is the image, given it was created with the description?",
    showPrompt: true,
    scale: "likert5",
    labels: [
      "I've seen something like this before to the point it's become tiresome.",
      "The image is not really original, but it has some originality to it.",
      "Neutral.",
      "I find the image to be fresh and original.",
      "I find the image to be extremely creative and out of this world.",
    ],
  },
  {
    key: "photorealism",
    question: "Does the image look like an AI-generated photo or a real photo?",
    showPrompt: false,
    scale: "likert5",
    labels: [
      "AI-generated photo",
      "Probably an AI-generated photo, but photorealistic",
      "Neutral",
      "Probably a real photo, but with irregular textures and shapes",
      "Real photo",
    ],
  },
  {
    key: "subject_clarity",
    question:
      "Is it clear who the subject(s) of the image is? The subject can be a living being (e.g., a dog or a person) or an inanimate body or object (e.g., a mountain).",
    showPrompt: true,
    scale: "likert3",
    labels: ["No, it's unclear.", "I don't know. It's hard to tell.", "Yes, it's clear."],
  },
];

/**
 * Throws unless `value` is one of the scale's values; the message names the record and aspect.
 * Complexity: O(levels).
 */
export function checkScaleValue(value: number, scale: RatingScale, where: string): void {
  if (!scale.values.includes(value))
    throw new RangeError(`${where}: value ${value} is not on the ${scale.kind} scale (${scale.values.join(", ")})`);
}

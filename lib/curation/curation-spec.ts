import { z } from "zod";
import { EMU_PHOTOGRAPHY_RUBRIC, stageRuleWords, type CurationRubric, type StageRule } from "../stats/curation";

/**
 * A curation campaign (issue 22) as the campaign spec takes it and as `Campaign.curation` stores
 * it: the written rubric (Markdown, shown to the annotator; Emu's photography principles when
 * absent), the yes/no question, the stages — stage 1 by the crowd, stage 2 (optional) only the
 * survivors, by the campaign's experts — each with its votes per image and acceptance rule
 * (`majority`, or a number: accepted with at least that many accepts), and where the images come
 * from: the campaign's models (generated as today) or `imageFolder`, a folder of images with
 * captions inside IMPORT_ROOT (lib/curation/read-curation-folder.ts). Each stage is stored as one
 * Criterion (key `stage_<n>`, judgmentsPerPair = its votes per image). Pure: the wizard and spec
 * files use it too.
 */
export const MAX_CURATION_STAGES = 2;

export const curationStageSchema = z.strictObject({
  /** N: votes each image gets at this stage. */
  votes: z.number().int().min(1).max(50),
  /** `majority` (a tie rejects) or the least number of accepts that keeps the image. */
  accept: z.union([z.literal("majority"), z.number().int().min(1).max(50)]).default("majority"),
});

export type CurationStageSpec = z.output<typeof curationStageSchema>;

/** Emu-style defaults (lib/stats/curation EMU_STYLE_STAGES): 3 crowd votes, any one keeps it; then 2 experts, both must. */
export const DEFAULT_CURATION_STAGES: CurationStageSpec[] = [
  { votes: 3, accept: 1 },
  { votes: 2, accept: 2 },
];

export const curationSpecSchema = z
  .strictObject({
    /** The rubric as Markdown; Emu's photography principles when absent. */
    rubric: z.string().trim().min(3).max(20_000).optional(),
    /** The question asked of every image. */
    question: z.string().trim().min(3).max(500).default(EMU_PHOTOGRAPHY_RUBRIC.question),
    stages: z.array(curationStageSchema).min(1).max(MAX_CURATION_STAGES).default(DEFAULT_CURATION_STAGES),
    /** A folder of images with captions inside IMPORT_ROOT; absent: the campaign's models make the images. */
    imageFolder: z.string().trim().min(1).max(1000).optional(),
  })
  .superRefine((v, ctx) => {
    v.stages.forEach((s, i) => {
      if (typeof s.accept === "number" && s.accept > s.votes)
        ctx.addIssue({
          code: "custom",
          path: ["stages", i, "accept"],
          message: `at most the stage's ${s.votes} votes (got ${s.accept})`,
        });
    });
  });

export type CurationSpec = z.output<typeof curationSpecSchema>;
export type CurationSpecInput = z.input<typeof curationSpecSchema>;

/** What `Campaign.curation` holds: the spec with the rubric written out. */
export interface StoredCuration {
  rubric: string;
  question: string;
  stages: CurationStageSpec[];
  imageFolder?: string;
}

/** A rubric as Markdown: title, question, one bullet per principle, its source. */
export function rubricMarkdown(rubric: CurationRubric = EMU_PHOTOGRAPHY_RUBRIC): string {
  return [
    `## ${rubric.title}`,
    "",
    rubric.question,
    "",
    ...rubric.principles.map((p) => `- **${p.title}.** ${p.guidance}`),
    "",
    `*Source: ${rubric.source}.*`,
  ].join("\n");
}

/** The curation spec of a new campaign as stored (defaults filled in, the rubric written out). */
export function storedCuration(spec: CurationSpec | undefined): StoredCuration {
  const s = spec ?? curationSpecSchema.parse({});
  return {
    rubric: s.rubric ?? rubricMarkdown(),
    question: s.question,
    stages: s.stages,
    ...(s.imageFolder !== undefined ? { imageFolder: s.imageFolder } : {}),
  };
}

/** Reads `Campaign.curation` back (it was written by storedCuration). */
export function readStoredCuration(value: unknown): StoredCuration {
  const parsed = curationSpecSchema.safeParse(value);
  if (!parsed.success) throw new Error("this campaign's curation settings do not parse");
  return storedCuration(parsed.data);
}

/** The statistics' stage rules (lib/stats/curation). */
export function stageRules(stages: readonly CurationStageSpec[]): StageRule[] {
  return stages.map((s, i) => ({
    stage: i + 1,
    votesPerImage: s.votes,
    rule: s.accept === "majority" ? { kind: "majority" } : { kind: "threshold", minAccepts: s.accept },
  }));
}

/** In words, for pages: "majority of 3", "at least 1 of 3 accept" (lib/stats/curation stageRuleWords). */
export function ruleWords(s: CurationStageSpec): string {
  return stageRuleWords(stageRules([s])[0]);
}

export const stageKey = (stage: number) => `stage_${stage}`;

/** One Criterion row per stage: the question, the stage's votes per image. */
export function curationCriteria(curation: StoredCuration) {
  return curation.stages.map((s, i) => ({
    key: stageKey(i + 1),
    label: i === 0 ? "stage 1 (crowd)" : `stage ${i + 1} (experts)`,
    question: curation.question,
    showPrompt: true,
    choices: [],
    judgmentsPerPair: s.votes,
    position: i,
  }));
}

/** The spec fields that recreate a curation campaign (the stored settings, rubric written out). */
export function curationSpecOf(curation: unknown): { taskType: "curation"; curation: StoredCuration } {
  return { taskType: "curation", curation: readStoredCuration(curation) };
}

/** Whether a campaign's images come from a folder (its launch opens it at once). */
export function fromFolder(curation: unknown): boolean {
  return typeof curation === "object" && curation !== null && "imageFolder" in curation;
}

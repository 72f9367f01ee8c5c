import { z } from "zod";
import { createJoinLinkSchema } from "../access/join-link-options";
import type { FieldIssue } from "../errors";
import { subsetSpecSchema } from "../prompts/subset-spec";
import { EMU_CRITERIA } from "./emu-criteria";
import { stopRuleSchema } from "./stop-rule-spec";
import { aspectsSchema, checkAspects, resolveAspects } from "../rating/aspect-spec";
import { DEFAULT_RANKING_QUESTION, rankingModelsProblem } from "../ranking/ranking-spec";
import { curationSpecSchema } from "../curation/curation-spec";

/**
 * The one campaign schema. `createCampaignSchema` is what `createCampaign` stores (database ids);
 * `campaignSpecSchema` is the same fields plus references by name, the frozen prompt list by the
 * prompts' own ids and join-link options — what POST /api/campaigns, the wizard and a spec file
 * (`photogenic campaign create spec.yaml`) all send. Pure: no database, no server-only import.
 */
export const criterionSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "lower-case letters, digits and _"),
  question: z.string().trim().min(3).max(500),
  showPrompt: z.boolean(),
  choices: z
    .array(z.enum(["left", "right", "tie", "both", "neither"]))
    .min(2)
    .max(5),
  judgmentsPerPair: z.number().int().min(1).max(50),
});

/**
 * Which pair an annotator gets next (lib/assignment/fill-policy.ts): `breadth_first`, the
 * least-judged pair (every pair gets a first judgment before any a second), or `depth_first`, the
 * most-judged pair still short of its target (pairs reach N judgments per criterion one after
 * another, so agreement and per-pair majorities exist while the campaign is still running).
 */
export const FILL_POLICIES = ["breadth_first", "depth_first"] as const;
export type FillPolicy = (typeof FILL_POLICIES)[number];
export const fillPolicySchema = z.enum(FILL_POLICIES);

/** What an annotator is asked (issue 22). */
export const TASK_TYPES = ["pairwise", "rating", "curation", "ranking"] as const;
export type TaskType = (typeof TASK_TYPES)[number];

const campaignFields = {
  name: z.string().trim().min(1).max(200),
  taskType: z.enum(TASK_TYPES).default("pairwise"),
  /** A rating campaign's aspects: `heim` (the default) or a list (lib/rating/aspect-spec.ts). */
  aspects: aspectsSchema.optional(),
  /** A rating campaign: how many annotators rate each image (on every aspect). */
  ratingsPerImage: z.number().int().min(1).max(50).default(3),
  /** A ranking campaign: the question above the K images of one prompt, and how many annotators order each set. */
  rankingQuestion: z.string().trim().min(3).max(500).default(DEFAULT_RANKING_QUESTION),
  rankingsPerItem: z.number().int().min(1).max(50).default(3),
  /** A curation campaign: rubric, stages, image source (lib/curation/curation-spec.ts). */
  curation: curationSpecSchema.optional(),
  promptSetId: z.string().min(1),
  promptIds: z.array(z.string().min(1)).min(1).optional(),
  subset: z.unknown().optional(),
  // At least two, one for a curation campaign, none for one from a folder (checkModelCount).
  modelIds: z.array(z.string().min(1)).max(20),
  pairDesign: z.enum(["all_pairs", "baseline", "adaptive"]).default("all_pairs"),
  baselineModelId: z.string().optional(),
  seedsPerPrompt: z.number().int().min(1).max(16).default(1),
  criteria: z.array(criterionSchema).min(1).max(8).default(EMU_CRITERIA),
  criteriaMode: z.enum(["together", "sequential"]).default("together"),
  fillPolicy: fillPolicySchema.default("breadth_first"),
  goldRate: z.number().min(0).max(0.5).default(0),
  perAnnotatorCap: z.number().int().min(1).optional(),
  instructions: z.string().max(20_000).default(""),
  completionCode: z.string().trim().max(100).optional(),
  // http(s) only: the link is shown to annotators (a javascript: URL would run in their browser).
  completionUrl: z
    .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
    .max(2000)
    .optional(),
  leaseSeconds: z
    .number()
    .int()
    .min(30)
    .max(24 * 3600)
    .default(300),
  excludeFlagged: z.boolean().default(true),
  goldFailLimit: z.number().min(0).max(1).default(0.34),
  goldMinJudged: z.number().int().min(1).max(100).default(3),
  minJudgmentMs: z.number().int().min(0).max(60_000).default(800),
  /** "Stop when decided" (lib/campaigns/stop-rule-spec.ts); absent: the campaign runs to its targets. */
  stopRule: stopRuleSchema.optional(),
};

type Criteria = z.output<typeof criterionSchema>[];

function checkCriteria(criteria: Criteria, ctx: z.RefinementCtx): void {
  if (new Set(criteria.map((c) => c.key)).size !== criteria.length)
    ctx.addIssue({ code: "custom", path: ["criteria"], message: "criterion keys must be unique" });
  criteria.forEach((c, i) => {
    if (!c.choices.includes("left") || !c.choices.includes("right"))
      ctx.addIssue({
        code: "custom",
        path: ["criteria", i, "choices"],
        message: "every criterion offers left and right",
      });
  });
}

/** The task type's own rules: available, and a rating campaign's aspects and what it does not use. */
function checkTaskType(
  v: {
    taskType: TaskType;
    aspects?: z.output<typeof aspectsSchema>;
    goldRate: number;
    stopRule?: unknown;
    models?: string[];
    modelIds?: string[];
    curation?: unknown;
  },
  ctx: z.RefinementCtx,
): void {
  if (v.taskType !== "curation" && v.curation !== undefined)
    ctx.addIssue({ code: "custom", path: ["curation"], message: "curation settings belong to a curation campaign" });
  if (v.taskType !== "rating" && v.aspects !== undefined)
    ctx.addIssue({ code: "custom", path: ["aspects"], message: "aspects belong to a rating campaign" });
  if (v.taskType === "pairwise") return;
  if (v.taskType === "rating") checkAspects(resolveAspects(v.aspects), ctx);
  const models = v.models ?? v.modelIds;
  const tooMany = v.taskType === "ranking" && models ? rankingModelsProblem(models.length) : null;
  if (tooMany) ctx.addIssue({ code: "custom", path: [v.models ? "models" : "modelIds"], message: tooMany });
  if (v.goldRate > 0)
    ctx.addIssue({ code: "custom", path: ["goldRate"], message: `a ${v.taskType} campaign has no gold items` });
  if (v.stopRule !== undefined)
    ctx.addIssue({ code: "custom", path: ["stopRule"], message: "stop when decided applies to pairwise campaigns" });
}

/** Models a campaign needs: two or more; a curation campaign one or more, or none with an image folder (then none). */
function checkModelCount(
  v: { taskType: TaskType; curation?: { imageFolder?: string } },
  models: string[] | undefined,
  field: string,
  ctx: z.RefinementCtx,
): void {
  const count = models?.length ?? 0;
  if (v.taskType === "curation" && v.curation?.imageFolder !== undefined) {
    if (count > 0)
      ctx.addIssue({
        code: "custom",
        path: [field],
        message: "a curation campaign from an image folder has no models (its images are the folder's)",
      });
  } else if (models !== undefined && count < (v.taskType === "curation" ? 1 : 2))
    ctx.addIssue({
      code: "custom",
      path: [field],
      message: v.taskType === "curation" ? "at least one model, or curation.imageFolder" : "at least two models",
    });
}

/** The adaptive design chooses among model pairs: it needs three models or more. */
function checkAdaptive(pairDesign: string, models: string[] | undefined, ctx: z.RefinementCtx): void {
  if (pairDesign === "adaptive" && models && models.length < 3)
    ctx.addIssue({ code: "custom", path: ["pairDesign"], message: "adaptive needs at least three models" });
}

function checkTwice(list: string[] | undefined, field: string, ctx: z.RefinementCtx): void {
  if (list && new Set(list).size !== list.length)
    ctx.addIssue({ code: "custom", path: [field], message: "a model is listed twice" });
}

export const createCampaignSchema = z.object(campaignFields).superRefine((v, ctx) => {
  checkTwice(v.modelIds, "modelIds", ctx);
  checkModelCount(v, v.modelIds, "modelIds", ctx);
  checkCriteria(v.criteria, ctx);
  checkTaskType(v, ctx);
  checkAdaptive(v.pairDesign, v.modelIds, ctx);
  if (v.pairDesign === "baseline" && (!v.baselineModelId || !v.modelIds.includes(v.baselineModelId))) {
    ctx.addIssue({ code: "custom", path: ["baselineModelId"], message: "the baseline must be one of modelIds" });
  }
});

export type CreateCampaignInput = z.input<typeof createCampaignSchema>;

/** `name` or `name@version` of a prompt set or model (model names cannot hold "@"). */
const reference = z.string().trim().min(1).max(260);

export const campaignSpecSchema = z
  .strictObject({
    ...campaignFields,
    /** The prompt set by id (the wizard) … */
    promptSetId: campaignFields.promptSetId.optional(),
    /** … or by name / name@version (a spec file). */
    promptSet: reference.optional(),
    /** The frozen subset by the prompts' own ids (the file's id column); wins over `subset`. */
    prompts: z.array(z.string().trim().min(1)).min(1).max(100_000).optional(),
    subset: subsetSpecSchema.optional(),
    modelIds: campaignFields.modelIds.optional(),
    models: z.array(reference).max(20).optional(),
    baselineModel: reference.optional(),
    /** A join link made with the campaign (the command line always makes one). */
    joinLink: createJoinLinkSchema.optional(),
  })
  .superRefine((v, ctx) => {
    const exactlyOne = (a: keyof typeof v, b: keyof typeof v, what: string) => {
      if ((v[a] === undefined) === (v[b] === undefined))
        ctx.addIssue({ code: "custom", path: [b], message: `give ${what} as either ${a} or ${b}` });
    };
    if (v.taskType === "curation" && v.curation?.imageFolder !== undefined) {
      // The folder's captions become the prompt set, its images the campaign's images.
      if (v.promptSetId !== undefined || v.promptSet !== undefined)
        ctx.addIssue({
          code: "custom",
          path: [v.promptSet !== undefined ? "promptSet" : "promptSetId"],
          message: "a curation campaign from an image folder takes its captions from the folder",
        });
    } else {
      exactlyOne("promptSetId", "promptSet", "the prompt set");
      exactlyOne("modelIds", "models", "the models");
    }
    if (v.prompts && v.promptIds)
      ctx.addIssue({ code: "custom", path: ["prompts"], message: "give either prompts or promptIds" });
    if (v.baselineModel && v.baselineModelId)
      ctx.addIssue({
        code: "custom",
        path: ["baselineModel"],
        message: "give either baselineModel or baselineModelId",
      });
    checkTwice(v.modelIds, "modelIds", ctx);
    checkTwice(v.models, "models", ctx);
    checkModelCount(v, v.models ?? v.modelIds, v.models ? "models" : "modelIds", ctx);
    checkCriteria(v.criteria, ctx);
    checkTaskType(v, ctx);
    const baseline = v.baselineModel ?? v.baselineModelId;
    const models: string[] = v.models ?? v.modelIds ?? [];
    checkAdaptive(v.pairDesign, v.models ?? v.modelIds, ctx);
    if (v.pairDesign === "baseline" && (!baseline || !models.includes(baseline))) {
      const field = v.baselineModelId ? "baselineModelId" : "baselineModel";
      ctx.addIssue({ code: "custom", path: [field], message: "the baseline must be one of the campaign's models" });
    }
  });

export type CampaignSpecInput = z.input<typeof campaignSpecSchema>;
export type CampaignSpec = z.output<typeof campaignSpecSchema>;

/** Each zod issue as a field path (dotted) and message; an unknown key is named itself. */
export function specIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const at = (path: PropertyKey[]) => path.map(String).join(".") || "(root)";
    if (issue.code === "unrecognized_keys")
      return issue.keys.map((key) => ({ field: at([...issue.path, key]), message: "unknown field" }));
    return [{ field: at(issue.path), message: issue.message }];
  });
}

/** `name@version` → { name, version }; a plain name has no version. */
export function splitReference(ref: string): { name: string; version?: string } {
  const at = ref.lastIndexOf("@");
  if (at <= 0 || at === ref.length - 1) return { name: ref };
  return { name: ref.slice(0, at), version: ref.slice(at + 1) };
}

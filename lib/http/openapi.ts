import "server-only";
import { z } from "zod";
import { tokenMay, type Permission } from "../auth/permissions";
import { createJoinLinkSchema } from "../access/join-link-options";
import { campaignSpecSchema } from "../campaigns/campaign-spec";
import { campaignActionSchema } from "../campaigns/transition-campaign";
import { updateCampaignSchema } from "../campaigns/update-campaign";
import { retryJobsSchema } from "../generation/enqueue-campaign-jobs";
import { registerModelSchema } from "../model-registry/register-model";
import { promptQuerySchema } from "../prompts/list-prompts";
import { uploadFieldsSchema } from "../prompts/prompt-upload";
import { subsetSpecSchema } from "../prompts/subset-spec";
import { voteSchema } from "../annotation/vote";
import { submitRatingSchema } from "../rating/submit-rating";
import { submitRankingSchema } from "../ranking/submit-ranking";
import { submitCurationSchema } from "../curation/submit-curation";

/**
 * The API as OpenAPI 3.1, generated from the zod schemas the routes validate with (z.toJSONSchema):
 * one entry per route and method, with its permission. A test compares this list with the route
 * files under app/api, so a route cannot be added without its entry. Served at /api/openapi.json.
 */
type Method = "get" | "post" | "patch" | "delete";

export interface ApiOperation {
  method: Method;
  /** OpenAPI path template (`{campaignId}`), the same as the route folder's `[campaignId]`. */
  path: string;
  permission: Permission | "public";
  summary: string;
  /** JSON body schema, a named schema of components.schemas. */
  body?: keyof typeof SCHEMAS;
  /** multipart/form-data fields (besides `file`). */
  upload?: keyof typeof SCHEMAS;
  query?: keyof typeof SCHEMAS;
  /** Success status and media type; JSON unless said otherwise. */
  success?: { status?: number; type?: string; description?: string };
}

const SCHEMAS = {
  CampaignSpec: campaignSpecSchema,
  CampaignUpdate: updateCampaignSchema,
  CampaignAction: campaignActionSchema,
  RetryJobs: retryJobsSchema,
  JoinLinkOptions: createJoinLinkSchema,
  SubsetSpec: subsetSpecSchema,
  ModelRegistration: registerModelSchema,
  PromptQuery: promptQuerySchema,
  PromptUploadFields: uploadFieldsSchema,
  Vote: voteSchema,
  Rating: submitRatingSchema,
  Ranking: submitRankingSchema,
  Curation: submitCurationSchema,
} satisfies Record<string, z.ZodType>;

const CSV = "text/csv; charset=utf-8";

/** A campaign's results export served as CSV, to whoever may read its results. */
const csvResults = (path: string, summary: string): ApiOperation => ({
  method: "get",
  path,
  permission: "results:read",
  summary,
  success: { type: CSV },
});

type Brief = [
  permission: ApiOperation["permission"],
  summary: string,
  more?: Pick<ApiOperation, "body" | "upload" | "success">,
];

/** A collection resource: GET lists its members, POST adds one and answers 201 Created. */
function collection(path: string, { list, create }: { list: Brief; create: Brief }): ApiOperation[] {
  const [createPermission, createSummary, more = {}] = create;
  return [
    { method: "get", path, permission: list[0], summary: list[1], ...list[2] },
    {
      method: "post",
      path,
      permission: createPermission,
      summary: createSummary,
      ...more,
      success: { status: 201, ...more.success },
    },
  ];
}

export const API_OPERATIONS: ApiOperation[] = [
  { method: "get", path: "/api/health", permission: "public", summary: "Liveness: ok and database reachable" },
  { method: "get", path: "/api/openapi.json", permission: "public", summary: "This description" },
  ...collection("/api/campaigns", {
    list: ["campaign:read", "Your campaigns (all, for an admin)"],
    create: [
      "campaign:write",
      "Create a draft campaign from a spec (prompt set and models by id or by name@version)",
      { body: "CampaignSpec", success: { description: "`{ id, joinLink: { id, path } | null }`" } },
    ],
  }),
  {
    method: "patch",
    path: "/api/campaigns/{campaignId}",
    permission: "campaign:write",
    summary: "Edit a campaign (protocol fields only while no judgment exists)",
    body: "CampaignUpdate",
  },
  {
    method: "get",
    path: "/api/campaigns/{campaignId}/spec",
    permission: "campaign:read",
    summary: "The spec that recreates this campaign (POST it to /api/campaigns)",
  },
  {
    method: "post",
    path: "/api/campaigns/{campaignId}/transition",
    permission: "campaign:write",
    summary: "launch | start-annotating | pause | resume | complete",
    body: "CampaignAction",
  },
  {
    method: "post",
    path: "/api/campaigns/{campaignId}/versions",
    permission: "campaign:write",
    summary: "A new draft version of the campaign's protocol",
    success: { status: 201 },
  },
  {
    method: "get",
    path: "/api/campaigns/{campaignId}/generation",
    permission: "campaign:read",
    summary: "Generation progress per model: done, failed, pending, images/s, ETA, workers",
  },
  {
    method: "post",
    path: "/api/campaigns/{campaignId}/generation/retry",
    permission: "campaign:write",
    summary: "Re-queue failed generation jobs (all, or the ones named)",
    body: "RetryJobs",
  },
  {
    method: "get",
    path: "/api/campaigns/{campaignId}/summary",
    permission: "campaign:read",
    summary: "Annotation progress per criterion, pace, ETA, annotators, live win rates",
  },
  ...collection("/api/campaigns/{campaignId}/join-links", {
    list: ["campaign:read", "The campaign's join links"],
    create: ["campaign:write", "A new join link (label, expiry in days, annotator cap)", { body: "JoinLinkOptions" }],
  }),
  {
    method: "get",
    path: "/api/campaigns/{campaignId}/results",
    permission: "results:read",
    summary: "Every figure of the results page; ?format=json|csv and the results page's settings",
  },
  csvResults("/api/campaigns/{campaignId}/results/judgments", "Every judgment as CSV (?rows=all|analysed)"),
  csvResults(
    "/api/campaigns/{campaignId}/results/prolific",
    "Prolific participants with an APPROVE / REJECT / REVIEW decision and its reason, as CSV",
  ),
  {
    method: "get",
    path: "/api/campaigns/{campaignId}/report",
    permission: "results:read",
    summary: "The report as a download: ?format=html (self-contained, default) | json | figures-csv",
    success: { type: "text/html; charset=utf-8" },
  },
  {
    method: "get",
    path: "/api/campaigns/{campaignId}/images/{imageId}",
    permission: "images:read-any",
    summary: "One of the campaign's images",
    success: { type: "image/*" },
  },
  ...collection("/api/models", {
    list: ["models:read", "Registered models (secrets redacted)"],
    create: ["models:write", "Register a model (config validated by its adapter kind)", { body: "ModelRegistration" }],
  }),
  ...collection("/api/prompt-sets", {
    list: ["prompts:read", "Prompt sets"],
    create: [
      "prompts:write",
      "Import a prompt file (TSV, CSV, JSONL, TXT) as a new set or the next version of one",
      { upload: "PromptUploadFields" },
    ],
  }),
  { method: "get", path: "/api/prompt-sets/{id}", permission: "prompts:read", summary: "A prompt set and its counts" },
  {
    method: "get",
    path: "/api/prompt-sets/{id}/prompts",
    permission: "prompts:read",
    summary: "A page of a set's prompts, filtered",
    query: "PromptQuery",
  },
  {
    method: "post",
    path: "/api/prompt-sets/{id}/preview-subset",
    permission: "prompts:read",
    summary: "Counts per category that a subset spec would select",
    body: "SubsetSpec",
  },
  {
    method: "post",
    path: "/api/annotate/{campaignId}/next",
    permission: "vote",
    summary: "Annotators: lease the next pair (browser session only)",
  },
  {
    method: "post",
    path: "/api/judgments",
    permission: "vote",
    summary: "Annotators: record an answer (browser session only)",
    body: "Vote",
    success: { status: 201 },
  },
  {
    method: "delete",
    path: "/api/judgments/{judgmentId}",
    permission: "vote",
    summary: "Annotators: undo an answer within seconds (browser session only)",
  },
  {
    method: "get",
    path: "/api/assignments/{assignmentId}/image/{side}",
    permission: "vote",
    summary: "Annotators: an assigned image, by side (browser session only)",
    success: { type: "image/webp" },
  },
  {
    method: "post",
    path: "/api/annotate/{campaignId}/rating-next",
    permission: "vote",
    summary: "Annotators: lease the next image to rate, in a rating campaign (browser session only)",
  },
  {
    method: "post",
    path: "/api/ratings",
    permission: "vote",
    summary: "Annotators: record a rating of one aspect (browser session only)",
    body: "Rating",
    success: { status: 201 },
  },
  {
    method: "delete",
    path: "/api/ratings/{ratingId}",
    permission: "vote",
    summary: "Annotators: undo a rating within seconds (browser session only)",
  },
  {
    method: "get",
    path: "/api/rating-assignments/{assignmentId}/image",
    permission: "vote",
    summary: "Annotators: the image of a rating assignment (browser session only)",
    success: { type: "image/webp" },
  },
  {
    method: "post",
    path: "/api/annotate/{campaignId}/ranking-next",
    permission: "vote",
    summary: "Annotators: lease the next set of images to order, in a ranking campaign (browser session only)",
  },
  {
    method: "post",
    path: "/api/rankings",
    permission: "vote",
    summary: "Annotators: record the order of a set of images, ties allowed (browser session only)",
    body: "Ranking",
    success: { status: 201 },
  },
  {
    method: "delete",
    path: "/api/rankings/{rankingId}",
    permission: "vote",
    summary: "Annotators: undo a ranking within seconds (browser session only)",
  },
  {
    method: "get",
    path: "/api/ranking-assignments/{assignmentId}/image/{slot}",
    permission: "vote",
    summary: "Annotators: the image in one slot of a ranking assignment (browser session only)",
    success: { type: "image/webp" },
  },
  csvResults(
    "/api/campaigns/{campaignId}/results/rankings",
    "A ranking campaign's rankings as CSV (one row per annotator, set and slot)",
  ),
  csvResults(
    "/api/campaigns/{campaignId}/results/ratings",
    "A rating campaign's ratings as CSV (one row per annotator, image and aspect)",
  ),
  // Curation (issue 22).
  {
    method: "post",
    path: "/api/annotate/{campaignId}/curation-next",
    permission: "vote",
    summary: "Annotators: lease the next image to accept or reject, in a curation campaign (browser session only)",
  },
  {
    method: "post",
    path: "/api/curations",
    permission: "vote",
    summary: "Annotators: accept or reject one image at its stage (browser session only)",
    body: "Curation",
    success: { status: 201 },
  },
  {
    method: "delete",
    path: "/api/curations/{curationId}",
    permission: "vote",
    summary: "Annotators: undo an accept / reject within seconds (browser session only)",
  },
  {
    method: "get",
    path: "/api/curation-assignments/{assignmentId}/image",
    permission: "vote",
    summary: "Annotators: the image of a curation assignment (browser session only)",
    success: { type: "image/webp" },
  },
  csvResults(
    "/api/campaigns/{campaignId}/results/curation",
    "A curation campaign's manifest as CSV (one row per vote: stage, image, annotator, role, vote, decision)",
  ),
  {
    method: "get",
    path: "/api/campaigns/{campaignId}/results/dataset",
    permission: "results:read",
    summary:
      "A curation campaign's accepted set as a .tar.gz: the images, metadata.jsonl (file_name, text) and manifest.csv",
    success: { type: "application/gzip" },
  },
];

function jsonSchema(schema: z.ZodType, io: "input" | "output" = "input"): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const PROBLEM = {
  description: "RFC 9457 problem+json naming each bad field in `issues`",
  content: { "application/problem+json": { schema: ref("Problem") } },
};

function operationObject(op: ApiOperation) {
  const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const query = op.query
    ? Object.entries((jsonSchema(SCHEMAS[op.query]).properties ?? {}) as Record<string, unknown>).map(
        ([name, schema]) => ({ name, in: "query", required: false, schema }),
      )
    : [];
  const tokenScope = op.permission === "public" ? null : tokenMay("read", op.permission) ? "read" : "write";
  const tokens = op.permission !== "public" && tokenMay("write", op.permission);
  const success = op.success ?? {};
  return {
    summary: op.summary,
    operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
    "x-permission": op.permission,
    ...(tokens ? { "x-token-scope": tokenScope } : {}),
    security:
      op.permission === "public" ? [] : tokens ? [{ bearerToken: [] }, { sessionCookie: [] }] : [{ sessionCookie: [] }],
    ...(params.length + query.length ? { parameters: [...params, ...query] } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { "application/json": { schema: ref(op.body) } } } }
      : op.upload
        ? {
            requestBody: {
              required: true,
              content: {
                "multipart/form-data": {
                  schema: {
                    allOf: [
                      ref(op.upload),
                      {
                        type: "object",
                        required: ["file"],
                        properties: { file: { type: "string", format: "binary" } },
                      },
                    ],
                  },
                },
              },
            },
          }
        : {}),
    responses: {
      [String(success.status ?? 200)]: {
        description: success.description ?? "OK",
        content: { [success.type ?? "application/json"]: {} },
      },
      ...(op.permission === "public" ? {} : { "401": PROBLEM, "403": PROBLEM }),
      ...(op.body || op.query || op.upload ? { "422": PROBLEM } : {}),
      ...(op.path.includes("{") ? { "404": PROBLEM } : {}),
    },
  };
}

let built: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document (built once per process). */
export function openApiDocument(): Record<string, unknown> {
  if (built) return built;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op);
  built = {
    openapi: "3.1.0",
    info: {
      title: "Photogenic API",
      version: "1",
      description:
        "Human evaluation of text-to-image models. Researcher routes accept a personal API token " +
        "(`Authorization: Bearer pgn_…`, made on /account/tokens or with `photogenic tokens create`): a read " +
        "token for `x-token-scope: read` operations, a write token for all of them. Annotator routes take only " +
        "the browser session. Errors are RFC 9457 problem+json. See docs/API.md.",
    },
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "A personal API token (pgn_…)" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "authjs.session-token" },
      },
      schemas: {
        ...Object.fromEntries(Object.entries(SCHEMAS).map(([name, schema]) => [name, jsonSchema(schema)])),
        Problem: {
          type: "object",
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            issues: {
              type: "array",
              items: {
                type: "object",
                properties: { field: { type: "string" }, message: { type: "string" } },
              },
            },
          },
        },
      },
    },
  };
  return built;
}

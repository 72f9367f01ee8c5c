import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireLock } from "../support/lock";
import { tokenMay, type Permission } from "../../lib/auth/permissions";
import type { CurrentUser } from "../../lib/auth/guard";
import { paramsOf, routeExports } from "./inventory";
import { PUBLIC_ROUTES } from "./policy";
import { seedFixtures, type Fixtures } from "./fixtures";

/**
 * Personal API tokens against the real app (`next build` + `next start`) on this file's own
 * database: every researcher route answers a write token (and a read token where it only reads);
 * revoked, expired, malformed, read-only-for-write and annotator-route uses are refused with
 * problem+json; another researcher's token meets 404 on this researcher's campaign, as a cookie
 * does. The served /api/openapi.json describes every guarded route.
 */
let web: { url: string; stop: () => Promise<void> };
let release: () => void;
let fx: Fixtures;
const tokens: Record<string, string> = {};
let values: Record<string, string>;
let modelIds: string[];
/** A campaign of each item task type, the same researcher's: their results routes answer for their own type only. */
const taskCampaigns: Record<"rating" | "ranking" | "curation", string> = { rating: "", ranking: "", curation: "" };

async function user(id: string): Promise<CurrentUser> {
  const { db } = await import("../../lib/db");
  const row = await db.user.findUniqueOrThrow({ where: { id } });
  return { id: row.id, email: row.email, name: row.name, role: row.role as CurrentUser["role"] };
}

beforeAll(async () => {
  release = await acquireLock(path.resolve(".next-e2e.lock"));
  process.env.NEXT_DIST_DIR = ".next-e2e";
  const { prepareDatabase, buildWeb, startWeb } = await import("../../scripts/support/stack");
  await prepareDatabase();
  fx = await seedFixtures();
  const { db } = await import("../../lib/db");
  const { createApiToken, revokeApiToken } = await import("../../lib/api-tokens/api-tokens");
  const researcherA = await user(fx.users.researcher.id);
  const make = async (owner: CurrentUser, scope: "read" | "write") => (await createApiToken(owner, { scope })).token;
  tokens.write = await make(researcherA, "write");
  tokens.read = await make(researcherA, "read");
  tokens.otherResearcher = await make(await user(fx.users.researcherB.id), "write");
  tokens.admin = await make(await user(fx.users.admin.id), "write");
  const revoked = await createApiToken(researcherA, { scope: "write" });
  await revokeApiToken(researcherA, revoked.row.id);
  tokens.revoked = revoked.token;
  const expired = await createApiToken(researcherA, { scope: "write", expiresInDays: 1 });
  await db.apiToken.update({ where: { id: expired.row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  tokens.expired = expired.token;

  const image = await db.image.findFirstOrThrow({ where: { campaignId: fx.demoCampaignId } });
  modelIds = (await db.campaignModel.findMany({ where: { campaignId: fx.demoCampaignId } })).map((m) => m.modelId);
  values = {
    campaignId: fx.demoCampaignId,
    imageId: image.id,
    id: fx.demoPromptSetId,
    assignmentId: fx.assignmentA,
    side: "left",
    judgmentId: fx.judgmentA,
  };
  const { createCampaign } = await import("../../lib/campaigns/create-campaign");
  for (const taskType of ["rating", "ranking", "curation"] as const)
    taskCampaigns[taskType] = (
      await createCampaign(researcherA.id, {
        name: `Token ${taskType} campaign`,
        promptSetId: fx.demoPromptSetId,
        modelIds,
        taskType,
      })
    ).id;
  await buildWeb();
  web = await startWeb({ quiet: true });
}, 900_000);

afterAll(async () => {
  await web?.stop();
  release?.();
  const { disconnectDb } = await import("../../lib/db");
  await disconnectDb();
});

const fill = (template: string, params: Record<string, string> = {}) =>
  template.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? values[name] ?? "unknown"),
  );

/** A request each researcher route answers with success; a new route without one fails the test below. */
type Request = { body?: BodyInit; json?: unknown; query?: string; params?: Record<string, string> };
const SUCCESS: Record<string, () => Request> = {
  "GET /api/campaigns": () => ({}),
  "POST /api/campaigns": () => ({
    json: { name: "made with a token", promptSetId: fx.demoPromptSetId, modelIds, joinLink: {} },
  }),
  "PATCH /api/campaigns/[campaignId]": () => ({ json: { name: "Probe campaign, renamed by token" } }),
  "GET /api/campaigns/[campaignId]/spec": () => ({}),
  "POST /api/campaigns/[campaignId]/transition": () => ({ json: { action: "pause" } }),
  "POST /api/campaigns/[campaignId]/versions": () => ({}),
  "GET /api/campaigns/[campaignId]/generation": () => ({}),
  "POST /api/campaigns/[campaignId]/generation/retry": () => ({ json: {} }),
  "GET /api/campaigns/[campaignId]/summary": () => ({}),
  "GET /api/campaigns/[campaignId]/join-links": () => ({}),
  "POST /api/campaigns/[campaignId]/join-links": () => ({ json: { label: "by token", maxAnnotators: 5 } }),
  "GET /api/campaigns/[campaignId]/results": () => ({}),
  "GET /api/campaigns/[campaignId]/results/judgments": () => ({}),
  "GET /api/campaigns/[campaignId]/results/prolific": () => ({}),
  "GET /api/campaigns/[campaignId]/results/ratings": () => ({ params: { campaignId: taskCampaigns.rating } }),
  "GET /api/campaigns/[campaignId]/results/rankings": () => ({ params: { campaignId: taskCampaigns.ranking } }),
  "GET /api/campaigns/[campaignId]/results/curation": () => ({ params: { campaignId: taskCampaigns.curation } }),
  "GET /api/campaigns/[campaignId]/results/dataset": () => ({ params: { campaignId: taskCampaigns.curation } }),
  "GET /api/campaigns/[campaignId]/report": () => ({ query: "?format=json" }),
  "GET /api/campaigns/[campaignId]/images/[imageId]": () => ({}),
  "GET /api/models": () => ({}),
  "POST /api/models": () => ({
    json: { name: `token-model-${Date.now()}`, kind: "onnx-demo", config: { variant: "demo-smooth" } },
  }),
  "GET /api/prompt-sets": () => ({}),
  "POST /api/prompt-sets": () => {
    const form = new FormData();
    form.set("file", new Blob(["a cat\na dog\n"], { type: "text/plain" }), "token-prompts.txt");
    return { body: form };
  },
  "GET /api/prompt-sets/[id]": () => ({}),
  "GET /api/prompt-sets/[id]/prompts": () => ({}),
  "POST /api/prompt-sets/[id]/preview-subset": () => ({ json: { mode: "all" } }),
};

async function call(method: string, template: string, token: string | null, request: Request = {}) {
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  let body = request.body;
  if (request.json !== undefined || (!body && !["GET", "HEAD"].includes(method))) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(request.json ?? {});
  }
  const response = await fetch(`${web.url}${fill(template, request.params)}${request.query ?? ""}`, {
    method,
    headers,
    body,
    redirect: "manual",
  });
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
}

const guarded = routeExports().filter((r) => !PUBLIC_ROUTES[r.file] && r.permission !== "public");
const researcherRoutes = guarded.filter((r) => tokenMay("write", r.permission as Permission));
const annotatorRoutes = guarded.filter((r) => r.permission === "vote");

describe("a write token works on every researcher route", () => {
  it("finds the researcher routes, each with a request to make", () => {
    expect(researcherRoutes.length).toBeGreaterThan(15);
    for (const route of researcherRoutes)
      expect(
        SUCCESS[`${route.method} ${route.template}`],
        `add ${route.method} ${route.template} to SUCCESS`,
      ).toBeDefined();
  });
  for (const route of researcherRoutes) {
    it(`${route.method} ${route.template}`, async () => {
      const request = SUCCESS[`${route.method} ${route.template}`]?.() ?? {};
      const { status, text } = await call(route.method, route.template, tokens.write, request);
      expect(status, text.slice(0, 500)).toBeGreaterThanOrEqual(200);
      expect(status, text.slice(0, 500)).toBeLessThan(300);
      if (route.method === "GET") {
        const read = await call(route.method, route.template, tokens.read, request);
        expect(read.status, `read token: ${read.text.slice(0, 300)}`).toBe(status);
      }
    });
  }
});

describe("refused tokens: problem+json, never the data", () => {
  const expectProblem = (answer: { status: number; type: string; text: string }, status: number) => {
    expect(answer.status, answer.text.slice(0, 300)).toBe(status);
    expect(answer.type).toContain("application/problem+json");
    expect(answer.text).not.toContain(fx.demoCampaignId);
  };
  for (const route of researcherRoutes) {
    it(`${route.method} ${route.template}: revoked, expired, malformed, read-only-for-write, another researcher's`, async () => {
      const request = SUCCESS[`${route.method} ${route.template}`]?.() ?? {};
      expectProblem(await call(route.method, route.template, tokens.revoked, request), 401);
      expectProblem(await call(route.method, route.template, tokens.expired, request), 401);
      expectProblem(await call(route.method, route.template, "pgn_not-a-real-token", request), 401);
      expectProblem(await call(route.method, route.template, "", request), 401);
      if (!tokenMay("read", route.permission as Permission))
        expectProblem(await call(route.method, route.template, tokens.read, request), 403);
      if (paramsOf(route.template).includes("campaignId"))
        expectProblem(await call(route.method, route.template, tokens.otherResearcher, request), 404);
    });
  }
  for (const route of annotatorRoutes) {
    it(`${route.method} ${route.template} (annotators only): any token is refused`, async () => {
      expectProblem(await call(route.method, route.template, tokens.write), 403);
      expectProblem(await call(route.method, route.template, tokens.admin), 403);
    });
  }

  it("account and user-management pages refuse tokens, an admin's too", async () => {
    for (const [page, token] of [
      ["/account/tokens", tokens.write],
      ["/account/password", tokens.write],
      ["/admin/users", tokens.admin],
    ]) {
      const response = await fetch(`${web.url}${page}`, {
        headers: { authorization: `Bearer ${token}` },
        redirect: "manual",
      });
      expect(response.status, page).toBe(403);
    }
  });

  it("a token is refused once its user is deactivated", async () => {
    const { db } = await import("../../lib/db");
    const { createApiToken } = await import("../../lib/api-tokens/api-tokens");
    const { token } = await createApiToken(await user(fx.users.doomed.id), { scope: "read" });
    expect((await call("GET", "/api/models", token)).status).toBe(200);
    await db.user.update({ where: { id: fx.users.doomed.id }, data: { active: false } });
    expect((await call("GET", "/api/models", token)).status).toBe(401);
  });

  it("records the last use, and annotators get no tokens", async () => {
    const { db } = await import("../../lib/db");
    const { createApiToken } = await import("../../lib/api-tokens/api-tokens");
    const used = await db.apiToken.findMany({ where: { userId: fx.users.researcher.id, lastUsedAt: { not: null } } });
    expect(used.length).toBeGreaterThanOrEqual(2);
    await expect(createApiToken(await user(fx.users.annotatorA.id), { scope: "read" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    // Another researcher cannot revoke (or learn of) this researcher's token.
    const { revokeApiToken, listApiTokens } = await import("../../lib/api-tokens/api-tokens");
    const mine = await listApiTokens(await user(fx.users.researcher.id));
    await expect(revokeApiToken(await user(fx.users.researcherB.id), mine[0].id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(
      (await listApiTokens(await user(fx.users.researcherB.id), { everyone: true })).map((t) => t.id),
    ).not.toContain(mine[0].id);
    // Only a hash is stored.
    const stored = await db.apiToken.findMany({ select: { tokenHash: true } });
    expect(stored.every((t) => /^[0-9a-f]{64}$/.test(t.tokenHash))).toBe(true);
    expect(stored.map((t) => t.tokenHash)).not.toContain(tokens.write);
  });
});

describe("/api/openapi.json", () => {
  it("is public and describes every guarded route with its permission", async () => {
    const response = await fetch(`${web.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { "x-permission": string }>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    for (const route of guarded) {
      const openApiPath = route.template.replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}");
      const operation = doc.paths[openApiPath]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.template} is missing from /api/openapi.json`).toBeDefined();
      expect(operation["x-permission"]).toBe(route.permission);
    }
  });
});

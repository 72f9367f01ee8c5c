import pg from "pg";
import { expect, inject } from "vitest";
import { Client } from "../../security/http";
import { changed, rowCounts } from "./row-counts";

/**
 * The world every HTTP bad-input spec runs in, made in the e2e database through the use cases:
 * a researcher (signed in over HTTP) owning an annotating campaign of 3 pairs, two annotators
 * (signed in) who joined it, annotator A holding a leased assignment and one judgment, annotator B
 * holding another. `refused()` sends one bad request and checks the contract: a 4xx problem+json
 * whose issues or detail name the field, and not one row written.
 */
process.env.DATABASE_URL = inject("e2eDatabaseUrl");
export const baseUrl = inject("baseUrl");

export interface World {
  sql: pg.Client;
  researcher: Client;
  annotatorA: Client;
  annotatorB: Client;
  campaignId: string;
  promptSetId: string;
  modelIds: string[];
  assignmentA: { assignmentId: string; criteria: { id: string; choices: string[] }[] };
  assignmentB: { assignmentId: string; criteria: { id: string; choices: string[] }[] };
  judgmentA: { key: string; body: Record<string, unknown> };
  close: () => Promise<void>;
}

const PASSWORD = "bad-input-password-1";

export async function makeWorld(): Promise<World> {
  const factories = await import("../../support/factories");
  const { db, disconnectDb } = await import("../../../lib/db");
  const fx = await factories.makeAnnotatingCampaign({ pairs: 3 });
  const researcherRow = await factories.makeUser("researcher", PASSWORD);
  await db.campaign.update({ where: { id: fx.campaignId }, data: { ownerId: researcherRow.id } });
  await db.promptSet.update({ where: { id: fx.promptSet.id }, data: { createdById: researcherRow.id } });
  const [a, b] = [await factories.makeUser("annotator", PASSWORD), await factories.makeUser("annotator", PASSWORD)];
  await factories.joinCampaign(fx.campaignId, [a.id, b.id]);
  await disconnectDb();

  const signedIn = async (email: string) => {
    const client = new Client(baseUrl);
    await client.signIn("credentials", { email: email!, password: PASSWORD });
    expect(client.hasSession(), `sign-in of ${email}`).toBe(true);
    return client;
  };
  const [researcher, annotatorA, annotatorB] = [
    await signedIn(researcherRow.email!),
    await signedIn(a.email!),
    await signedIn(b.email!),
  ];
  const lease = async (client: Client) => {
    const response = await client.request(`/api/annotate/${fx.campaignId}/next`, { method: "POST" });
    const next = (await response.json()) as { kind: string; view: World["assignmentA"] };
    expect(next.kind).toBe("pair");
    return next.view;
  };
  const assignmentA = await lease(annotatorA);
  const assignmentB = await lease(annotatorB);
  const key = `bad-input-${Date.now()}-a`;
  const body = {
    assignmentId: assignmentA.assignmentId,
    criterionId: assignmentA.criteria[0].id,
    choice: "left",
    idempotencyKey: key,
    latencyMs: 1200,
  };
  const first = await annotatorA.request("/api/judgments", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(first.status).toBe(201);

  const sql = new pg.Client({ connectionString: inject("e2eDatabaseUrl") });
  await sql.connect();
  return {
    sql,
    researcher,
    annotatorA,
    annotatorB,
    campaignId: fx.campaignId,
    promptSetId: fx.promptSet.id,
    modelIds: fx.models.map((m) => m.id),
    assignmentA,
    assignmentB,
    judgmentA: { key, body },
    close: () => sql.end(),
  };
}

/** The refusals an API answers with (a 5xx is never a refusal). */
type RefusalStatus = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 429;

export interface Expectation {
  /** The one status this bad request gets. */
  status: RefusalStatus;
  /** The field the answer must name (in issues[].field or the detail), or null for a plain 4xx (404). */
  field: string | RegExp | null;
}

export function postJson(client: Client, path: string, body: unknown, method = "POST"): Promise<Response> {
  return client.request(path, {
    method,
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Sends one bad request; asserts a 4xx naming the field, no 5xx and no row written. */
export async function refused(world: World, send: () => Promise<Response>, expected: Expectation): Promise<void> {
  const before = await rowCounts(world.sql);
  const response = await send();
  const text = await response.text();
  const after = await rowCounts(world.sql);
  expect(response.status, text.slice(0, 500)).toBe(expected.status);
  expect(changed(before, after), "rows written by a refused request").toEqual({});
  let body: { detail?: string; issues?: { field: string; message: string }[] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    // a page (HTML) refusal: checked by the caller
  }
  if (expected.field !== null) {
    const named = [body.detail ?? "", ...(body.issues ?? []).map((i) => `${i.field}: ${i.message}`)].join("\n");
    if (expected.field instanceof RegExp) expect(named).toMatch(expected.field);
    else expect(named).toContain(expected.field);
  }
}

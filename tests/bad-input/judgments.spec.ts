import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorld, postJson, refused, type World } from "./support/world";
import { changed, rowCounts } from "./support/row-counts";

/** POST /api/judgments and the voting routes: every malformed, foreign or replayed vote. */
let w: World;
beforeAll(async () => {
  w = await makeWorld();
}, 120_000);
afterAll(async () => w?.close());

const vote = (over: Record<string, unknown> = {}) => ({
  assignmentId: w.assignmentA.assignmentId,
  criterionId: w.assignmentA.criteria[w.assignmentA.criteria.length - 1].id,
  choice: "left",
  idempotencyKey: `bad-${Math.random().toString(36).slice(2)}`,
  ...over,
});
const send = (body: unknown) => () => postJson(w.annotatorA, "/api/judgments", body);

describe("POST /api/judgments refuses bad bodies, naming the field, writing nothing", () => {
  it("not JSON (text/plain)", () =>
    refused(
      w,
      () =>
        w.annotatorA.request("/api/judgments", {
          method: "POST",
          headers: { "content-type": "text/plain" },
          body: "choice=left",
        }),
      { status: 415, field: "application/json" },
    ));
  it("malformed JSON", () => refused(w, send('{"assignmentId": '), { status: 400, field: "(body)" }));
  it("empty object: every required field named", () => refused(w, send({}), { status: 422, field: "assignmentId" }));
  it("a JSON array instead of an object", () => refused(w, send([vote()]), { status: 422, field: "(root)" }));
  it("JSON null", () => refused(w, send("null"), { status: 422, field: "(root)" }));
  it("missing choice", () => refused(w, send({ ...vote(), choice: undefined }), { status: 422, field: "choice" }));
  it("choice of the wrong type (number)", () =>
    refused(w, send(vote({ choice: 1 })), { status: 422, field: "choice" }));
  it("choice outside the enum", () => refused(w, send(vote({ choice: "LEFT!" })), { status: 422, field: "choice" }));
  it("assignmentId of the wrong type (object)", () =>
    refused(w, send(vote({ assignmentId: { $ne: null } })), { status: 422, field: "assignmentId" }));
  it("idempotencyKey too short", () =>
    refused(w, send(vote({ idempotencyKey: "k" })), { status: 422, field: "idempotencyKey" }));
  it("latencyMs negative", () => refused(w, send(vote({ latencyMs: -5 })), { status: 422, field: "latencyMs" }));
  it("latencyMs a string", () => refused(w, send(vote({ latencyMs: "fast" })), { status: 422, field: "latencyMs" }));
  it("latencyMs fractional", () => refused(w, send(vote({ latencyMs: 1.5 })), { status: 422, field: "latencyMs" }));
  it("a 10 MB string in idempotencyKey", () =>
    refused(w, send(vote({ idempotencyKey: "x".repeat(10 * 1024 * 1024) })), { status: 413, field: /larger than/ }));
  it("unknown assignment id", () =>
    refused(w, send(vote({ assignmentId: "c0000000000000000000000000" })), {
      status: 404,
      field: /Assignment not found/,
    }));
  it("another annotator's assignment (foreign id) is a 404, not a 403", () =>
    refused(w, send(vote({ assignmentId: w.assignmentB.assignmentId, criterionId: w.assignmentB.criteria[0].id })), {
      status: 404,
      field: /Assignment not found/,
    }));
  it("a criterion of no assignment", () =>
    refused(w, send(vote({ criterionId: "c0000000000000000000000000" })), { status: 422, field: "criterionId" }));
  it("a choice the criterion does not offer", () => {
    const appeal = w.assignmentA.criteria.find((c) => !c.choices.includes("both"))!;
    return refused(w, send(vote({ criterionId: appeal.id, choice: "both" })), { status: 422, field: "choice" });
  });
  it("replayed idempotency key with different content is a 409 naming the key", () =>
    refused(w, send({ ...w.judgmentA.body, choice: "right" }), { status: 409, field: "idempotencyKey" }));
  it("replayed idempotency key from another annotator", () =>
    refused(w, () => postJson(w.annotatorB, "/api/judgments", w.judgmentA.body), {
      status: 409,
      field: "idempotencyKey",
    }));
  it("the same criterion answered again under a new key", () =>
    refused(w, send({ ...w.judgmentA.body, idempotencyKey: `bad-again-${Date.now()}` }), {
      status: 409,
      field: /already answered/,
    }));
  it("without a session", () =>
    refused(
      w,
      () =>
        fetch(`${w.researcher.baseUrl}/api/judgments`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(vote()),
        }),
      { status: 401, field: /Sign in/ },
    ));
  it("a researcher may not vote", () =>
    refused(w, () => postJson(w.researcher, "/api/judgments", vote()), { status: 403, field: /vote/ }));
});

describe("voting routes refuse unknown ids and bad path parameters", () => {
  it("next pair of an unknown campaign", () =>
    refused(w, () => w.annotatorA.request("/api/annotate/nope-not-a-campaign/next", { method: "POST" }), {
      status: 404,
      field: /Campaign not found/,
    }));
  it("image of an unknown assignment", () =>
    refused(w, () => w.annotatorA.request("/api/assignments/c0000000000000000000000000/image/left"), {
      status: 404,
      field: null,
    }));
  it("image of another annotator's assignment", () =>
    refused(w, () => w.annotatorA.request(`/api/assignments/${w.assignmentB.assignmentId}/image/left`), {
      status: 404,
      field: null,
    }));
  it("image side that is neither left nor right is a 404 (lib/annotation/assignment-image.ts)", () =>
    refused(w, () => w.annotatorA.request(`/api/assignments/${w.assignmentA.assignmentId}/image/up`), {
      status: 404,
      field: /Image not found/,
    }));
  it("undo of an unknown judgment", () =>
    refused(w, () => w.annotatorA.request("/api/judgments/c0000000000000000000000000", { method: "DELETE" }), {
      status: 404,
      field: null,
    }));
});

describe("POST /api/judgments answers a repeated vote with the stored one", () => {
  const rowsWithKey = async (key: string) =>
    (await w.sql.query(`SELECT count(*)::int AS n FROM "Judgment" WHERE "idempotencyKey" = $1`, [key])).rows[0].n;

  it("an exact replay is a 200 with the stored judgment, replayed, writing nothing", async () => {
    const before = await rowCounts(w.sql);
    const response = await postJson(w.annotatorA, "/api/judgments", w.judgmentA.body);
    const answer = (await response.json()) as { judgmentId: string; replayed: boolean };
    expect(response.status).toBe(200);
    expect(answer.replayed).toBe(true);
    expect(changed(before, await rowCounts(w.sql))).toEqual({});
    expect(await rowsWithKey(w.judgmentA.key)).toBe(1);
  });

  it("concurrent copies of one vote: one 201, the others 200 replayed, one judgment, one row, never a 5xx", async () => {
    // Several copies on each of B's criteria, so that some really race past the replay check.
    for (const criterion of w.assignmentB.criteria) {
      const body = {
        assignmentId: w.assignmentB.assignmentId,
        criterionId: criterion.id,
        choice: criterion.choices[0],
        idempotencyKey: `race-${Date.now()}-${criterion.id}`,
      };
      const responses = await Promise.all(
        Array.from({ length: 4 }, () => postJson(w.annotatorB, "/api/judgments", body)),
      );
      const texts = await Promise.all(responses.map((r) => r.text()));
      expect(responses.map((r) => r.status).sort(), texts.join("\n")).toEqual([200, 200, 200, 201]);
      const answers = texts.map((t) => JSON.parse(t) as { judgmentId: string; replayed: boolean });
      expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
      expect(new Set(answers.map((a) => a.judgmentId)).size).toBe(1);
      expect(await rowsWithKey(body.idempotencyKey)).toBe(1);
    }
  });
});

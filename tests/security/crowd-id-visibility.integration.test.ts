import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../../lib/db";
import type { CurrentUser } from "../../lib/auth/guard";
import { createJoinLink, joinLinkToken } from "../../lib/access/join-links";
import { joinCampaign } from "../../lib/access/join";
import { consentScreen, recordConsent } from "../../lib/access/consent";
import { nextAssignmentView } from "../../lib/annotation/assignment-view";
import { submitJudgment } from "../../lib/judgments/submit-judgment";
import { campaignSummary } from "../../lib/campaigns/campaign-summary";
import { crowdIdentities } from "../../lib/results/crowd-ids";
import { JUDGMENT_COLUMNS, judgmentsCsvStream } from "../../lib/results/judgments-csv";
import { DEFAULT_RESULTS_SETTINGS } from "../../lib/results/settings";
import { makeAnnotatingCampaign, makeUser, prolificPid, uid } from "../support/factories";

/**
 * Issue 18 item 9: the campaign's owner sees the crowd ids (a PROLIFIC_PID) they approve and pay
 * by, in the annotator table and the judgment CSV; nobody else does — not another researcher, not
 * an annotator (neither through the owner's use cases nor in anything their own voting receives).
 */
const settings = { ...DEFAULT_RESULTS_SETTINGS, rounds: 20 };
let campaignId: string;
let owner: CurrentUser;
let stranger: CurrentUser;
const workers: { pid: string; userId: string; user: CurrentUser }[] = [];

async function code(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => "resolved",
    (error: unknown) => (error as { code?: string }).code ?? error,
  );
}

/** One vote of a worker on the pair they are shown; returns everything the view sent them. */
async function voteOnce(userId: string): Promise<string> {
  const next = await nextAssignmentView(campaignId, userId);
  if (next.kind !== "pair") throw new Error(next.kind);
  await submitJudgment(userId, {
    assignmentId: next.view.assignmentId,
    criterionId: next.view.criteria[0].id,
    choice: "left",
    idempotencyKey: uid("vote-"),
    latencyMs: 2500,
  });
  return JSON.stringify(next);
}

beforeAll(async () => {
  const made = await makeAnnotatingCampaign({ pairs: 3 });
  campaignId = made.campaignId;
  owner = { id: made.owner.id, email: made.owner.email, name: made.owner.name, role: "researcher" };
  const other = await makeUser("researcher");
  stranger = { id: other.id, email: other.email, name: other.name, role: "researcher" };
  const token = joinLinkToken((await createJoinLink(owner, campaignId, { label: "Prolific batch" })).id);
  for (const seed of ["visible-1", "visible-2"]) {
    const pid = prolificPid(seed);
    const joined = await joinCampaign(
      { token, crowd: { PROLIFIC_PID: pid, STUDY_ID: "study-1", SESSION_ID: `s-${seed}` } },
      null,
    );
    await recordConsent(campaignId, joined.userId);
    workers.push({
      pid,
      userId: joined.userId,
      user: { id: joined.userId, email: null, name: "prolific participant", role: "annotator" },
    });
  }
}, 120_000);
afterAll(async () => {
  await disconnectDb();
});

describe("crowd ids (issue 18 item 9)", () => {
  it("the owner sees each worker's PROLIFIC_PID in the annotator table and in the judgment CSV", async () => {
    await voteOnce(workers[0].userId);
    await voteOnce(workers[1].userId);

    const ids = await crowdIdentities(owner, campaignId);
    expect([...ids.values()].map((c) => c.crowdId).sort()).toEqual(workers.map((w) => w.pid).sort());
    expect(ids.get(workers[0].userId)).toMatchObject({ source: "prolific", crowdId: workers[0].pid });

    // The live annotator table: two workers with the same account name are told apart by their ids.
    const summary = await campaignSummary(owner, campaignId);
    expect(summary.perAnnotator.map((a) => a.crowdId).sort()).toEqual(workers.map((w) => w.pid).sort());
    expect(summary.perAnnotator.map((a) => a.label).sort()).toEqual(workers.map((w) => `prolific ${w.pid}`).sort());
    expect(new Set(summary.perAnnotator.map((a) => a.pseudonym)).size).toBe(2);

    // The CSV: crowd_source and crowd_id beside the salted hash, on every row of that worker.
    const csv = await new Response(await judgmentsCsvStream(owner, campaignId, settings)).text();
    const [header, ...rows] = csv.trim().split("\r\n");
    expect(header.split(",")).toEqual([...JUDGMENT_COLUMNS]);
    const at = (name: string) => JUDGMENT_COLUMNS.indexOf(name as (typeof JUDGMENT_COLUMNS)[number]);
    const pids = rows.map((r) => r.split(",")[at("crowd_id")]);
    expect(pids.sort()).toEqual(workers.map((w) => w.pid).sort());
    expect(rows.every((r) => r.split(",")[at("crowd_source")] === "prolific")).toBe(true);
    expect(rows.every((r) => /^[0-9a-f]{16}$/.test(r.split(",")[at("crowd_id_hash")]))).toBe(true);
  });

  it("another researcher gets NOT_FOUND from every way to them, not an empty list", async () => {
    expect(await code(crowdIdentities(stranger, campaignId))).toBe("NOT_FOUND");
    expect(await code(campaignSummary(stranger, campaignId))).toBe("NOT_FOUND");
    expect(await code(judgmentsCsvStream(stranger, campaignId, settings))).toBe("NOT_FOUND");
  });

  it("an annotator gets NOT_FOUND from the owner's use cases and never receives another worker's id", async () => {
    const [me, other] = workers;
    expect(await code(crowdIdentities(me.user, campaignId))).toBe("NOT_FOUND");
    expect(await code(campaignSummary(me.user, campaignId))).toBe("NOT_FOUND");
    expect(await code(judgmentsCsvStream(me.user, campaignId, settings))).toBe("NOT_FOUND");
    // What the annotator's own pages are built from: the consent screen and the next pair.
    const received = [JSON.stringify(await consentScreen(campaignId, me.userId)), await voteOnce(me.userId)].join("\n");
    expect(received).not.toContain(other.pid);
    expect(received).not.toContain(me.pid);
  });

  it("an admin, who manages every campaign, sees them too", async () => {
    const admin = await makeUser("admin");
    const ids = await crowdIdentities(
      { id: admin.id, email: admin.email, name: admin.name, role: "admin" },
      campaignId,
    );
    expect(ids.size).toBe(2);
    expect(await db.participation.count({ where: { campaignId, crowdId: { not: null } } })).toBe(2);
  });
});

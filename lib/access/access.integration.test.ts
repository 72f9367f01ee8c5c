import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db";
import { seedVotableCampaign } from "../../tests/security/fixtures";
import type { CurrentUser } from "../auth/guard";
import { createJoinLink, joinLinkToken, listJoinLinks, resolveJoinLink, revokeJoinLink } from "./join-links";
import { joinCampaign } from "./join";
import { issueJoinTicket, redeemJoinTicket } from "./join-ticket";
import { hasConsented, recordConsent } from "./consent";
import { completionRedirect } from "./completion";
import { nextAssignmentView } from "../annotation/assignment-view";
import { submitJudgment } from "../judgments/submit-judgment";
import { setUserActive } from "../users/manage-users";
import { prolificPid } from "../../tests/support/factories";
import { refusal } from "../../tests/support/refusal";

let campaignId: string;
let owner: CurrentUser;
let stranger: CurrentUser;
let admin: CurrentUser;

const asUser = (u: { id: string; email: string | null; name: string | null; role: string }) => u as CurrentUser;

beforeAll(async () => {
  owner = asUser(await db.user.create({ data: { email: "owner@example.org", role: "researcher" } }));
  admin = asUser(await db.user.create({ data: { email: "admin@example.org", role: "admin" } }));
  ({ campaignId } = await seedVotableCampaign(owner.id, {
    name: "Access",
    promptSetName: "Access prompts",
    prompts: ["a cat", "a dog"],
    modelNames: ["m-one", "m-two"],
  }));
  stranger = asUser(await db.user.create({ data: { email: "other@example.org", role: "researcher" } }));
}, 120_000);
afterAll(async () => {
  await disconnectDb();
});

describe("join links", () => {
  it("are listed and revoked only by the campaign's owner (or an admin); others get 404", async () => {
    const link = await createJoinLink(owner, campaignId, { label: "batch 1" });
    expect(link.path).toMatch(/^\/join\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect((await refusal(listJoinLinks(stranger, campaignId))).code).toBe("NOT_FOUND");
    expect((await refusal(createJoinLink(stranger, campaignId, {}))).code).toBe("NOT_FOUND");
    expect((await refusal(revokeJoinLink(stranger, campaignId, link.id))).code).toBe("NOT_FOUND");
    expect((await listJoinLinks(admin, campaignId)).map((l) => l.id)).toContain(link.id);
    await revokeJoinLink(owner, campaignId, link.id);
    expect(await resolveJoinLink(joinLinkToken(link.id))).toMatchObject({ ok: false, reason: "revoked" });
  });

  it("name the bad field", async () => {
    const error = await refusal(createJoinLink(owner, campaignId, { maxAnnotators: "0" }));
    expect(error.code).toBe("VALIDATION");
    expect(error.issues[0].field).toBe("maxAnnotators");
  });

  it("refuse forged, tampered and expired tokens", async () => {
    const link = await createJoinLink(owner, campaignId, {});
    const token = joinLinkToken(link.id);
    expect(await resolveJoinLink(token)).toMatchObject({ ok: true });
    expect(await resolveJoinLink(`${link.id}.${"A".repeat(43)}`)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await resolveJoinLink(`x${token}`)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await resolveJoinLink("../../etc/passwd")).toMatchObject({ ok: false, reason: "invalid" });
    await db.joinLink.update({ where: { id: link.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveJoinLink(token)).toMatchObject({ ok: false, reason: "expired" });
    expect((await refusal(joinCampaign({ token, crowd: { PROLIFIC_PID: prolificPid("late") } }, null))).code).toBe(
      "GONE",
    );
  });
});

describe("crowd entry", () => {
  it("records Prolific parameters and resumes the same identity in this browser, through another link of the campaign", async () => {
    const token = joinLinkToken((await createJoinLink(owner, campaignId, {})).id);
    const crowd = { PROLIFIC_PID: "5f1e0c9d8b7a6f5e4d3c2b1a", STUDY_ID: "study1", SESSION_ID: "sess1" };
    const first = await joinCampaign({ token, crowd }, null);
    expect(first).toMatchObject({ campaignId, resumed: false, consented: false });
    const participation = await db.participation.findUniqueOrThrow({
      where: { campaignId_userId: { campaignId, userId: first.userId } },
    });
    expect(participation).toMatchObject({
      crowdSource: "prolific",
      crowdId: crowd.PROLIFIC_PID,
      studyId: "study1",
      sessionId: "sess1",
    });
    const user = await db.user.findUniqueOrThrow({ where: { id: first.userId } });
    expect(user).toMatchObject({ role: "annotator", passwordHash: null, email: null });

    // The same browser (its secret), no session, a second link of the same campaign, a new session id.
    const otherToken = joinLinkToken((await createJoinLink(owner, campaignId, {})).id);
    const again = await joinCampaign(
      { token: otherToken, crowd: { ...crowd, SESSION_ID: "sess2" } },
      null,
      null,
      first.browserSecret,
    );
    expect(again).toMatchObject({ userId: first.userId, resumed: true });
    // Another browser with the same id is refused (tests/security/crowd-identity.integration.test.ts).
    expect((await refusal(joinCampaign({ token: otherToken, crowd }, null))).code).toBe("CONFLICT");
    expect((await db.participation.findUniqueOrThrow({ where: { id: participation.id } })).sessionId).toBe("sess2");
  });

  it("records MTurk parameters and refuses a HIT preview", async () => {
    const token = joinLinkToken((await createJoinLink(owner, campaignId, {})).id);
    const joined = await joinCampaign(
      { token, crowd: { workerId: "A1B2C3", assignmentId: "ASG1", hitId: "HIT1" } },
      null,
    );
    expect(await db.participation.findFirstOrThrow({ where: { userId: joined.userId } })).toMatchObject({
      crowdSource: "mturk",
      crowdId: "A1B2C3",
      hitId: "HIT1",
      crowdAssignmentId: "ASG1",
    });
    const preview = await refusal(
      joinCampaign({ token, crowd: { workerId: "A9PREVIEW", assignmentId: "ASSIGNMENT_ID_NOT_AVAILABLE" } }, null),
    );
    expect(preview.issues[0].field).toBe("assignmentId");
  });

  it("names a malformed crowd parameter", async () => {
    const token = joinLinkToken((await createJoinLink(owner, campaignId, {})).id);
    const error = await refusal(joinCampaign({ token, crowd: { PROLIFIC_PID: "<script>" } }, null));
    expect(error.code).toBe("VALIDATION");
    expect(error.issues[0].field).toContain("PROLIFIC_PID");
  });

  it("caps annotators per link, but lets a returning one back in; concurrent joins never overshoot", async () => {
    const link = await createJoinLink(owner, campaignId, { maxAnnotators: 3 });
    const token = joinLinkToken(link.id);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        joinCampaign({ token, crowd: { PROLIFIC_PID: prolificPid(`cap${i}`) } }, null),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(await db.participation.count({ where: { joinLinkId: link.id } })).toBe(3);
    const winner = results.findIndex((r) => r.status === "fulfilled");
    const { browserSecret } = (results[winner] as PromiseFulfilledResult<{ browserSecret: string }>).value;
    expect(
      await joinCampaign({ token, crowd: { PROLIFIC_PID: prolificPid(`cap${winner}`) } }, null, null, browserSecret),
    ).toMatchObject({ resumed: true });
    expect(await resolveJoinLink(token)).toMatchObject({ ok: false, reason: "full" });
  });

  it("without crowd parameters resumes the signed-in annotator, else makes a new one", async () => {
    const token = joinLinkToken((await createJoinLink(owner, campaignId, {})).id);
    const a = await joinCampaign({ token, crowd: {} }, null);
    const b = await joinCampaign({ token, crowd: {} }, null);
    expect(a.userId).not.toBe(b.userId);
    const me = asUser(await db.user.findUniqueOrThrow({ where: { id: a.userId } }));
    expect(await joinCampaign({ token, crowd: {} }, me)).toMatchObject({ userId: a.userId, resumed: true });
  });

  it("consent is recorded once, and gates the voting page", async () => {
    const token = joinLinkToken((await createJoinLink(owner, campaignId, {})).id);
    const { userId, browserSecret } = await joinCampaign(
      { token, crowd: { PROLIFIC_PID: prolificPid("consenter") } },
      null,
    );
    expect(await hasConsented(campaignId, userId)).toBe(false);
    await recordConsent(campaignId, userId);
    const first = (await db.participation.findFirstOrThrow({ where: { userId } })).consentedAt;
    await recordConsent(campaignId, userId);
    expect((await db.participation.findFirstOrThrow({ where: { userId } })).consentedAt).toEqual(first);
    expect(
      await joinCampaign({ token, crowd: { PROLIFIC_PID: prolificPid("consenter") } }, null, null, browserSecret),
    ).toMatchObject({
      consented: true,
    });
    expect((await refusal(recordConsent("not-a-campaign", userId))).code).toBe("NOT_FOUND");
  });
});

describe("join tickets (the Auth.js `join` provider)", () => {
  it("work once, only when signed, and never for a deactivated user", async () => {
    const token = joinLinkToken((await createJoinLink(owner, campaignId, {})).id);
    const holder = { PROLIFIC_PID: prolificPid("ticket-holder") };
    const { userId, browserSecret } = await joinCampaign({ token, crowd: holder }, null);
    const ticket = await issueJoinTicket(userId);
    expect(await redeemJoinTicket(ticket)).toMatchObject({ id: userId, role: "annotator" });
    expect(await redeemJoinTicket(ticket)).toBeNull();
    const [uid, secret] = (await issueJoinTicket(userId)).split(".");
    expect(await redeemJoinTicket(`${uid}.${secret}.${"B".repeat(43)}`)).toBeNull();
    expect(await redeemJoinTicket(`${stranger.id}.${secret}.${"B".repeat(43)}`)).toBeNull();

    const pending = await issueJoinTicket(userId);
    await setUserActive(admin, { userId, active: false });
    expect(await redeemJoinTicket(pending)).toBeNull();
    expect((await refusal(joinCampaign({ token, crowd: holder }, null, null, browserSecret))).code).toBe("FORBIDDEN");
  });
});

describe("completion redirect", () => {
  it("appends the code Prolific-style and never follows a non-http URL", () => {
    expect(completionRedirect("https://app.prolific.com/submissions/complete", "C0DE")).toBe(
      "https://app.prolific.com/submissions/complete?cc=C0DE",
    );
    expect(completionRedirect("https://example.org/done?cc=X", "C0DE")).toBe("https://example.org/done?cc=X");
    expect(completionRedirect("javascript:alert(1)", "C0DE")).toBeNull();
    expect(completionRedirect("not a url", "C0DE")).toBeNull();
    expect(completionRedirect(null, "C0DE")).toBeNull();
  });
});

describe("judgment rate limit", () => {
  it("refuses an annotator's judgment beyond the per-minute limit with 429", async () => {
    const annotator = await db.user.create({ data: { role: "annotator" } });
    await db.participation.create({ data: { campaignId, userId: annotator.id, consentedAt: new Date() } });
    const next = await nextAssignmentView(campaignId, annotator.id);
    if (next.kind !== "pair") throw new Error(`expected a pair, got ${next.kind}`);
    const [first, second] = next.view.criteria;
    expect(second).toBeDefined();
    // As the voting route calls it (app/api/judgments): the limit checked in the context statement.
    const answer = (criterion: typeof first, key: string) =>
      submitJudgment(
        annotator.id,
        {
          assignmentId: next.view.assignmentId,
          criterionId: criterion.id,
          choice: criterion.choices[0],
          idempotencyKey: key,
          latencyMs: 5000,
        },
        { rateLimit: 1 },
      );
    await answer(first, "rate-limit-1");
    const error = await refusal(answer(second, "rate-limit-2"));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.status).toBe(429);
    expect(await db.judgment.count({ where: { annotatorId: annotator.id } })).toBe(1);
    // A minute later the window is empty again.
    await db.judgment.updateMany({
      where: { annotatorId: annotator.id },
      data: { createdAt: new Date(Date.now() - 61_000) },
    });
    await answer(second, "rate-limit-2");
    expect(await db.judgment.count({ where: { annotatorId: annotator.id } })).toBe(2);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../../lib/db";
import { setEnv } from "../../lib/env";
import type { CurrentUser } from "../../lib/auth/guard";
import { createJoinLink, joinLinkToken } from "../../lib/access/join-links";
import { joinCampaign } from "../../lib/access/join";
import { makeAnnotatingCampaign, prolificPid } from "../support/factories";
import { refusal } from "../support/refusal";

/**
 * Issue 16 item 3, "crowd ids taken on trust": a PROLIFIC_PID / workerId is not a secret, so it
 * must not be enough to act as that worker. Each case failed on the code before the fix (the
 * same PID resumed the same annotator from any browser and in any campaign; any string was an id;
 * joins were neither throttled nor capped by default).
 */
let owner: CurrentUser;
let campaignId: string;
let otherCampaignId: string;

const newLink = async (campaign = campaignId, input: Record<string, unknown> = {}) =>
  joinLinkToken((await createJoinLink(owner, campaign, input)).id);

beforeAll(async () => {
  const first = await makeAnnotatingCampaign({ pairs: 1 });
  campaignId = first.campaignId;
  owner = { id: first.owner.id, email: first.owner.email, name: first.owner.name, role: "researcher" };
  const second = await makeAnnotatingCampaign({ pairs: 1 });
  otherCampaignId = second.campaignId;
  await db.campaign.update({ where: { id: otherCampaignId }, data: { ownerId: owner.id } });
}, 120_000);
afterEach(() => {
  setEnv("JOIN_RATE_LIMIT_PER_HOUR", "1000");
  setEnv("JOIN_LINK_DEFAULT_CAP", "500");
});
afterAll(async () => {
  await disconnectDb();
});

describe("a crowd identity is bound to the browser that first used it", () => {
  it("the same PROLIFIC_PID from a second browser is refused with a clear message, not merged", async () => {
    const token = await newLink();
    const pid = prolificPid("bound-1");
    const first = await joinCampaign({ token, crowd: { PROLIFIC_PID: pid } }, null);
    const intruder = await refusal(joinCampaign({ token, crowd: { PROLIFIC_PID: pid } }, null));
    expect(intruder.code).toBe("CONFLICT");
    expect(intruder.message).toMatch(/another browser/);
    const guessed = await refusal(
      joinCampaign({ token, crowd: { PROLIFIC_PID: pid } }, null, "203.0.113.5", "a-guessed-browser-secret-value"),
    );
    expect(guessed.code).toBe("CONFLICT");
    expect(await db.participation.count({ where: { campaignId, crowdId: pid } })).toBe(1);

    // The browser that started resumes, on a new Prolific session too.
    const back = await joinCampaign(
      { token, crowd: { PROLIFIC_PID: pid, SESSION_ID: "second-session" } },
      null,
      null,
      first.browserSecret,
    );
    expect(back).toMatchObject({ userId: first.userId, resumed: true });
  });

  it("the same MTurk workerId from a second browser is refused too", async () => {
    const token = await newLink();
    const first = await joinCampaign({ token, crowd: { workerId: "A2BOUNDWORKER7" } }, null);
    expect((await refusal(joinCampaign({ token, crowd: { workerId: "A2BOUNDWORKER7" } }, null))).code).toBe("CONFLICT");
    expect(
      await joinCampaign({ token, crowd: { workerId: "A2BOUNDWORKER7" } }, null, null, first.browserSecret),
    ).toMatchObject({ userId: first.userId, resumed: true });
  });

  it("the browser secret is stored only as a hash", async () => {
    const token = await newLink();
    const joined = await joinCampaign({ token, crowd: { PROLIFIC_PID: prolificPid("hashed") } }, null);
    expect(joined.browserSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db.participation.findFirstOrThrow({ where: { userId: joined.userId } });
    expect(JSON.stringify(row)).not.toContain(joined.browserSecret);
  });
});

describe("crowd identities are scoped to one campaign", () => {
  it("one PROLIFIC_PID in two campaigns is two annotators", async () => {
    const pid = prolificPid("two-campaigns");
    const here = await joinCampaign({ token: await newLink(), crowd: { PROLIFIC_PID: pid } }, null);
    const there = await joinCampaign(
      { token: await newLink(otherCampaignId), crowd: { PROLIFIC_PID: pid } },
      null,
      null,
      here.browserSecret,
    );
    expect(there.campaignId).toBe(otherCampaignId);
    expect(there.userId).not.toBe(here.userId);
  });
});

describe("crowd ids must have their platform's format", () => {
  it.each([
    ["PROLIFIC_PID", "burst1"],
    ["PROLIFIC_PID", "5f1e0c9d8b7a6f5e4d3c2b1"],
    ["PROLIFIC_PID", "5f1e0c9d8b7a6f5e4d3c2b1a0"],
    ["PROLIFIC_PID", "zz1e0c9d8b7a6f5e4d3c2b1a"],
    ["workerId", "W1"],
    ["workerId", "a1b2c3d4e5f6"],
    ["workerId", `A${"1".repeat(64)}`],
  ])("%s=%s is a 422 naming the field", async (field, value) => {
    const error = await refusal(joinCampaign({ token: await newLink(), crowd: { [field]: value } }, null));
    expect(error.code).toBe("VALIDATION");
    expect(error.issues[0].field).toMatch(new RegExp(`(^|\\.)${field}$`));
  });

  it("valid ids are accepted (Prolific: 24 hex digits; MTurk: A + capitals and digits)", async () => {
    const token = await newLink();
    await joinCampaign({ token, crowd: { PROLIFIC_PID: "5f1e0c9d8b7a6f5e4d3c2b1a" } }, null);
    await joinCampaign({ token, crowd: { workerId: "A1B2C3D4E5F6G7", assignmentId: "3ASG", hitId: "3HIT" } }, null);
  });
});

describe("joins are throttled per address and links are capped by default", () => {
  it("beyond JOIN_RATE_LIMIT_PER_HOUR joins from one address are refused with 429; other addresses are not", async () => {
    setEnv("JOIN_RATE_LIMIT_PER_HOUR", "3");
    const token = await newLink();
    for (let i = 0; i < 3; i++) await joinCampaign({ token, crowd: {} }, null, "198.51.100.77");
    const refused = await refusal(joinCampaign({ token, crowd: {} }, null, "198.51.100.77"));
    expect(refused.code).toBe("RATE_LIMITED");
    expect(refused.status).toBe(429);
    await joinCampaign({ token, crowd: {} }, null, "198.51.100.78");
  });

  it("a link created without a cap gets JOIN_LINK_DEFAULT_CAP, and it is enforced", async () => {
    setEnv("JOIN_LINK_DEFAULT_CAP", "2");
    const link = await createJoinLink(owner, campaignId, {});
    expect(link.maxAnnotators).toBe(2);
    const token = joinLinkToken(link.id);
    await joinCampaign({ token, crowd: {} }, null);
    await joinCampaign({ token, crowd: {} }, null);
    expect((await refusal(joinCampaign({ token, crowd: {} }, null))).code).toBe("GONE");
  });

  it("a link stored without a cap (made before the default) is held to the default at join", async () => {
    setEnv("JOIN_LINK_DEFAULT_CAP", "1");
    const link = await createJoinLink(owner, campaignId, {});
    await db.joinLink.update({ where: { id: link.id }, data: { maxAnnotators: null } });
    const token = joinLinkToken(link.id);
    await joinCampaign({ token, crowd: {} }, null);
    expect((await refusal(joinCampaign({ token, crowd: {} }, null))).code).toBe("GONE");
  });
});

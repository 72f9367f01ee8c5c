import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db";
import { seedVotableCampaign } from "../../tests/security/fixtures";
import type { CurrentUser } from "../auth/guard";
import { addressHash } from "./address-hash";
import { joinCampaign } from "./join";
import { createJoinLink, joinLinkToken } from "./join-links";

let campaignId: string;
let token: string;

beforeAll(async () => {
  const owner = (await db.user.create({
    data: { email: "hash-owner@example.org", role: "researcher" },
  })) as CurrentUser;
  ({ campaignId } = await seedVotableCampaign(owner.id, {
    name: "Addresses",
    promptSetName: "Address prompts",
    prompts: ["a cat", "a dog"],
    modelNames: ["m-one", "m-two"],
  }));
  token = joinLinkToken((await createJoinLink(owner, campaignId, {})).id);
}, 120_000);
afterAll(async () => {
  await disconnectDb();
});

describe("joining records the address only as its hash", () => {
  it("equal addresses give equal hashes, the address itself is nowhere in the row", async () => {
    const a = await joinCampaign({ token, crowd: { PROLIFIC_PID: "aaaaaaaaaaaaaaaaaaaaaaa1" } }, null, "198.51.100.20");
    const b = await joinCampaign({ token, crowd: { PROLIFIC_PID: "aaaaaaaaaaaaaaaaaaaaaaa2" } }, null, "198.51.100.20");
    const c = await joinCampaign({ token, crowd: { PROLIFIC_PID: "bbbbbbbbbbbbbbbbbbbbbbb3" } }, null, "203.0.113.9");
    const d = await joinCampaign({ token, crowd: { PROLIFIC_PID: "ccccccccccccccccccccccc4" } }, null);
    const rows = await db.participation.findMany({
      where: { campaignId, userId: { in: [a.userId, b.userId, c.userId, d.userId] } },
    });
    const hash = (userId: string) => rows.find((r) => r.userId === userId)!.addressHash;
    expect(hash(a.userId)).toBe(addressHash(campaignId, "198.51.100.20"));
    expect(hash(b.userId)).toBe(hash(a.userId));
    expect(hash(c.userId)).not.toBe(hash(a.userId));
    expect(hash(d.userId)).toBeNull();
    expect(JSON.stringify(rows)).not.toContain("198.51.100.20");
  });
});

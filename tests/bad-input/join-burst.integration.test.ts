import { describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { createJoinLink, joinLinkToken } from "../../lib/access/join-links";
import { joinCampaign } from "../../lib/access/join";
import { makeAnnotatingCampaign, prolificPid } from "../support/factories";

/**
 * Found by the chaos run: 200 crowd workers arriving within seconds through one join link queued
 * behind the link's row lock until their transactions timed out (500s on /join). Arrivals on an
 * uncapped link no longer serialise; a capped link still never overshoots its cap.
 */
describe("a burst of arrivals on one join link", () => {
  it("150 concurrent joins on an uncapped link all succeed", { timeout: 120_000 }, async () => {
    const { campaignId, owner } = await makeAnnotatingCampaign({ pairs: 1 });
    const link = await createJoinLink(
      { id: owner.id, email: owner.email, name: owner.name, role: "researcher" },
      campaignId,
      {},
    );
    const token = joinLinkToken(link.id);
    const results = await Promise.allSettled(
      Array.from({ length: 150 }, (_, i) =>
        joinCampaign({ token, crowd: { PROLIFIC_PID: prolificPid(`burst${i}`) } }, null),
      ),
    );
    const failures = results
      .filter((r) => r.status === "rejected")
      .map((r) => String((r as PromiseRejectedResult).reason).slice(0, 200));
    expect(failures).toEqual([]);
    expect(await db.participation.count({ where: { joinLinkId: link.id } })).toBe(150);
  });

  it("a capped link under the same burst admits exactly its cap", { timeout: 120_000 }, async () => {
    const { campaignId, owner } = await makeAnnotatingCampaign({ pairs: 1 });
    const link = await createJoinLink(
      { id: owner.id, email: owner.email, name: owner.name, role: "researcher" },
      campaignId,
      { maxAnnotators: 40 },
    );
    const token = joinLinkToken(link.id);
    const results = await Promise.allSettled(
      Array.from({ length: 80 }, (_, i) =>
        joinCampaign({ token, crowd: { PROLIFIC_PID: prolificPid(`capped${i}`) } }, null),
      ),
    );
    const refused = results
      .filter((r) => r.status === "rejected")
      .map((r) => (r as PromiseRejectedResult).reason as { status?: number });
    expect(refused.every((e) => e.status === 410)).toBe(true);
    expect(await db.participation.count({ where: { joinLinkId: link.id } })).toBe(40);
  });
});

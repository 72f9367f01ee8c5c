import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { crowdIdHash } from "./pseudonyms";

const PID = "5f1e0c9d8b7a6f5e4d3c2b1a";

describe("crowd_id_hash (probe, issue 16 item 6)", () => {
  it("is salted with the campaign: sha256 of campaign:source:id, first 16 hex digits", () => {
    const expected = createHash("sha256").update(`c1:prolific:${PID}`).digest("hex").slice(0, 16);
    expect(crowdIdHash("c1", "prolific", PID)).toBe(expected);
  });

  it("differs across campaigns for the same worker, so two exports cannot be joined on it", () => {
    expect(crowdIdHash("c1", "prolific", PID)).not.toBe(crowdIdHash("c2", "prolific", PID));
    expect(crowdIdHash("c1", "prolific", PID)).toBe(crowdIdHash("c1", "prolific", PID));
  });

  it("is null without a crowd id", () => {
    expect(crowdIdHash("c1", "prolific", null)).toBeNull();
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { setEnv } from "../env";
import { readSignedToken, signedToken } from "./signing";
import { crowdIdentity, crowdParamsSchema, pickCrowdParams } from "./crowd-params";

beforeAll(() => setEnv("AUTH_SECRET", "unit-test-secret-0123456789"));

describe("signed tokens", () => {
  it("round-trip, and refuse tampering, other purposes and junk", () => {
    const token = signedToken("join-link", ["abc123"]);
    expect(readSignedToken("join-link", token, 1)).toEqual(["abc123"]);
    expect(readSignedToken("invite", token, 1)).toBeNull();
    expect(readSignedToken("join-link", token.replace("abc123", "abc124"), 1)).toBeNull();
    expect(readSignedToken("join-link", `${token}x`, 1)).toBeNull();
    expect(readSignedToken("join-link", "abc123", 1)).toBeNull();
    expect(readSignedToken("join-link", "../../etc/passwd", 1)).toBeNull();
    expect(readSignedToken("join-ticket", signedToken("join-ticket", ["u", "n"]), 2)).toEqual(["u", "n"]);
    expect(readSignedToken("join-ticket", signedToken("join-ticket", ["u", "n"]), 1)).toBeNull();
  });
});

describe("crowd parameters", () => {
  it("picks Prolific and MTurk keys and ignores others", () => {
    expect(pickCrowdParams({ PROLIFIC_PID: "p", STUDY_ID: ["s", "t"], other: "x", SESSION_ID: "" })).toEqual({
      PROLIFIC_PID: "p",
      STUDY_ID: "s",
    });
    expect(crowdIdentity(crowdParamsSchema.parse({ workerId: "AW1", hitId: "H" }))).toMatchObject({
      source: "mturk",
      id: "AW1",
      hitId: "H",
    });
    expect(crowdIdentity(crowdParamsSchema.parse({}))).toBeNull();
    expect(crowdParamsSchema.safeParse({ PROLIFIC_PID: "a b" }).success).toBe(false);
    const pid = "5F1E0C9D8B7A6F5E4D3C2B1A";
    // Prolific ids are hex; their case names no other participant.
    expect(crowdIdentity(crowdParamsSchema.parse({ PROLIFIC_PID: pid }))?.id).toBe(pid.toLowerCase());
    expect(crowdParamsSchema.safeParse({ PROLIFIC_PID: pid, workerId: "AW1" }).success).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { decodeSessionToken } from "./session-token";

const SECRET = "a-test-secret-of-enough-length-0123456789";
const SALT = "authjs.session-token";

/** A cookie value exactly as Auth.js writes it at sign-in. */
const mint = (sub: string, maxAge = 3600, secret = SECRET, salt = SALT) =>
  encode({ token: { sub, role: "annotator" }, secret, salt, maxAge });

describe("decodeSessionToken (Auth.js session cookies read directly)", () => {
  it("reads the subject, issue and expiry times of a token Auth.js encoded", async () => {
    const before = Math.floor(Date.now() / 1000);
    const claims = await decodeSessionToken(await mint("user-1"), SECRET, SALT);
    expect(claims?.sub).toBe("user-1");
    expect(claims!.iat).toBeGreaterThanOrEqual(before);
    expect(claims!.exp - claims!.iat).toBe(3600);
  });

  it("refuses a token sealed with another secret or for another cookie name", async () => {
    expect(
      await decodeSessionToken(await mint("u", 3600, "another-secret-of-enough-length-9876"), SECRET, SALT),
    ).toBeNull();
    expect(
      await decodeSessionToken(await mint("u", 3600, SECRET, "__Secure-authjs.session-token"), SECRET, SALT),
    ).toBeNull();
  });

  it("refuses a tampered or malformed token", async () => {
    const token = await mint("user-2");
    const parts = token.split(".");
    const flipped = parts[3][0] === "A" ? "B" : "A";
    parts[3] = flipped + parts[3].slice(1);
    expect(await decodeSessionToken(parts.join("."), SECRET, SALT)).toBeNull();
    expect(await decodeSessionToken("not-a-token", SECRET, SALT)).toBeNull();
    expect(await decodeSessionToken("", SECRET, SALT)).toBeNull();
  });

  it("refuses an expired token, also once it was remembered while valid", async () => {
    const token = await mint("user-3", 60);
    expect((await decodeSessionToken(token, SECRET, SALT))?.sub).toBe("user-3");
    // 60 s of validity + 15 s of clock tolerance: valid at +70 s, refused at +80 s.
    expect((await decodeSessionToken(token, SECRET, SALT, Date.now() + 70_000))?.sub).toBe("user-3");
    expect(await decodeSessionToken(token, SECRET, SALT, Date.now() + 80_000)).toBeNull();
    const stale = await mint("user-4", 1);
    expect(await decodeSessionToken(stale, SECRET, SALT, Date.now() + 30_000)).toBeNull();
  });

  it("remembers a token per cookie name: one sealed for __Secure- is not read as the plain cookie (probe, issue 16 item 5)", async () => {
    const SECURE = "__Secure-authjs.session-token";
    const token = await mint("user-5", 3600, SECRET, SECURE);
    expect((await decodeSessionToken(token, SECRET, SECURE))?.sub).toBe("user-5");
    // Before the fix the cache was looked up by token alone, so this answered user-5.
    expect(await decodeSessionToken(token, SECRET, SALT)).toBeNull();
    expect((await decodeSessionToken(token, SECRET, SECURE))?.sub).toBe("user-5");
  });
});

import "server-only";
import { hkdfSync } from "node:crypto";
import { base64url, calculateJwkThumbprint, jwtDecrypt } from "jose";

/**
 * Reads an Auth.js session cookie without running Auth.js's whole session action.
 *
 * Why: `auth()` derives the key (HKDF), decrypts the JWE, runs the callbacks and re-encrypts a new
 * cookie on EVERY request, which cost the voting API several milliseconds of CPU per call. Here
 * the key is derived once per cookie name and a decoded token is remembered by its cookie name
 * (the salt) and exact string (its expiry is still checked on every use), so a request costs a
 * map lookup; a token sealed for one cookie name is never answered for another. The format is
 * Auth.js's own (`@auth/core/jwt` decode: "dir" + A256CBC-HS512, key = HKDF-SHA256(secret,
 * salt = cookie name, info = "Auth.js Generated Encryption Key (<salt>)"), kid = JWK thumbprint,
 * 15 s clock tolerance); a unit test round-trips tokens made by Auth.js's `encode`.
 */
export interface SessionClaims {
  sub: string;
  /** Seconds since the epoch, as in the JWT. */
  iat: number;
  exp: number;
  /** When the user signed in (ms since the epoch; the `authTime` claim, kept when Auth.js re-issues). */
  authTime?: number;
}

const ENC = "A256CBC-HS512";
const CLOCK_TOLERANCE_S = 15;
const MAX_REMEMBERED = 20_000;

const keys = new Map<string, Promise<{ key: Uint8Array; kid: string }>>();
const remembered = new Map<string, SessionClaims>();

function keyFor(secret: string, salt: string) {
  const id = `${salt}\u0000${secret}`;
  let entry = keys.get(id);
  if (!entry) {
    const key = new Uint8Array(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    entry = calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, "sha512").then((kid) => ({ key, kid }));
    keys.set(id, entry);
  }
  return entry;
}

/** The claims of a valid, unexpired session token; null for anything else (tampered, expired, foreign). */
export async function decodeSessionToken(
  token: string,
  secret: string,
  salt: string,
  nowMs = Date.now(),
): Promise<SessionClaims | null> {
  const nowS = nowMs / 1000;
  const id = `${salt}\u0000${token}`;
  const known = remembered.get(id);
  if (known) {
    if (known.exp + CLOCK_TOLERANCE_S > nowS) return known;
    remembered.delete(id);
    return null;
  }
  try {
    const { key, kid } = await keyFor(secret, salt);
    const { payload } = await jwtDecrypt(
      token,
      (header) => {
        if (header.kid !== undefined && header.kid !== kid) throw new Error("no matching decryption secret");
        return key;
      },
      {
        clockTolerance: CLOCK_TOLERANCE_S,
        currentDate: new Date(nowMs),
        keyManagementAlgorithms: ["dir"],
        contentEncryptionAlgorithms: [ENC],
      },
    );
    if (typeof payload.sub !== "string" || typeof payload.exp !== "number" || typeof payload.iat !== "number")
      return null;
    const claims: SessionClaims = { sub: payload.sub, iat: payload.iat, exp: payload.exp };
    if (typeof payload.authTime === "number") claims.authTime = payload.authTime;
    if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
    remembered.set(id, claims);
    return claims;
  } catch {
    return null;
  }
}

import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { ensureAuthSecret } from "../auth/auth-secret";

/**
 * HMAC-SHA256 signatures with AUTH_SECRET (through lib/env), one key per purpose so that a
 * signature made for one kind of token is never accepted as another.
 */
export type Purpose = "join-link" | "join-ticket" | "invite";

function key(purpose: Purpose): Buffer {
  return createHmac("sha256", ensureAuthSecret()).update(`photogenic:${purpose}`).digest();
}

export function sign(purpose: Purpose, payload: string): string {
  return createHmac("sha256", key(purpose)).update(payload).digest("base64url");
}

export function verifySignature(purpose: Purpose, payload: string, signature: string): boolean {
  const expected = Buffer.from(sign(purpose, payload));
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** `payload.signature`; payload parts are separated by '.' and must not contain one. */
export function signedToken(purpose: Purpose, parts: string[]): string {
  const payload = parts.join(".");
  return `${payload}.${sign(purpose, payload)}`;
}

/** The payload parts of a token signed for `purpose`, or null when it is malformed or forged. */
export function readSignedToken(purpose: Purpose, token: string, partCount: number): string[] | null {
  if (typeof token !== "string" || token.length > 512 || !/^[A-Za-z0-9_\-.]+$/.test(token)) return null;
  const parts = token.split(".");
  if (parts.length !== partCount + 1) return null;
  const signature = parts.pop()!;
  return verifySignature(purpose, parts.join("."), signature) ? parts : null;
}

export function nonce(): string {
  return randomBytes(24).toString("base64url");
}

/** What is stored for a one-time token: its hash, never the token itself. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

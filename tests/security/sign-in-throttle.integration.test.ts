import { describe, expect, it, vi } from "vitest";
import { db } from "../../lib/db";
import { setEnv } from "../../lib/env";
import { authorizePassword } from "../../lib/auth/sign-in-throttle";
import { clientAddress } from "../../lib/http/client-address";
import { makeUser } from "../support/factories";

/**
 * Sign-in throttling: exponential backoff on failures only, per (e-mail, address) and per address
 * (and per e-mail across addresses, at a higher threshold), kept in PostgreSQL so every web server
 * sees it; a correct password clears its (e-mail, address) entry; unknown e-mails cost a password
 * hash like known ones, so timing does not reveal accounts.
 */
const PASSWORD = "throttle-password-1";
const OFFICE = "198.51.100.7";

async function account() {
  const user = await makeUser("admin", PASSWORD);
  return user.email!;
}

const at = (seconds: number) => new Date(Date.now() + seconds * 1000);

describe("sign-in throttling", () => {
  it("never counts correct sign-ins: an admin signing in often is not locked out", async () => {
    const email = await account();
    for (let i = 0; i < 12; i++)
      expect(await authorizePassword(email, PASSWORD, OFFICE), `sign-in ${i + 1}`).not.toBeNull();
  });

  it("failures from one address do not lock the account out from another", async () => {
    const ATTACKER = "203.0.113.9";
    const email = await account();
    for (let i = 0; i < 10; i++) expect(await authorizePassword(email, `wrong-${i}`, ATTACKER)).toBeNull();
    expect(await authorizePassword(email, PASSWORD, OFFICE)).not.toBeNull();
  });

  it("backs off exponentially after five failures (even a correct password waits), and success clears it", async () => {
    const ATTACKER = "203.0.113.10";
    const email = await account();
    for (let i = 0; i < 5; i++) await authorizePassword(email, `wrong-${i}`, ATTACKER);
    expect(await authorizePassword(email, PASSWORD, ATTACKER)).toBeNull(); // 1 s backoff
    expect(await authorizePassword(email, "wrong-6", ATTACKER, at(1.5))).toBeNull(); // counted: 2 s now
    expect(await authorizePassword(email, PASSWORD, ATTACKER, at(2.5))).toBeNull();
    expect(await authorizePassword(email, PASSWORD, ATTACKER, at(4))).not.toBeNull();
    expect(await db.signInThrottle.findUnique({ where: { key: `${email}|${ATTACKER}` } })).toBeNull();
    expect(await authorizePassword(email, PASSWORD, ATTACKER, at(4))).not.toBeNull();
  });

  it("keeps its state in PostgreSQL: a fresh web process sees the backoff", async () => {
    const ATTACKER = "203.0.113.11";
    const email = await account();
    for (let i = 0; i < 6; i++) await authorizePassword(email, `wrong-${i}`, ATTACKER);
    vi.resetModules();
    const fresh = await import("../../lib/auth/sign-in-throttle");
    expect(await fresh.authorizePassword(email, PASSWORD, ATTACKER)).toBeNull();
  });

  it("throttles one address trying many accounts", async () => {
    const spray = "192.0.2.77";
    for (let i = 0; i < 20; i++) await authorizePassword(`nobody-${i}@spray.test`, "guess", spray);
    const email = await account();
    expect(await authorizePassword(email, PASSWORD, spray)).toBeNull();
    expect(await authorizePassword(email, PASSWORD, OFFICE)).not.toBeNull();
  });

  it("prunes entries idle for a day", async () => {
    await db.signInThrottle.create({
      data: { key: "stale@old.test|192.0.2.1", failures: 40, lastFailureAt: new Date(Date.now() - 25 * 3600_000) },
    });
    await authorizePassword("someone@new.test", "guess", "192.0.2.2");
    expect(await db.signInThrottle.findUnique({ where: { key: "stale@old.test|192.0.2.1" } })).toBeNull();
  });

  it("an unknown e-mail costs a password hash, as a known one does (no timing oracle)", async () => {
    const email = await account();
    const time = async (e: string, address: string) => {
      const started = performance.now();
      await authorizePassword(e, "not-the-password", address);
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time(email, `192.0.2.${10 + i}`));
      unknown.push(await time(`nobody-${i}@timing.test`, `192.0.2.${20 + i}`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1];
    // scrypt (32 MiB) dominates both; skipping it made unknown e-mails ~50× faster.
    expect(median(unknown)).toBeGreaterThan(median(known) / 3);
  });

  it("takes the address from X-Forwarded-For as far as TRUSTED_PROXY_COUNT proxies vouch for it", () => {
    const headers = (xff: string) => new Headers({ "x-forwarded-for": xff });
    try {
      setEnv("TRUSTED_PROXY_COUNT", "0");
      expect(clientAddress(headers("198.51.100.7"))).toBe("198.51.100.7");
      setEnv("TRUSTED_PROXY_COUNT", "1");
      expect(clientAddress(headers("6.6.6.6, 198.51.100.7"))).toBe("198.51.100.7");
      setEnv("TRUSTED_PROXY_COUNT", "2");
      expect(clientAddress(headers("6.6.6.6, 198.51.100.7, 10.0.0.2"))).toBe("198.51.100.7");
      expect(clientAddress(headers("::ffff:198.51.100.7"))).toBe("198.51.100.7");
      expect(clientAddress(new Headers())).toBeNull();
    } finally {
      setEnv("TRUSTED_PROXY_COUNT", "0");
    }
  });
});

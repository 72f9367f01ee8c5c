import "server-only";
import { db } from "../db";
import { verifyPassword } from "./password";

/**
 * Password attempts back off exponentially on failures, in PostgreSQL (every web server sees the
 * same counts). Three keys are counted, each with its own allowance of free failures:
 *
 * - `account|address` (5): one guesser at one account; a correct password clears it, so
 *   failures from elsewhere never lock the owner out for long;
 * - `@address` (20): one address trying many accounts;
 * - `account` (20, any address): guessing from many addresses. Without a proxy in front
 *   (TRUSTED_PROXY_COUNT=0) a client can name its own address in X-Forwarded-For, so this key is
 *   what bounds a guesser who changes it.
 *
 * Past its allowance a key waits 1 s after its last failure, doubling with each further failure
 * up to 15 minutes; attempts refused while waiting are not counted. An attempt is counted as a
 * failure before the password is checked (so parallel guesses cannot all slip through before the
 * first is recorded) and taken back when it succeeds. Entries idle for a day are deleted.
 */
const FREE_PER_ACCOUNT_ADDRESS = 5;
const FREE_PER_ADDRESS = 20;
const FREE_PER_ACCOUNT = 20;
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 15 * 60 * 1000;
const IDLE_MS = 24 * 60 * 60 * 1000;

/** Who is attempting: the account (an e-mail, or e.g. `change-password:<userId>`) and the client address. */
export interface AttemptSubject {
  account: string;
  /** Empty when there is none (a server action without the request); then only the account is keyed. */
  address: string;
}

function keysOf(s: AttemptSubject): { key: string; free: number }[] {
  return [
    ...(s.address ? [{ key: `${s.account}|${s.address}`, free: FREE_PER_ACCOUNT_ADDRESS }] : []),
    ...(s.address ? [{ key: `@${s.address}`, free: FREE_PER_ADDRESS }] : []),
    { key: s.account, free: s.address ? FREE_PER_ACCOUNT : FREE_PER_ACCOUNT_ADDRESS },
  ];
}

/** How long after its last failure a key with `failures` failures waits (0 within its allowance). */
export function backoffMs(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(failures - free, 30));
}

/** Milliseconds until `subject` may try again (0: now). */
export async function attemptDelayMs(subject: AttemptSubject, now = new Date()): Promise<number> {
  const keys = keysOf(subject);
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  let wait = 0;
  for (const row of rows) {
    const free = keys.find((k) => k.key === row.key)!.free;
    wait = Math.max(wait, row.lastFailureAt.getTime() + backoffMs(row.failures, free) - now.getTime());
  }
  return wait;
}

/** Counts the attempt as a failure on every key (taken back by attemptSucceeded) and prunes idle entries. */
export async function recordAttempt(subject: AttemptSubject, now = new Date()): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { lastFailureAt: { lt: new Date(now.getTime() - IDLE_MS) } } });
  for (const { key } of keysOf(subject)) {
    await db.signInThrottle.upsert({
      where: { key },
      create: { key, failures: 1, lastFailureAt: now },
      update: { failures: { increment: 1 }, lastFailureAt: now },
    });
  }
}

/** A correct password: the (account, address) entry is cleared, the attempt taken back from the others. */
export async function attemptSucceeded(subject: AttemptSubject): Promise<void> {
  const [first, ...rest] = keysOf(subject);
  if (subject.address) await db.signInThrottle.deleteMany({ where: { key: first.key } });
  const others = subject.address ? rest : [first, ...rest];
  await db.signInThrottle.updateMany({
    where: { key: { in: others.map((k) => k.key) }, failures: { gt: 0 } },
    data: { failures: { decrement: 1 } },
  });
}

/**
 * A well-formed scrypt hash of no password: verified when the e-mail is unknown, inactive or has
 * no password, so every refusal costs one scrypt and timing does not tell which accounts exist.
 */
const DUMMY_HASH = "scrypt$32768$8$1$3q2-7wAAAAAAAAAAAAAAAA$xHwL3Z3c2m4bYpQk9v0aJm5dGq8sTt1uVw2xYz3aB4c";

/**
 * The e-mail + password sign-in (Auth.js `credentials` provider): throttled as above, the user
 * returned only when active with this password.
 */
export async function authorizePassword(email: string, password: string, address: string, now = new Date()) {
  const subject = { account: email, address };
  if ((await attemptDelayMs(subject, now)) > 0) return null;
  await recordAttempt(subject, now);
  const user = await db.user.findUnique({ where: { email } });
  const hash = user?.active && user.passwordHash ? user.passwordHash : DUMMY_HASH;
  const correct = await verifyPassword(password, hash);
  if (!user || hash === DUMMY_HASH || !correct) return null;
  await attemptSucceeded(subject);
  return user;
}

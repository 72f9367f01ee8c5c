/**
 * Sign-in throttling per e-mail: at most MAX_ATTEMPTS attempts per WINDOW_MS, in memory of
 * this web process (a multi-server deployment gets one bucket per server, which still bounds
 * guessing to a small multiple).
 */
const WINDOW_MS = 15 * 60 * 1000;
const MAX_ATTEMPTS = 10;
const attempts = new Map<string, number[]>();

export function checkSignInThrottle(email: string, now = Date.now()): boolean {
  const recent = (attempts.get(email) ?? []).filter((t) => now - t < WINDOW_MS);
  recent.push(now);
  attempts.set(email, recent);
  return recent.length <= MAX_ATTEMPTS;
}

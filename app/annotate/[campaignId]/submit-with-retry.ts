import type { NextView } from "@/lib/annotation/assignment-view";

export type SubmitResult =
  | { ok: true; judgmentId: string; assignmentCompleted: boolean; sessionEnded: boolean; next?: NextView }
  | { ok: false; status: number; message: string };

const DELAYS_MS = [300, 1000, 3000, 6000];

/**
 * Posts one judgment, retrying network failures and 5xx with the same idempotency key, so a
 * flaky connection never loses a vote and the server never counts it twice.
 */
export async function submitWithRetry(body: Record<string, unknown>): Promise<SubmitResult> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch("/api/judgments", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }).catch(() => null);
    if (response && response.ok) return { ok: true, ...(await response.json()) };
    if (response && response.status < 500) {
      const problem = await response.json().catch(() => null);
      return { ok: false, status: response.status, message: problem?.detail ?? `Request failed (${response.status})` };
    }
    if (attempt >= DELAYS_MS.length)
      return {
        ok: false,
        status: response?.status ?? 0,
        message: "Network problem: your answer could not be saved. Please try again.",
      };
    await new Promise((resolve) => setTimeout(resolve, DELAYS_MS[attempt]));
  }
}

import { createHash } from "node:crypto";
import { HttpClient, type RequestLog } from "./http-client";

/**
 * A simulated crowd annotator: arrives by the campaign's join link (Prolific-style PROLIFIC_PID),
 * consents, then asks for pairs and answers every criterion through the real HTTP API, with a
 * client-made idempotency key per (assignment, criterion). Every request is retried with backoff
 * on a network error, a 5xx or a 429, as the voting page does; the key makes a retry after a lost
 * answer safe. Each 2xx answer goes into the shared ledger, which the end checks compare with
 * the database.
 */
export interface Ledger {
  /** idempotency key → judgment id, for every judgment answered with a 2xx. */
  acknowledged: Map<string, string>;
  /** A key acknowledged twice with two different judgment ids. */
  conflictingAcks: string[];
}

export interface ClientStats {
  retries: number;
  recovered: number;
  gaveUp: number;
  gone: number;
  unexpected: string[];
  replays: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Annotator {
  private readonly http: HttpClient;

  constructor(
    private readonly n: number,
    baseUrl: () => string,
    log: RequestLog,
    private readonly ledger: Ledger,
    private readonly stats: ClientStats,
    private readonly options: { campaignId: string; joinPath: string; thinkMs: [number, number]; deadline: number },
  ) {
    this.http = new HttpClient(baseUrl, log);
  }

  /** One request, retried until it gets an answer that is not a 5xx/429 (or the run's deadline). */
  private async retrying(what: string, attempt: () => Promise<Response>): Promise<Response | null> {
    let failures = 0;
    for (;;) {
      try {
        const response = await attempt();
        if (response.status < 500 && response.status !== 429) {
          if (failures > 0) this.stats.recovered++;
          return response;
        }
        await response.body?.cancel();
      } catch {
        // network error: the server is restarting
      }
      failures++;
      this.stats.retries++;
      if (Date.now() > this.options.deadline) {
        this.stats.gaveUp++;
        this.stats.unexpected.push(`${what}: gave up after ${failures} attempts`);
        return null;
      }
      await sleep(Math.min(4000, 150 * 2 ** Math.min(failures, 5)) * (0.5 + Math.random()));
    }
  }

  async join(): Promise<boolean> {
    const { joinPath, campaignId } = this.options;
    const entered = await this.retrying("join", () =>
      this.http.submitPageForm(`${joinPath}?PROLIFIC_PID=${chaosPid(this.n)}&STUDY_ID=chaos`),
    );
    if (!entered || entered.status !== 303 || !this.http.hasSession()) {
      this.stats.unexpected.push(`join: ${entered?.status} ${entered?.headers.get("location")}`);
      return false;
    }
    const consented = await this.retrying("consent", () =>
      this.http.submitPageForm(`/join/consent/${campaignId}`, { agree: "yes" }),
    );
    if (!consented || consented.status !== 303) {
      this.stats.unexpected.push(`consent: ${consented?.status} ${consented?.headers.get("location")}`);
      return false;
    }
    return true;
  }

  /** Votes until told to stop (the harness stops everyone once every pair is full). */
  async vote(stop: () => boolean): Promise<void> {
    const { campaignId, thinkMs } = this.options;
    while (!stop()) {
      const response = await this.retrying("next", () =>
        this.http.request(`/api/annotate/${campaignId}/next`, { method: "POST" }),
      );
      if (!response) return;
      if (response.status !== 200) {
        this.stats.unexpected.push(`next: ${response.status} ${await response.text()}`);
        await sleep(2000);
        continue;
      }
      const next = (await response.json()) as {
        kind: string;
        view?: { assignmentId: string; images: { left: string }; criteria: { id: string; choices: string[] }[] };
      };
      if (next.kind !== "pair" || !next.view) {
        // Nothing for me now (pairs still generating, or all slots leased): look again later.
        await sleep(1500 + Math.random() * 1500);
        continue;
      }
      const view = next.view;
      if (Math.random() < 0.1)
        await this.retrying("image", () => this.http.request(view.images.left)).then((r) => r?.body?.cancel());
      for (const criterion of view.criteria) {
        await sleep(thinkMs[0] + Math.random() * (thinkMs[1] - thinkMs[0]));
        if (!(await this.answer(view.assignmentId, criterion))) break;
      }
    }
  }

  private async answer(assignmentId: string, criterion: { id: string; choices: string[] }): Promise<boolean> {
    const idempotencyKey = `chaos-${this.n}-${assignmentId}-${criterion.id}`;
    // The same key always carries the same content, so a retry is a replay, never a conflict.
    const choice =
      criterion.choices[createHash("sha256").update(idempotencyKey).digest()[0] % criterion.choices.length];
    const body = { assignmentId, criterionId: criterion.id, choice, idempotencyKey, latencyMs: 2000 };
    const response = await this.retrying("judgment", () => this.http.json("/api/judgments", body));
    if (!response) return false;
    if (response.status === 200 || response.status === 201) {
      const { judgmentId, replayed } = (await response.json()) as { judgmentId: string; replayed: boolean };
      if (replayed) this.stats.replays++;
      const known = this.ledger.acknowledged.get(idempotencyKey);
      if (known && known !== judgmentId) this.ledger.conflictingAcks.push(idempotencyKey);
      this.ledger.acknowledged.set(idempotencyKey, judgmentId);
      return true;
    }
    if (response.status === 410) {
      this.stats.gone++;
      await response.body?.cancel();
      return false;
    }
    this.stats.unexpected.push(`judgment: ${response.status} ${await response.text()}`);
    return false;
  }
}

/** A well-formed Prolific id (24 hex digits) per simulated annotator. */
function chaosPid(n: number): string {
  return `c0ffee${n.toString(16).padStart(18, "0")}`;
}

import "server-only";
import pg from "pg";
import { db } from "../db";
import { execute } from "../db/prepared";
import { NOTIFY_QUEUES } from "./statements";
import { env } from "../env";

/**
 * Wakes idle workers when jobs are queued, instead of leaving them to find the jobs at their next
 * poll (every 5 s, lib/generation/generation-worker.ts): the enqueuer NOTIFYs the queue names, each worker
 * LISTENs and nudges its pollers of those queues. Polling stays as the safety net: a notification
 * lost while a worker reconnects only costs the polling delay.
 */
const CHANNEL = "photogenic_queue";

export async function notifyQueues(names: string[]): Promise<void> {
  if (names.length === 0) return;
  await execute(NOTIFY_QUEUES, [CHANNEL, names], db);
}

export interface QueueListener {
  stop(): Promise<void>;
}

/** Calls `onQueue(name)` for every notification, reconnecting (with backoff) after a lost connection. */
export function listenForQueues(
  onQueue: (name: string) => void,
  onError: (error: Error) => void = () => {},
): QueueListener {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let delayMs = 500;

  const connect = async () => {
    const next = new pg.Client({ connectionString: env.DATABASE_URL });
    let gone = false;
    const lost = (error: Error) => {
      if (gone) return; // "error" and "end" both report one loss
      gone = true;
      next.removeAllListeners();
      void next.end().catch(() => {});
      if (client === next) client = undefined;
      if (stopped) return;
      onError(error);
      retry = setTimeout(() => void connect(), delayMs);
      delayMs = Math.min(delayMs * 2, 10_000);
    };
    next.on("notification", (message) => message.payload && onQueue(message.payload));
    next.on("error", lost);
    next.on("end", () => lost(new Error("queue listener connection ended")));
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      client = next;
      delayMs = 500;
      if (stopped) await next.end();
    } catch (error) {
      lost(error as Error);
    }
  };
  void connect();

  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const open = client;
      client = undefined;
      open?.removeAllListeners();
      await open?.end().catch(() => {});
    },
  };
}

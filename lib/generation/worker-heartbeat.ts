import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { db } from "../db";

/** A worker's row in WorkerProcess: registered at start, touched every beat, closed on exit. */
export async function registerWorker(device: string, models: string[]): Promise<string> {
  const id = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  await db.workerProcess.create({ data: { id, host: hostname(), pid: process.pid, device, models } });
  return id;
}

export async function beat(id: string, done: number, failed: number): Promise<void> {
  await db.workerProcess.update({
    where: { id },
    data: { lastSeenAt: new Date(), jobsDone: { increment: done }, jobsFailed: { increment: failed } },
  });
}

export async function unregisterWorker(id: string): Promise<void> {
  await db.workerProcess.update({ where: { id }, data: { stoppedAt: new Date(), lastSeenAt: new Date() } });
}

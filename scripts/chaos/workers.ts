import { startWorkerProcess } from "../support/worker-process";

type Worker = ReturnType<typeof startWorkerProcess>;

/**
 * N generation worker processes (the real workers/generate.ts), each restarted as soon as it
 * exits; `killOne()` sends SIGKILL to one of them. Exits not caused by us are counted as crashes.
 */
export class WorkerPool {
  private workers: (Worker | null)[];
  private stopping = false;
  kills = 0;
  crashes = 0;
  /** When each exit not caused by us happened (a worker starting while PostgreSQL restarts exits 1). */
  readonly crashTimes: number[] = [];
  starts = 0;

  constructor(
    count: number,
    private readonly env: Record<string, string>,
  ) {
    this.workers = Array.from({ length: count }, () => null);
    for (let i = 0; i < count; i++) this.spawn(i);
  }

  private spawn(slot: number): void {
    const worker = startWorkerProcess(["--batch", "4"], { quiet: true, env: this.env });
    this.starts++;
    let killedByUs = false;
    Object.assign(worker, { markKilled: () => (killedByUs = true) });
    worker.process.once("exit", (code, signal) => {
      if (!killedByUs && !this.stopping) {
        this.crashes++;
        this.crashTimes.push(Date.now());
        console.log(`  ! worker exited by itself (code ${code}, signal ${signal}); restarting`);
      }
      if (!this.stopping) this.spawn(slot);
    });
    this.workers[slot] = worker;
  }

  killOne(): void {
    const alive = this.workers.filter(
      (w): w is Worker => w !== null && w.process.exitCode === null && w.process.signalCode === null,
    );
    const victim = alive[Math.floor(Math.random() * alive.length)];
    if (!victim) return;
    (victim as Worker & { markKilled: () => void }).markKilled();
    victim.process.kill("SIGKILL");
    this.kills++;
  }

  /** On the harness's own exit (even a crash): no orphaned worker keeps running. */
  killAll(): void {
    this.stopping = true;
    for (const w of this.workers) if (w && w.process.exitCode === null) w.process.kill("SIGKILL");
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.workers.map((w) => w?.stop()));
  }
}

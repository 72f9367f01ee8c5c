import "server-only";
import { Worker } from "node:worker_threads";
import type { GeneratedImage, GenerationRequest, ModelAdapter } from "../models";
import type { ThreadReply, ThreadRequest } from "./adapter-thread";

const THREAD_ENTRY = new URL(
  import.meta.url.endsWith(".ts") ? "./adapter-thread.ts" : "./adapter-thread.js",
  import.meta.url,
).href;
/**
 * Worker threads do not inherit tsx's loader hooks from the process, so a thread running from
 * TypeScript sources registers them itself before importing its entry.
 */
const THREAD_BOOTSTRAP = THREAD_ENTRY.endsWith(".ts")
  ? `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(THREAD_ENTRY)}); });`
  : `import(${JSON.stringify(THREAD_ENTRY)});`;

/**
 * An adapter that computes on the worker's device, run in a thread of its own. Generation is
 * mostly synchronous work (noise, tensors, pixel conversion) that would otherwise block the
 * worker's event loop, so the queue, storage and database work of one batch could not overlap
 * the generation of the next. The thread is started on first use and again after it died.
 */
export class ThreadedAdapter implements ModelAdapter {
  readonly computesLocally = true;
  private thread?: Worker;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (reply: ThreadReply) => void; reject: (error: Error) => void }
  >();

  constructor(
    readonly kind: string,
    private readonly setup: { config: unknown; device?: string; modelsDir?: string },
  ) {}

  async load(): Promise<void> {
    await this.call({ op: "load" });
  }

  async generate(req: GenerationRequest): Promise<GeneratedImage> {
    const [image] = await this.generateBatch([req]);
    return image;
  }

  async generateBatch(reqs: GenerationRequest[]): Promise<GeneratedImage[]> {
    // Functions cannot cross into the thread; adapters that compute locally do not poll anyway.
    const reply = await this.call({ op: "generateBatch", reqs: reqs.map(({ stillWanted: _, ...req }) => req) });
    // Transferred bytes arrive as plain Uint8Arrays: view them as Buffers again, without copying.
    return (reply.ok && reply.images ? reply.images : []).map((image) => ({
      ...image,
      png: Buffer.from(image.png.buffer, image.png.byteOffset, image.png.byteLength),
    }));
  }

  async dispose(): Promise<void> {
    if (!this.thread) return;
    await this.call({ op: "dispose" }).catch(() => undefined);
    await this.thread?.terminate();
    this.thread = undefined;
  }

  private call(
    request: { op: "load" | "dispose" } | { op: "generateBatch"; reqs: GenerationRequest[] },
  ): Promise<ThreadReply> {
    const thread = (this.thread ??= this.start());
    const id = this.nextId++;
    return new Promise<ThreadReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      thread.postMessage({ id, ...request } as ThreadRequest);
    }).then((reply) => {
      if (!reply.ok) throw Object.assign(new Error(reply.error.message), { name: reply.error.name });
      return reply;
    });
  }

  private start(): Worker {
    const thread = new Worker(THREAD_BOOTSTRAP, { eval: true, workerData: { kind: this.kind, ...this.setup } });
    thread.on("message", (reply: ThreadReply) => {
      this.pending.get(reply.id)?.resolve(reply);
      this.pending.delete(reply.id);
    });
    const fail = (error: Error) => {
      if (this.thread === thread) this.thread = undefined;
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    };
    thread.on("error", (error) => fail(error));
    thread.on("exit", (code) => fail(new Error(`generation thread for ${this.kind} exited (code ${code})`)));
    return thread;
  }
}

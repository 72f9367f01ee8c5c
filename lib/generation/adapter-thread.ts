/**
 * The body of a generation thread (lib/generation/threaded-adapter.ts): one adapter, created from
 * plain data, answering load / generateBatch / dispose messages in order. Results carry their
 * PNG bytes as transferred buffers, so nothing large is copied between threads.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createAdapter, type GeneratedImage } from "../models";
import { logger } from "../logger";

export type ThreadRequest =
  | { id: number; op: "load" | "dispose" }
  | {
      id: number;
      op: "generateBatch";
      reqs: Parameters<NonNullable<ReturnType<typeof createAdapter>["generateBatch"]>>[0];
    };
export type ThreadReply =
  | { id: number; ok: true; images?: GeneratedImage[] }
  | { id: number; ok: false; error: { name: string; message: string } };

const { kind, config, device, modelsDir } = workerData as {
  kind: string;
  config: unknown;
  device?: "cpu";
  modelsDir?: string;
};
const adapter = createAdapter(kind, config, {
  device,
  modelsDir,
  logger: logger.child({ thread: "generation", adapter: kind }),
});
const port = parentPort!;

/** Buffers that own their whole ArrayBuffer move; a slice of Node's shared pool must be copied. */
const transferable = (images: GeneratedImage[]) =>
  images.flatMap((i) =>
    i.png.byteOffset === 0 && i.png.byteLength === i.png.buffer.byteLength ? [i.png.buffer as ArrayBuffer] : [],
  );

let queue: Promise<void> = Promise.resolve();
port.on("message", (message: ThreadRequest) => {
  queue = queue.then(async () => {
    try {
      if (message.op === "generateBatch") {
        const images = adapter.generateBatch
          ? await adapter.generateBatch(message.reqs)
          : await Promise.all(message.reqs.map((r) => adapter.generate(r)));
        port.postMessage({ id: message.id, ok: true, images } satisfies ThreadReply, transferable(images));
      } else {
        await adapter[message.op]();
        port.postMessage({ id: message.id, ok: true } satisfies ThreadReply);
      }
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({
        id: message.id,
        ok: false,
        error: { name: e.name, message: e.message },
      } satisfies ThreadReply);
    }
  });
});

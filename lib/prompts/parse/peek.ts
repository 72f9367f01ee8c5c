import type { ByteChunks } from "../types";

/**
 * Reads at least `minBytes` from the front of a stream (fewer if it ends first) without losing
 * them: `rest` replays the chunks already read, then continues with the original stream.
 * Call `close` instead of reading `rest` when the stream is not wanted after all.
 */
export async function peekBytes(
  chunks: ByteChunks,
  minBytes: number,
): Promise<{ head: Uint8Array; rest: ByteChunks; close: () => Promise<void> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < minBytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    taken.push(next.value);
    length += next.value.length;
  }
  const head = new Uint8Array(length);
  let offset = 0;
  for (const chunk of taken) {
    head.set(chunk, offset);
    offset += chunk.length;
  }
  async function* rest(): AsyncGenerator<Uint8Array> {
    try {
      yield* taken;
      if (done) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      // Parsing may stop early (fatal header): let the source close its file handle.
      if (!done) await iterator.return?.();
    }
  }
  async function close(): Promise<void> {
    if (!done) await iterator.return?.();
  }
  return { head, rest: rest(), close };
}

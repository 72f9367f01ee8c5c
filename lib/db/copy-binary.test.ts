import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BinaryColumnDecoder } from "./copy-binary";

/** COPY's binary format for one-column rows, as PostgreSQL writes it (NULL as length −1). */
function copyBinary(values: (string | null)[], extension = Buffer.alloc(0)): Buffer {
  const parts = [Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(4), Buffer.alloc(4)];
  parts[2].writeUInt32BE(extension.length);
  parts.push(extension);
  for (const v of values) {
    const head = Buffer.alloc(6);
    head.writeInt16BE(1);
    const bytes = v === null ? Buffer.alloc(0) : Buffer.from(v, "utf8");
    head.writeInt32BE(v === null ? -1 : bytes.length, 2);
    parts.push(head, bytes);
  }
  const trailer = Buffer.alloc(2);
  trailer.writeInt16BE(-1);
  return Buffer.concat([...parts, trailer]);
}

async function decode(bytes: Buffer, chunk: number): Promise<string> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  const out: Buffer[] = [];
  for await (const piece of Readable.from(chunks).pipe(new BinaryColumnDecoder())) out.push(piece as Buffer);
  return Buffer.concat(out).toString("utf8");
}

describe("BinaryColumnDecoder", () => {
  const lines = ["a,b\r\n", '"x ""y""",é\r\n', "", "ü".repeat(300) + "\r\n"];
  it("gives the rows' bytes back, whatever the chunk boundaries", async () => {
    const bytes = copyBinary(lines, Buffer.from("ext"));
    for (const chunk of [1, 2, 5, 7, 19, 64, bytes.length]) expect(await decode(bytes, chunk)).toBe(lines.join(""));
  });

  it("refuses a NULL value and data cut inside a row", async () => {
    await expect(decode(copyBinary(["a", null]), 8)).rejects.toThrow(/NULL/);
    const whole = copyBinary(lines);
    await expect(decode(whole.subarray(0, whole.length - 5), 8)).rejects.toThrow(/ended inside a row/);
  });
});

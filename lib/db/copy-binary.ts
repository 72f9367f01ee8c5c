import "server-only";
import { Transform, type TransformCallback } from "node:stream";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Statement } from "./prepared";

/**
 * `COPY (statement) TO STDOUT (FORMAT binary)` for a statement of one text column (without
 * parameters: COPY takes none), as a stream of that column's bytes, row after row. PostgreSQL
 * builds each row whole; this side only cuts the binary framing off (a 2-byte field count and a
 * 4-byte length before each value), so no byte of the data is looked at in JavaScript and
 * memory stays at one chunk. The statement stays declared in its statements.ts (and PREPAREd
 * by the statements test); only the COPY around it is written here.
 */
export function copyColumn(
  client: pg.PoolClient,
  sql: Statement<{ [column: string]: string }, []>,
): NodeJS.ReadableStream {
  const source = client.query(copyTo(`COPY (${sql.text}) TO STDOUT (FORMAT binary)`));
  const decoder = new BinaryColumnDecoder();
  source.on("error", (error) => decoder.destroy(error));
  return source.pipe(decoder);
}

// "PGCOPY\n\xff\r\n\0", then 4 bytes of flags and the length of a header extension.
const SIGNATURE_BYTES = 11;

/** Decodes COPY's binary format of one-column rows into the concatenated column values. */
export class BinaryColumnDecoder extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  private headerDone = false;
  private ended = false;

  _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    let buffer = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    let at = 0;
    if (!this.headerDone) {
      if (buffer.length < SIGNATURE_BYTES + 8) {
        this.pending = buffer;
        return done();
      }
      const extension = buffer.readUInt32BE(SIGNATURE_BYTES + 4);
      if (buffer.length < SIGNATURE_BYTES + 8 + extension) {
        this.pending = buffer;
        return done();
      }
      at = SIGNATURE_BYTES + 8 + extension;
      this.headerDone = true;
    }
    const out: Buffer[] = [];
    while (!this.ended && at + 2 <= buffer.length) {
      const fields = buffer.readInt16BE(at);
      if (fields === -1) {
        this.ended = true;
        at += 2;
        break;
      }
      if (fields !== 1) return done(new Error(`COPY binary: expected rows of one column, got ${fields}`));
      if (at + 6 > buffer.length) break;
      const length = buffer.readInt32BE(at + 2);
      if (length < 0) return done(new Error("COPY binary: a row's value is NULL"));
      if (at + 6 + length > buffer.length) break;
      out.push(buffer.subarray(at + 6, at + 6 + length));
      at += 6 + length;
    }
    buffer = buffer.subarray(at);
    // Keep what is left over (a row cut by the chunk boundary), copied so the chunk can be freed.
    this.pending = buffer.length > 0 ? Buffer.from(buffer) : Buffer.alloc(0);
    if (out.length > 0) this.push(out.length === 1 ? out[0] : Buffer.concat(out));
    done();
  }

  _flush(done: TransformCallback) {
    if (!this.ended || this.pending.length > 0) return done(new Error("COPY binary: the data ended inside a row"));
    done();
  }
}

/** `COPY (statement) TO STDOUT (FORMAT csv)`: PostgreSQL's own CSV of a parameter-free statement, as it comes. */
export function copyCsv(client: pg.PoolClient, sql: Statement<object, []>): NodeJS.ReadableStream {
  return client.query(copyTo(`COPY (${sql.text}) TO STDOUT (FORMAT csv)`));
}

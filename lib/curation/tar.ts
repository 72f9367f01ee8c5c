/**
 * A POSIX tar (ustar) stream of in-memory files, for the curated dataset's archive
 * (lib/curation/export-accepted-set.ts; gzip it with node:zlib). A name longer than ustar's 100
 * bytes gets a PAX extended header (`path=`), which every current tar and Python's tarfile read.
 * Pure: no file system. Complexity: O(total bytes).
 */
export interface TarFile {
  name: string;
  bytes: Buffer;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

function header(name: string, size: number, type: "0" | "x", mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  h.write(name, 0, 100, "utf8");
  h.write(octal(0o644, 8), 100, "ascii");
  h.write(octal(0, 8), 108, "ascii");
  h.write(octal(0, 8), 116, "ascii");
  h.write(octal(size, 12), 124, "ascii");
  h.write(octal(mtime, 12), 136, "ascii");
  h.write("        ", 148, "ascii");
  h.write(type, 156, "ascii");
  h.write("ustar\0", 257, "ascii");
  h.write("00", 263, "ascii");
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(octal(sum, 7) + " ", 148, "ascii");
  return h;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK, 0);

/** A PAX record: "<length> path=<name>\n", the length counting itself. */
function paxPath(name: string): Buffer {
  const body = ` path=${name}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length++;
  return Buffer.from(`${length}${body}`, "utf8");
}

/** The archive's blocks, one file at a time, then the two zero blocks that end it. */
export async function* tarBlocks(files: AsyncIterable<TarFile> | Iterable<TarFile>, mtime = 0): AsyncGenerator<Buffer> {
  for await (const file of files) {
    if (Buffer.byteLength(file.name) > 100) {
      const pax = paxPath(file.name);
      yield Buffer.concat([header("PaxHeader", pax.length, "x", mtime), pax, padding(pax.length)]);
    }
    const short = Buffer.from(file.name, "utf8").subarray(0, 100).toString("utf8");
    yield Buffer.concat([header(short, file.bytes.length, "0", mtime), file.bytes, padding(file.bytes.length)]);
  }
  yield Buffer.alloc(BLOCK * 2, 0);
}

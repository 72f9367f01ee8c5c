import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile, rename, stat } from "node:fs/promises";
import path from "node:path";
import { env } from "../env";

/**
 * Image storage behind one interface. Keys are content addresses (`<sha256>.<ext>`), so storing
 * the same bytes twice is a no-op and a key never reveals what made the image.
 */
export interface ImageStore {
  put(bytes: Buffer, extension: "png" | "webp"): Promise<{ key: string; sha256: string }>;
  get(key: string): Promise<Buffer>;
}

const KEY_PATTERN = /^[0-9a-f]{64}\.(png|webp)$/;

export function sha256Hex(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function isValidKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export class LocalImageStore implements ImageStore {
  constructor(private readonly root: string) {}

  private pathFor(key: string): string {
    // Keys are validated, so they can never escape the root (no `..`, no separators).
    if (!isValidKey(key)) throw new Error(`Invalid storage key: ${key}`);
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(bytes: Buffer, extension: "png" | "webp") {
    const sha256 = sha256Hex(bytes);
    const key = `${sha256}.${extension}`;
    const file = this.pathFor(key);
    const exists = await stat(file).then(() => true, () => false);
    if (!exists) {
      await mkdir(path.dirname(file), { recursive: true });
      // Write then rename: a killed worker never leaves a half-written image under its key.
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, file);
    }
    return { key, sha256 };
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.pathFor(key));
  }
}

let store: ImageStore | undefined;

export function imageStore(): ImageStore {
  store ??= new LocalImageStore(path.resolve(env.DATA_DIR, "images"));
  return store;
}

/** For tests and the S3 adapter to swap the store. */
export function setImageStore(next: ImageStore): void {
  store = next;
}

import { writeFile } from "node:fs";
import { mkdir, readFile, rename } from "node:fs/promises";
import { promisify } from "node:util";
import { threadId } from "node:worker_threads";
import path from "node:path";
import { env } from "../env";
import { S3ImageStore } from "./s3-store";
import { isValidKey, sha256Hex } from "./keys";

/**
 * Image storage behind one interface. Keys are content addresses (`<sha256>.<ext>`), so the same
 * bytes are stored once, under one key, and a key never reveals what made the image.
 */
export interface ImageStore {
  put(bytes: Buffer, extension: "png" | "webp"): Promise<{ key: string; sha256: string }>;
  get(key: string): Promise<Buffer>;
}

export { isValidKey, sha256Hex };

// The callback API: fs/promises' writeFile opens a FileHandle per call, which cost a worker about
// twice the CPU per image (bench/generation.ts --cpu-prof).
const writeFileAsync = promisify(writeFile);
let tmpSequence = 0;

export class LocalImageStore implements ImageStore {
  /** Folders known to exist: a worker writes thousands of images into the same 256 folders. */
  private readonly folders = new Set<string>();

  constructor(private readonly root: string) {}

  private pathFor(key: string): string {
    // Keys are validated, so they can never escape the root (no `..`, no separators).
    if (!isValidKey(key)) throw new Error(`Invalid storage key: ${key}`);
    return path.join(this.root, key.slice(0, 2), key);
  }

  /**
   * Writes to a temporary name, then renames: a killed worker never leaves a half-written image
   * under its key, and storing bytes that are already there replaces the file with the same bytes
   * (cheaper than asking first: a worker's images are almost always new).
   */
  async put(bytes: Buffer, extension: "png" | "webp") {
    const sha256 = sha256Hex(bytes);
    const key = `${sha256}.${extension}`;
    const file = this.pathFor(key);
    const folder = path.dirname(file);
    const tmp = `${file}.${process.pid}-${threadId}-${++tmpSequence}.tmp`;
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    try {
      await writeFileAsync(tmp, bytes);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      // The folder was removed behind our back (a cleanup, a test): make it again, once.
      this.folders.delete(folder);
      await mkdir(folder, { recursive: true });
      await writeFileAsync(tmp, bytes);
    }
    await rename(tmp, file);
    return { key, sha256 };
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.pathFor(key));
  }
}

let store: ImageStore | undefined;

/** S3-compatible storage when S3_BUCKET is set, else the local folder `<DATA_DIR>/images`. */
export function imageStore(): ImageStore {
  if (!store) {
    store = env.S3_BUCKET
      ? new S3ImageStore({
          bucket: env.S3_BUCKET,
          region: env.S3_REGION,
          endpoint: env.S3_ENDPOINT,
          accessKeyId: env.S3_ACCESS_KEY_ID,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY,
          prefix: env.S3_PREFIX,
        })
      : new LocalImageStore(path.resolve(env.DATA_DIR, "images"));
  }
  return store;
}

import { mkdir, readFile, writeFile, rename, stat } from "node:fs/promises";
import path from "node:path";
import { env } from "../env";
import { S3ImageStore } from "./s3-store";
import { isValidKey, sha256Hex } from "./keys";

/**
 * Image storage behind one interface. Keys are content addresses (`<sha256>.<ext>`), so storing
 * the same bytes twice is a no-op and a key never reveals what made the image.
 */
export interface ImageStore {
  put(bytes: Buffer, extension: "png" | "webp"): Promise<{ key: string; sha256: string }>;
  get(key: string): Promise<Buffer>;
}

export { isValidKey, sha256Hex };

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

/** For tests and the S3 adapter to swap the store. */
export function setImageStore(next: ImageStore): void {
  store = next;
}

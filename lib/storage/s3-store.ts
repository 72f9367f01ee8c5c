import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { isValidKey, sha256Hex } from "./keys";
import type { ImageStore } from "./storage";

export interface S3StoreConfig {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Optional folder inside the bucket. */
  prefix?: string;
}

const CONTENT_TYPES = { png: "image/png", webp: "image/webp" } as const;

/**
 * Images in an S3-compatible store (AWS S3, MinIO, Cloudflare R2). Path-style addressing when an
 * endpoint is given, since MinIO and most self-hosted stores expect it. Content-addressed keys make
 * a put of existing bytes a cheap HEAD and nothing else.
 */
export class S3ImageStore implements ImageStore {
  private readonly client: S3Client;

  constructor(private readonly config: S3StoreConfig) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: Boolean(config.endpoint),
      credentials:
        config.accessKeyId && config.secretAccessKey
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
    });
  }

  private objectKey(key: string): string {
    if (!isValidKey(key)) throw new Error(`Invalid storage key: ${key}`);
    return `${this.config.prefix ? `${this.config.prefix.replace(/\/+$/, "")}/` : ""}${key.slice(0, 2)}/${key}`;
  }

  async put(bytes: Buffer, extension: "png" | "webp") {
    const sha256 = sha256Hex(bytes);
    const key = `${sha256}.${extension}`;
    const Key = this.objectKey(key);
    const exists = await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key })).then(
      () => true,
      (error: { $metadata?: { httpStatusCode?: number } }) => {
        if (error.$metadata?.httpStatusCode === 404) return false;
        throw error;
      },
    );
    if (!exists) {
      await this.client.send(
        new PutObjectCommand({ Bucket: this.config.bucket, Key, Body: bytes, ContentType: CONTENT_TYPES[extension] }),
      );
    }
    return { key, sha256 };
  }

  async get(key: string): Promise<Buffer> {
    const response = await this.client.send(
      new GetObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }),
    );
    if (!response.Body) throw new Error(`Empty object for ${key}`);
    return Buffer.from(await response.Body.transformToByteArray());
  }
}

import { createServer, type IncomingMessage, type Server } from "node:http";
import { rmSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalImageStore } from "./storage";
import { S3ImageStore } from "./s3-store";
import { isValidKey, sha256Hex } from "./keys";

const bytes = Buffer.from("not really a png, but bytes are bytes");
const expectedKey = `${sha256Hex(bytes)}.png`;

describe("storage keys", () => {
  it("accept only content addresses, so a key can never escape the store", () => {
    expect(isValidKey(expectedKey)).toBe(true);
    for (const bad of ["../etc/passwd", `${"a".repeat(64)}.svg`, `${"A".repeat(64)}.png`, `x/${expectedKey}`, ""])
      expect(isValidKey(bad)).toBe(false);
  });
});

describe("LocalImageStore", () => {
  it("stores by sha256, reads back the same bytes, and stores repeated bytes once", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "photogenic-store-"));
    const store = new LocalImageStore(root);
    const first = await store.put(bytes, "png");
    const again = await store.put(bytes, "png");
    expect(first).toEqual({ key: expectedKey, sha256: sha256Hex(bytes) });
    expect(again).toEqual(first);
    expect(await store.get(first.key)).toEqual(bytes);
    expect(readdirSync(path.join(root, expectedKey.slice(0, 2)))).toEqual([expectedKey]);
    await expect(store.get("../../etc/passwd")).rejects.toThrow(/Invalid storage key/);
  });

  it("stores the same bytes put concurrently once, leaving no temporary file", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "photogenic-store-"));
    const store = new LocalImageStore(root);
    const keys = await Promise.all(Array.from({ length: 8 }, () => store.put(bytes, "png")));
    expect(new Set(keys.map((k) => k.key))).toEqual(new Set([expectedKey]));
    expect(readdirSync(path.join(root, expectedKey.slice(0, 2)))).toEqual([expectedKey]);
  });

  it("makes its folder again when it was removed after the first write", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "photogenic-store-"));
    const store = new LocalImageStore(root);
    await store.put(bytes, "png");
    rmSync(root, { recursive: true });
    const { key } = await store.put(bytes, "png");
    expect(await store.get(key)).toEqual(bytes);
  });
});

/**
 * The S3 store against a small S3-compatible server (path-style PUT/HEAD/GET, as MinIO serves),
 * with the real AWS SDK signing and sending the requests.
 */
describe("S3ImageStore", () => {
  const objects = new Map<string, Buffer>();
  const seen: string[] = [];
  let server: Server;
  let endpoint = "";

  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const key = decodeURIComponent(new URL(req.url!, "http://x").pathname);
      seen.push(
        `${req.method} ${key} ${req.headers.authorization?.startsWith("AWS4-HMAC-SHA256") ? "signed" : "unsigned"}`,
      );
      if (req.method === "PUT") {
        objects.set(key, Buffer.concat(chunks));
        res.writeHead(200, { etag: '"x"' }).end();
      } else if (objects.has(key)) {
        res
          .writeHead(200, { "content-length": objects.get(key)!.length, "content-type": "image/png" })
          .end(req.method === "HEAD" ? undefined : objects.get(key));
      } else {
        res
          .writeHead(404, { "content-type": "application/xml" })
          .end(req.method === "HEAD" ? undefined : "<Error><Code>NoSuchKey</Code></Error>");
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("puts once per content, gets the same bytes, under bucket/prefix/xx/key", async () => {
    const store = new S3ImageStore({
      bucket: "imgs",
      region: "us-east-1",
      endpoint,
      accessKeyId: "k",
      secretAccessKey: "s",
      prefix: "photogenic",
    });
    const { key } = await store.put(bytes, "png");
    await store.put(bytes, "png");
    expect(key).toBe(expectedKey);
    expect(await store.get(key)).toEqual(bytes);
    const objectPath = `/imgs/photogenic/${expectedKey.slice(0, 2)}/${expectedKey}`;
    expect([...objects.keys()]).toEqual([objectPath]);
    expect(seen.filter((s) => s.startsWith("PUT"))).toEqual([`PUT ${objectPath} signed`]);
  });
});

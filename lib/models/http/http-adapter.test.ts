import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setEnv } from "../../env";
import type { ModelAdapter } from "../adapter";
import { DEFAULT_GENERATION_PARAMS as params } from "../params";
import { createAdapter } from "../registry";

/**
 * A real inference server on a random port. Each test sets `handler`; the server records every
 * request (path, headers, parsed body) and the peak number of requests in flight.
 */
let server: http.Server;
let base: string;
let handler: (req: http.IncomingMessage, body: string, res: http.ServerResponse, n: number) => void | Promise<void>;
let requests: { path: string; headers: http.IncomingHttpHeaders; body: unknown }[];
let inFlight = 0;
let peakInFlight = 0;
let png: Buffer;

beforeAll(async () => {
  png = await sharp({ create: { width: 64, height: 32, channels: 3, background: "#3a7" } })
    .png()
    .toBuffer();
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    requests.push({ path: req.url ?? "", headers: req.headers, body: body ? JSON.parse(body) : undefined });
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    try {
      await handler(req, body, res, requests.length);
    } finally {
      inFlight--;
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The fake server is on loopback, which http models may reach only when an operator allows it.
  setEnv("MODEL_HOST_ALLOWLIST", new URL(base).host);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

beforeEach(() => {
  requests = [];
  peakInFlight = 0;
  inFlight = 0; // handlers of the timeout test never finish; do not let them count here
});

const req = (prompt = "a cat", seed = 1) => ({
  prompt,
  seed,
  width: 64,
  height: 32,
  params: { ...params, negativePrompt: "blurry" },
});
const fastRetries = { max: 3, baseDelayMs: 5, maxDelayMs: 20 };

function adapter(config: Record<string, unknown>): ModelAdapter {
  return createAdapter("http", { retries: fastRetries, ...config });
}

describe("http adapter", () => {
  it("retries a server that fails twice, then returns its base64 image and counts the retries", async () => {
    handler = (_req, _body, res, n) => {
      if (n <= 2) {
        res.writeHead(503, { "content-type": "text/plain" }).end("warming up");
        return;
      }
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ data: [{ b64_json: png.toString("base64") }] }));
    };
    const a = adapter({
      url: `${base}/generate`,
      bodyTemplate:
        '{"prompt": "{prompt}", "negative_prompt": "{negative_prompt}", "seed": {seed}, "width": {width}, "height": {height}}',
      response: { type: "json-base64", path: "data.0.b64_json" },
    });
    const img = await a.generate(req('say "hi"\n', 9));
    expect(img.png.equals(png)).toBe(true);
    expect([img.width, img.height]).toEqual([64, 32]);
    expect(img.metadata).toMatchObject({ adapter: "http", retries: 2, attempts: 3, httpStatus: 200, seedSent: true });
    expect(requests).toHaveLength(3);
    expect(requests[2].body).toEqual({
      prompt: 'say "hi"\n',
      negative_prompt: "blurry",
      seed: 9,
      width: 64,
      height: 32,
    });
    await a.dispose();
  });

  it("accepts raw image bytes and re-encodes JPEG to PNG", async () => {
    const jpeg = await sharp(png).jpeg().toBuffer();
    handler = (_req, _body, res) => void res.writeHead(200, { "content-type": "image/jpeg" }).end(jpeg);
    const a = adapter({ url: `${base}/raw`, bodyTemplate: { prompt: "{prompt}" }, response: { type: "bytes" } });
    const img = await a.generate(req());
    expect((await sharp(img.png).metadata()).format).toBe("png");
    expect(img.metadata).toMatchObject({ sourceFormat: "jpeg", retries: 0, seedSent: false });
  });

  it("rejects a non-image 200 response with a clear error, without retrying", async () => {
    handler = (_req, _body, res) =>
      void res.writeHead(200, { "content-type": "text/html" }).end("<html>Login required</html>");
    const a = adapter({ url: `${base}/raw`, bodyTemplate: { prompt: "{prompt}" }, response: { type: "bytes" } });
    const error = await a.generate(req()).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/expected image bytes .* content-type "text\/html", 27 bytes$/);
    expect((error as Error).message).not.toContain("Login required");
    expect(requests).toHaveLength(1);
  });

  it("names the missing JSON path (not the keys the server sent)", async () => {
    handler = (_req, _body, res) =>
      void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ images: ["x"] }));
    const a = adapter({
      url: `${base}/j`,
      bodyTemplate: { prompt: "{prompt}" },
      response: { type: "json-base64", path: "data.0.b64_json" },
    });
    await expect(a.generate(req())).rejects.toThrow(/JSON response has no "data" \(looking for "data.0.b64_json"/);
  });

  it("does not retry a 400 and reports its status, not its body (which goes to the worker log)", async () => {
    handler = (_req, _body, res) =>
      void res.writeHead(400, { "content-type": "application/json" }).end('{"error":"prompt too long"}');
    const logged: object[] = [];
    const a = createAdapter(
      "http",
      { url: `${base}/j`, bodyTemplate: { prompt: "{prompt}" }, response: { type: "bytes" }, retries: fastRetries },
      { logger: { info() {}, debug() {}, warn: (o) => void logged.push(o) } },
    );
    const error = (await a.generate(req()).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/HTTP 400 Bad Request \(content-type "application\/json", 27 bytes\)/);
    expect(error.message).not.toContain("prompt too long");
    expect(JSON.stringify(logged)).toContain("prompt too long");
    expect(requests).toHaveLength(1);
  });

  it("times out a slow server, retries, and gives up after max retries", async () => {
    handler = () => new Promise(() => {}); // never answers
    const a = adapter({
      url: `${base}/slow`,
      bodyTemplate: { prompt: "{prompt}" },
      response: { type: "bytes" },
      timeoutMs: 100,
      retries: { max: 1, baseDelayMs: 1, maxDelayMs: 5 },
    });
    await expect(a.generate(req())).rejects.toThrow(/no response within 100 ms \(after 1 retry\)/);
    expect(requests).toHaveLength(2);
    server.closeAllConnections();
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    handler = async (_req, _body, res) => {
      await new Promise((r) => setTimeout(r, 30));
      res.writeHead(200, { "content-type": "image/png" }).end(png);
    };
    const a = adapter({
      url: `${base}/raw`,
      bodyTemplate: { prompt: "{prompt}" },
      response: { type: "bytes" },
      concurrency: 2,
    });
    const images = await Promise.all(Array.from({ length: 6 }, (_, i) => a.generate(req(`p${i}`, i))));
    expect(images).toHaveLength(6);
    expect(peakInFlight).toBe(2);
  });

  it("openai-images preset: posts to /v1/images/generations with a bearer key and reads data.0.b64_json", async () => {
    handler = (_req, _body, res) =>
      void res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ created: 1, data: [{ b64_json: `data:image/png;base64,${png.toString("base64")}` }] }));
    const a = adapter({ preset: "openai-images", url: base, apiKey: "sk-test-123", model: "dall-e-3" });
    const img = await a.generate(req("a dog"));
    expect(img.png.equals(png)).toBe(true);
    expect(requests[0].path).toBe("/v1/images/generations");
    expect(requests[0].headers.authorization).toBe("Bearer sk-test-123");
    expect(requests[0].body).toEqual({
      model: "dall-e-3",
      prompt: "a dog",
      n: 1,
      size: "64x32",
      response_format: "b64_json",
    });
    expect(img.modelVersion).toBe(`${base}/v1/images/generations#dall-e-3`);
    expect(JSON.stringify(img)).not.toContain("sk-test-123");
  });

  it("refuses a response body over maxResponseBytes", async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { "content-type": "image/png" });
      res.write(png);
      res.end(Buffer.alloc(4096));
    };
    const a = adapter({
      url: `${base}/big`,
      bodyTemplate: { prompt: "{prompt}" },
      response: { type: "bytes" },
      maxResponseBytes: 2048,
    });
    await expect(a.generate(req())).rejects.toThrow(/response larger than 2048 bytes/);
  });

  it("follows a 303 as a GET without the body, and a cross-origin redirect without the API key", async () => {
    const other = http.createServer((r, res) => {
      requests.push({ path: `other:${r.url}`, headers: r.headers, body: undefined });
      res.writeHead(200, { "content-type": "image/png" }).end(png);
    });
    other.listen(0, "127.0.0.1");
    await once(other, "listening");
    const otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    setEnv("MODEL_HOST_ALLOWLIST", `${new URL(base).host},${new URL(otherBase).host}`);
    try {
      handler = (r, _body, res) => {
        if (r.url === "/start") res.writeHead(303, { location: "/result" }).end();
        else if (r.url === "/result") res.writeHead(307, { location: `${otherBase}/final` }).end();
      };
      const a = adapter({
        url: `${base}/start`,
        apiKey: "sk-secret",
        bodyTemplate: { prompt: "{prompt}" },
        response: { type: "bytes" },
      });
      const img = await a.generate(req());
      expect(img.png.equals(png)).toBe(true);
      expect(requests.map((r) => r.path)).toEqual(["/start", "/result", "other:/final"]);
      expect(requests[1].body).toBeUndefined();
      expect(requests[1].headers.authorization).toBe("Bearer sk-secret");
      expect(requests[2].headers.authorization).toBeUndefined();
      await a.dispose();
    } finally {
      setEnv("MODEL_HOST_ALLOWLIST", new URL(base).host);
      other.closeAllConnections();
      await new Promise((r) => other.close(r));
    }
  });

  it("json-url: decodes a data: URL in place and fetches an http URL (relative to the answer), checking it is an image", async () => {
    handler = (r, _body, res) => {
      if (r.url === "/cog")
        return void res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ status: "succeeded", output: `data:image/png;base64,${png.toString("base64")}` }));
      if (r.url === "/linked")
        return void res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ result: { url: "/files/page.html" } }));
      res.writeHead(200, { "content-type": "text/html" }).end("<html>not found</html>");
    };
    const cog = adapter({
      url: `${base}/cog`,
      bodyTemplate: { input: { prompt: "{prompt}" } },
      response: { type: "json-url", path: "output" },
    });
    const img = await cog.generate(req());
    expect(img.png.equals(png)).toBe(true);
    expect(img.metadata.imageFromUrl).toBeUndefined();
    const linked = adapter({
      url: `${base}/linked`,
      bodyTemplate: { prompt: "{prompt}" },
      response: { type: "json-url", path: "result.url" },
    });
    const error = (await linked.generate(req()).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(
      /\/linked image download: expected image bytes \(PNG, JPEG or WebP\) but got content-type "text\/html", 22 bytes$/,
    );
    expect(requests.map((r) => r.path)).toEqual(["/cog", "/linked", "/files/page.html"]);
  });

  it("gives up after too many redirects", async () => {
    handler = (_r, _body, res) => void res.writeHead(302, { location: "/again" }).end();
    const a = adapter({ url: `${base}/loop`, bodyTemplate: { prompt: "{prompt}" }, response: { type: "bytes" } });
    await expect(a.generate(req())).rejects.toThrow(/more than 5 redirects/);
    expect(requests).toHaveLength(6);
  });
});

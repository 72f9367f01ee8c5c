import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setEnv } from "../../lib/env";
import { AppError } from "../../lib/errors";
import { registerModel } from "../../lib/model-registry/register-model";
import { createAdapter } from "../../lib/models/registry";
import { DEFAULT_GENERATION_PARAMS } from "../../lib/models/params";
import { makeUser } from "../support/factories";

/**
 * SSRF through the http model adapter. A researcher registers the URL; the worker, inside the
 * operator's network, calls it. "Internal" is a server on 127.0.0.1 holding a secret (standing in
 * for 169.254.169.254, the database host, an admin port); "model" is an inference server the
 * operator allow-listed (127.0.0.1 on its own port only), which may redirect anywhere.
 */
const SECRET = "internal-secret-token-4f7a";
let internal: http.Server;
let model: http.Server;
let internalPort: number;
let modelUrl: string;
let modelAnswer: (res: http.ServerResponse) => void;

async function listen(handler: http.RequestListener): Promise<[http.Server, number]> {
  const server = http.createServer(handler);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return [server, (server.address() as AddressInfo).port];
}

beforeAll(async () => {
  [internal, internalPort] = await listen((_req, res) => void res.writeHead(200).end(SECRET));
  let modelPort: number;
  [model, modelPort] = await listen((req, res) => {
    req.resume();
    modelAnswer(res);
  });
  modelUrl = `http://127.0.0.1:${modelPort}/generate`;
  setEnv("MODEL_HOST_ALLOWLIST", `127.0.0.1:${modelPort}`);
});
afterAll(async () => {
  for (const s of [internal, model]) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});
beforeEach(() => {
  modelAnswer = (res) => void res.writeHead(200, { "content-type": "text/plain" }).end("not an image");
});

async function registrationError(config: Record<string, unknown>): Promise<AppError> {
  const owner = await makeUser("researcher");
  const error = await registerModel(owner.id, {
    name: `ssrf-${Math.random().toString(36).slice(2, 8)}`,
    kind: "http",
    config: { bodyTemplate: { prompt: "{prompt}" }, response: { type: "bytes" }, ...config },
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `registered ${JSON.stringify(config)}`).toBeInstanceOf(AppError);
  return error as AppError;
}

const generate = (config: Record<string, unknown>) =>
  createAdapter("http", {
    bodyTemplate: { prompt: "{prompt}" },
    response: { type: "bytes" },
    retries: { max: 0 },
    timeoutMs: 5000,
    ...config,
  }).generate({ prompt: "a cat", seed: 1, width: 64, height: 64, params: DEFAULT_GENERATION_PARAMS });

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the request succeeded").toBeInstanceOf(Error);
  return (error as Error).message;
}

describe("http models cannot reach internal addresses", () => {
  it("registration refuses loopback, link-local, private and mapped addresses, naming config.url", async () => {
    for (const url of [
      `http://127.0.0.1:${internalPort}/`,
      "http://localhost:5432/",
      "http://169.254.169.254/latest/meta-data/",
      "http://10.1.2.3/gen",
      "http://192.168.0.10/gen",
      "http://100.64.0.1/gen",
      "http://[::1]:8080/gen",
      "http://[::ffff:127.0.0.1]/gen",
      "http://[fd00::1]/gen",
      "http://0.0.0.0:3000/gen",
      "http://2130706433/gen",
      "file:///etc/passwd",
    ]) {
      const error = await registrationError({ url });
      expect(
        error.issues.map((i) => i.field),
        url,
      ).toContain("config.url");
    }
  });

  it("a redirect from an allowed server to an internal one is refused, and nothing of its body comes back", async () => {
    for (const [status, target] of [
      [303, `http://127.0.0.1:${internalPort}/latest/meta-data/`],
      [307, `http://localhost:${internalPort}/`],
      [302, `http://[::ffff:127.0.0.1]:${internalPort}/`],
    ] as const) {
      modelAnswer = (res) => void res.writeHead(status, { location: target }).end();
      const message = await failure(generate({ url: modelUrl }));
      expect(message, target).toMatch(/refused: the host is a loopback/);
      expect(message).not.toContain(SECRET);
    }
  });

  it("an image URL or a job's status URL named in an answer is checked like the model URL", async () => {
    const internalUrl = `http://127.0.0.1:${internalPort}/latest/meta-data/`;
    modelAnswer = (res) =>
      void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ image: internalUrl }));
    let message = await failure(generate({ url: modelUrl, response: { type: "json-url", path: "image" } }));
    expect(message).toMatch(/image download: refused: the host is a loopback address/);
    expect(message).not.toContain(SECRET);
    modelAnswer = (res) =>
      void res
        .writeHead(201, { "content-type": "application/json" })
        .end(JSON.stringify({ status: "starting", urls: { get: internalUrl } }));
    message = await failure(
      generate({
        url: modelUrl,
        response: { type: "json-url", path: "output" },
        job: { statusUrlPath: "urls.get", statusPath: "status", doneValues: ["succeeded"], pollIntervalMs: 10 },
      }),
    );
    expect(message).toMatch(/status poll: refused: the host is a loopback address/);
    expect(message).not.toContain(SECRET);
  });

  it("a worker refuses a stored URL that points at an internal host (registered before the check)", async () => {
    setEnv("MODEL_HOST_ALLOWLIST", "");
    try {
      expect(() =>
        createAdapter("http", {
          url: `http://127.0.0.1:${internalPort}/`,
          bodyTemplate: { prompt: "{prompt}" },
          response: { type: "bytes" },
        }),
      ).toThrow(/url: points at a loopback address/);
    } finally {
      setEnv("MODEL_HOST_ALLOWLIST", new URL(modelUrl).host);
    }
  });

  it("errors never echo the response body (they are shown on the campaign page)", async () => {
    for (const [status, type] of [
      [200, "text/html"],
      [400, "application/json"],
      [503, "text/plain"],
    ] as const) {
      modelAnswer = (res) => void res.writeHead(status, { "content-type": type }).end(`{"error":"${SECRET}"}`);
      const message = await failure(generate({ url: modelUrl }));
      expect(message).toContain(type);
      expect(message).not.toContain(SECRET);
    }
    modelAnswer = (res) =>
      void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ [SECRET]: 1 }));
    const message = await failure(
      generate({ url: modelUrl, response: { type: "json-base64", path: "data.0.b64_json" } }),
    );
    expect(message).toMatch(/no "data"/);
    expect(message).not.toContain(SECRET);
  });
});

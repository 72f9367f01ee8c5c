import { afterEach, describe, expect, it } from "vitest";
import { setEnv } from "../../lib/env";
import { guardedRoute } from "../../lib/http/route";

/**
 * Issue 16 item 6: the multipart prompt upload (a "simple" request a cross-site form can send
 * without a preflight) was protected by SameSite=Lax alone. The one guard now refuses every
 * non-GET whose browser says it comes from another site (`Sec-Fetch-Site`) or another origin
 * (`Origin`). The refusal cases failed before the fix (the handler ran).
 */
const reached = guardedRoute("public", async () => new Response("reached", { status: 200 }));
const context = { params: Promise.resolve({}) };

async function send(method: string, headers: Record<string, string>): Promise<number> {
  const body = ["GET", "HEAD"].includes(method) ? undefined : "x";
  const response = await reached(new Request("http://app.test/api/prompt-sets", { method, headers, body }), context);
  return response.status;
}

afterEach(() => setEnv("PUBLIC_URL", "http://localhost:3000"));

describe("the guard refuses cross-site writes", () => {
  it.each([
    ["POST", { origin: "https://evil.example", host: "app.test" }],
    ["POST", { origin: "http://app.test.evil.example", host: "app.test" }],
    ["POST", { origin: "null", host: "app.test" }],
    ["POST", { "sec-fetch-site": "cross-site", host: "app.test" }],
    ["POST", { "sec-fetch-site": "same-site", host: "app.test" }],
    ["POST", { "sec-fetch-site": "cross-site", origin: "http://app.test", host: "app.test" }],
    ["PATCH", { origin: "https://evil.example", host: "app.test" }],
    ["PUT", { origin: "https://evil.example", host: "app.test" }],
    ["DELETE", { "sec-fetch-site": "cross-site", host: "app.test" }],
  ])("%s with %o is a 403", async (method, headers) => {
    expect(await send(method, headers)).toBe(403);
  });

  it("names the reason in problem+json", async () => {
    const response = await reached(
      new Request("http://app.test/api/prompt-sets", {
        method: "POST",
        headers: { origin: "https://evil.example", host: "app.test" },
        body: "x",
      }),
      context,
    );
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(((await response.json()) as { detail: string }).detail).toMatch(/origin/i);
  });
});

describe("the guard lets same-origin and non-browser writes through, and never checks reads", () => {
  it.each([
    ["POST", { origin: "http://app.test", host: "app.test" }],
    ["POST", { "sec-fetch-site": "same-origin", origin: "http://app.test", host: "app.test" }],
    ["POST", { "sec-fetch-site": "same-origin", host: "app.test" }],
    // A command-line client sends neither header; it carries no victim's cookies either.
    ["POST", { host: "app.test" }],
    ["GET", { origin: "https://evil.example", "sec-fetch-site": "cross-site", host: "app.test" }],
  ])("%s with %o reaches the handler", async (method, headers) => {
    expect(await send(method, headers)).toBe(200);
  });

  it("behind a proxy that rewrites Host, the configured PUBLIC_URL is the origin", async () => {
    setEnv("PUBLIC_URL", "https://photogenic.example");
    expect(await send("POST", { origin: "https://photogenic.example", host: "127.0.0.1:3000" })).toBe(200);
    expect(await send("POST", { origin: "https://evil.example", host: "127.0.0.1:3000" })).toBe(403);
  });
});

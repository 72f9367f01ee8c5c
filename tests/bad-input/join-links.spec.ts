import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../security/http";
import { baseUrl, makeWorld, type World } from "./support/world";
import { changed, rowCounts } from "./support/row-counts";

/**
 * Join-link tokens over HTTP: forged, malformed, expired and revoked links, bad crowd parameters
 * and forged sign-in tickets. The join page is a page, so a refusal is the page's message (or the
 * Start form's redirect back with ?error=…) rather than a problem+json; what holds everywhere: no
 * 5xx, no session, and no User, Participation or ticket row written. The use-case layer's 4xx codes
 * are checked in join-links.integration.test.ts.
 */
let w: World;
const links: Record<"open" | "expired" | "revoked", string> = { open: "", expired: "", revoked: "" };

function secret(): string {
  return (
    process.env.AUTH_SECRET ?? readFileSync(path.resolve(process.env.DATA_DIR ?? ".data", "auth-secret"), "utf8").trim()
  );
}
/** The token the app would print for a link id (lib/access/signing.ts: HMAC with a per-purpose key). */
function tokenFor(linkId: string, purpose = "join-link"): string {
  const key = createHmac("sha256", secret()).update(`photogenic:${purpose}`).digest();
  return `${linkId}.${createHmac("sha256", key).update(linkId).digest("base64url")}`;
}

beforeAll(async () => {
  w = await makeWorld();
  for (const [kind, extra] of [
    ["open", ""],
    ["expired", `, "expiresAt" = now() - interval '1 day'`],
    ["revoked", `, "revokedAt" = now()`],
  ] as const) {
    const id = `badinput${kind}${Date.now().toString(36)}`;
    await w.sql.query(`INSERT INTO "JoinLink" (id, "campaignId", label) VALUES ($1, $2, 'bad-input')`, [
      id,
      w.campaignId,
    ]);
    if (extra) await w.sql.query(`UPDATE "JoinLink" SET "label" = 'bad-input'${extra} WHERE id = $1`, [id]);
    links[kind] = tokenFor(id);
  }
}, 120_000);
afterAll(async () => w?.close());

async function unchanged<T>(action: () => Promise<T>): Promise<T> {
  const before = await rowCounts(w.sql);
  const result = await action();
  expect(changed(before, await rowCounts(w.sql))).toEqual({});
  return result;
}

/** A well-formed Prolific id (24 hex digits): these specs are about bad tokens, not bad ids. */
const pid = () => `bad${Date.now().toString(16)}`.padEnd(24, "0");

async function page(token: string, query = `?PROLIFIC_PID=${pid()}`): Promise<string> {
  const response = await fetch(`${baseUrl}/join/${token}${query}`);
  expect(response.status).toBeLessThan(500);
  return response.text();
}

/** Posts the Start form of the open link's page with another token, as a crafted request would. */
async function start(token: string): Promise<Response> {
  const html = await page(links.open);
  const action = /name="(\$ACTION_ID_[^"]+)"/.exec(html)?.[1];
  expect(action, "the open link's page has a Start form").toBeTruthy();
  const form = new FormData();
  form.append(action!, "");
  form.append("token", token);
  form.append("PROLIFIC_PID", pid());
  const client = new Client(baseUrl);
  const response = await client.request(`/join/${links.open}`, {
    method: "POST",
    body: form,
    headers: { origin: baseUrl },
  });
  expect(response.status).toBeLessThan(500);
  expect(client.hasSession()).toBe(false);
  return response;
}

describe("join pages refuse bad tokens without writing anything", () => {
  it("a forged signature", () =>
    unchanged(async () =>
      expect(await page(links.open.replace(/\.[^.]+$/, ".AAAAforged"))).toContain("This link is not valid"),
    ));
  it("a token for another purpose (a ticket key)", () =>
    unchanged(async () =>
      expect(await page(tokenFor(links.open.split(".")[0], "join-ticket"))).toContain("This link is not valid"),
    ));
  it("a malformed token", () =>
    unchanged(async () => expect(await page("%3Cscript%3E..%2F..")).toMatch(/not valid|could not be found|404/i)));
  it("an expired link", () =>
    unchanged(async () => expect(await page(links.expired)).toContain("This link has expired")));
  it("a revoked link", () => unchanged(async () => expect(await page(links.revoked)).toContain("withdrawn")));
  it("a malformed crowd parameter", () =>
    unchanged(async () =>
      expect(await page(links.open, "?PROLIFIC_PID=%3Cscript%3E")).toContain("Invalid link parameter"),
    ));
  it("both PROLIFIC_PID and workerId", () =>
    unchanged(async () =>
      expect(await page(links.open, `?PROLIFIC_PID=${pid()}&workerId=A1B2`)).toContain("workerId"),
    ));
});

describe("the Start form refuses bad tokens without writing anything", () => {
  it("forged", () =>
    unchanged(async () =>
      expect((await start(links.open.replace(/\.[^.]+$/, ".forged"))).headers.get("location")).toContain(
        "error=not_found",
      ),
    ));
  it("expired", () =>
    unchanged(async () => expect((await start(links.expired)).headers.get("location")).toContain("error=gone")));
  it("revoked", () =>
    unchanged(async () => expect((await start(links.revoked)).headers.get("location")).toContain("error=gone")));
});

describe("the join sign-in refuses forged tickets", () => {
  for (const [name, ticket] of [
    ["a forged ticket", () => "someuser.somesecret.forgedsig"],
    ["a join-link token passed as a ticket", () => links.open],
    ["an over-long ticket", () => "t".repeat(5000)],
  ] as const) {
    it(name, () =>
      unchanged(async () => {
        const client = new Client(baseUrl);
        const response = await client.signIn("join", { ticket: ticket() });
        expect(response.status).toBeLessThan(500);
        expect(client.hasSession()).toBe(false);
      }),
    );
  }
});

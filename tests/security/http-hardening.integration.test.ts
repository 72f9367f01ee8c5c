import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { acquireLock } from "../support/lock";
import { db } from "../../lib/db";
import { hashPassword } from "../../lib/auth/password";
import { createJoinLink } from "../../lib/access/join-links";
import type { CurrentUser } from "../../lib/auth/guard";
import { HttpClient, RequestLog } from "../../scripts/chaos/http-client";
import { prolificPid } from "../support/factories";
import { seedVotableCampaign } from "./fixtures";
import { Client } from "./http";

/**
 * Issue 16, the probes that need the served app (`next build` + `next start` on this file's own
 * database): session cookies and revocation (item 5), the browser-bound crowd identity through
 * the real join form (item 3), and from item 6 the Origin check on the multipart upload and join
 * URLs that ignore X-Forwarded-Host. Every case here failed against the code before the fix.
 */
let web: { url: string; stop: () => Promise<void> };
let release: () => void;
let secret: string;
let campaignId: string;
let joinPath: string;
const PASSWORD = "hardening-password-1";
const SECURE_COOKIE = "__Secure-authjs.session-token";
const PLAIN_COOKIE = "authjs.session-token";

async function researcher(email: string): Promise<CurrentUser> {
  const row = await db.user.create({ data: { email, role: "researcher", passwordHash: await hashPassword(PASSWORD) } });
  return { id: row.id, email, name: null, role: "researcher" };
}

async function signedIn(user: CurrentUser, password = PASSWORD): Promise<Client> {
  const client = new Client(web.url);
  await client.signIn("credentials", { email: user.email!, password });
  expect(client.hasSession(), `${user.email} signed in`).toBe(true);
  return client;
}

const status = async (client: Client, pathname = "/api/prompt-sets") => (await client.request(pathname)).status;

let owner: CurrentUser;

beforeAll(async () => {
  release = await acquireLock(path.resolve(".next-e2e.lock"));
  process.env.NEXT_DIST_DIR = ".next-e2e";
  const { prepareDatabase, buildWeb, startWeb } = await import("../../scripts/support/stack");
  await prepareDatabase();
  const { ensureAuthSecret } = await import("../../lib/auth/auth-secret");
  secret = ensureAuthSecret();
  owner = await researcher("owner@hardening.local");
  ({ campaignId } = await seedVotableCampaign(owner.id, {
    name: "Hardening",
    promptSetName: "Hardening prompts",
    prompts: ["a kite over a beach", "a bowl of lemons"],
    modelNames: ["hardening-alpha", "hardening-beta"],
  }));
  joinPath = (await createJoinLink(owner, campaignId, { label: "hardening" })).path;
  await buildWeb();
  web = await startWeb({ quiet: true });
}, 900_000);

afterAll(async () => {
  await web?.stop();
  release?.();
  const { disconnectDb } = await import("../../lib/db");
  await disconnectDb();
});

describe("item 5: the guard reads only the protocol's session cookie", () => {
  const mint = (user: CurrentUser, salt: string) =>
    encode({ token: { sub: user.id, role: user.role }, secret, salt, maxAge: 3600 });
  const withCookie = (name: string, token: string, headers: Record<string, string> = {}) =>
    fetch(`${web.url}/api/prompt-sets`, { headers: { cookie: `${name}=${token}`, ...headers } }).then((r) => r.status);

  it("over http, a __Secure- cookie is not a session (the plain one is)", async () => {
    expect(await withCookie(SECURE_COOKIE, await mint(owner, SECURE_COOKIE))).toBe(401);
    expect(await withCookie(PLAIN_COOKIE, await mint(owner, PLAIN_COOKIE))).toBe(200);
  });

  it("over https (X-Forwarded-Proto), the plain cookie is not a session (the __Secure- one is)", async () => {
    const https = { "x-forwarded-proto": "https" };
    expect(await withCookie(PLAIN_COOKIE, await mint(owner, PLAIN_COOKIE), https)).toBe(401);
    expect(await withCookie(SECURE_COOKIE, await mint(owner, SECURE_COOKIE), https)).toBe(200);
  });
});

describe("item 5: sessions can be revoked", () => {
  it("changing the password ends the user's other sessions; the new password signs in", async () => {
    const user = await researcher("changer@hardening.local");
    const elsewhere = await signedIn(user);
    expect(await status(elsewhere)).toBe(200);
    const { changeOwnPassword } = await import("../../lib/users/change-password");
    await changeOwnPassword(user, { current: PASSWORD, password: "changed-password-2", confirm: "changed-password-2" });
    expect(await status(elsewhere)).toBe(401);
    expect(await status(await signedIn(user, "changed-password-2"))).toBe(200);
  });

  it("a deactivated user's session stays ended after reactivation", async () => {
    const user = await researcher("paused@hardening.local");
    const admin = { ...(await researcher("admin@hardening.local")), role: "admin" as const };
    await db.user.update({ where: { id: admin.id }, data: { role: "admin" } });
    const session = await signedIn(user);
    const { setUserActive } = await import("../../lib/users/manage-users");
    await setUserActive(admin, { userId: user.id, active: false });
    await setUserActive(admin, { userId: user.id, active: true });
    expect(await status(session)).toBe(401);
    expect(await status(await signedIn(user))).toBe(200);
  });

  it("sign out everywhere ends every session of the user, and only theirs", async () => {
    const user = await researcher("everywhere@hardening.local");
    const [laptop, phone] = [await signedIn(user), await signedIn(user)];
    const bystander = await signedIn(await researcher("bystander@hardening.local"));
    const account = await laptop.request("/account/password");
    expect(await account.text()).toContain("Sign out everywhere");
    const { signOutEverywhere } = await import("../../lib/users/sign-out-everywhere");
    await signOutEverywhere(user);
    expect(await status(laptop)).toBe(401);
    expect(await status(phone)).toBe(401);
    expect(await status(bystander)).toBe(200);
  });
});

describe("item 3: a crowd id is bound to the browser that first used it", () => {
  it("a second browser with the same PROLIFIC_PID is refused with a clear message; the first resumes", async () => {
    const pid = prolificPid("http-bound");
    const log = new RequestLog();
    const first = new HttpClient(() => web.url, log);
    const entered = await first.submitPageForm(`${joinPath}?PROLIFIC_PID=${pid}`);
    expect(entered.status).toBe(303);
    expect(entered.headers.get("location")).toMatch(/\/join\/consent\//);
    const cookie = entered.headers.getSetCookie().find((c) => c.startsWith("photogenic-browser="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const second = new HttpClient(() => web.url, log);
    const refused = await second.submitPageForm(`${joinPath}?PROLIFIC_PID=${pid}`);
    const back = refused.headers.get("location") ?? "";
    expect(back).toContain("error=other_browser");
    expect(second.hasSession()).toBe(false);
    expect(await (await second.request(back)).text()).toContain("another browser");

    const again = await first.submitPageForm(`${joinPath}?PROLIFIC_PID=${pid}`);
    expect(again.headers.get("location")).toMatch(/\/join\/consent\//);
    expect(await db.participation.count({ where: { campaignId, crowdId: pid } })).toBe(1);
  });
});

describe("item 6: cross-site writes and forwarded hosts", () => {
  const upload = (name: string) => {
    const form = new FormData();
    form.append("name", name);
    form.append("file", new Blob(["a cat\na dog\n"], { type: "text/plain" }), "prompts.txt");
    return form;
  };

  it("the multipart prompt upload from another origin is refused (403) and imports nothing", async () => {
    const client = await signedIn(owner);
    const crossSite: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of crossSite) {
      const response = await client.request("/api/prompt-sets", {
        method: "POST",
        headers,
        body: upload("cross-site set"),
      });
      expect(response.status).toBe(403);
    }
    expect(await db.promptSet.count({ where: { name: "cross-site set" } })).toBe(0);
    const same = await client.request("/api/prompt-sets", {
      method: "POST",
      headers: { origin: web.url, "sec-fetch-site": "same-origin" },
      body: upload("same-origin set"),
    });
    expect(same.status).toBe(201);
  });

  it("join URLs on the campaign page use PUBLIC_URL, never X-Forwarded-Host", async () => {
    const client = await signedIn(owner);
    const page = await client.request(`/campaigns/${campaignId}`, {
      headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" },
    });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).not.toContain("evil.example");
    expect(html).toContain(`${web.url}${joinPath}`);
  });
});

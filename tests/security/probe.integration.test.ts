import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { acquireLock } from "../support/lock";
import { launchBrowser, signIn } from "../e2e/browser";
import { roleMay, type Permission, type Role } from "../../lib/auth/permissions";
import { PAGE_GUARD, pageFiles, paramsOf, routeExports } from "./inventory";
import { PUBLIC_PAGES, PUBLIC_ROUTES } from "./policy";
import { Client } from "./http";
import { HOSTILE_NAME, HOSTILE_PROMPTS, secretsOf, seedFixtures, type Fixtures } from "./fixtures";

/**
 * The HTTP half of the probe suite, against the real app (`next build` + `next start`) on this
 * file's own database: every route handler and page is called anonymous, as an annotator and as
 * a researcher of another campaign; refusals must be 401/403/404 and nothing may answer 5xx.
 * Then image-route traversal, hostile prompts in a real Chromium, a full crowd voting session
 * scanned for anything that names a model, security headers, cookies, CSRF and deactivation.
 */
let web: { url: string; stop: () => Promise<void>; process: import("node:child_process").ChildProcess };
let release: () => void;
let fx: Fixtures;
let browser: Browser | undefined;
const serverErrors: string[] = [];
const clients: Record<string, Client> = {};

beforeAll(async () => {
  release = await acquireLock(path.resolve(".next-e2e.lock"));
  process.env.NEXT_DIST_DIR = ".next-e2e";
  const { prepareDatabase, buildWeb, startWeb } = await import("../../scripts/support/stack");
  await prepareDatabase();
  fx = await seedFixtures();
  await buildWeb();
  web = await startWeb({ quiet: true });
  web.process.stderr?.on("data", (chunk: Buffer) => serverErrors.push(chunk.toString()));
  for (const [key, user] of Object.entries(fx.users)) {
    const client = new Client(web.url);
    await client.signIn("credentials", { email: user.email, password: user.password });
    expect(client.hasSession(), `${key} signed in`).toBe(true);
    clients[key] = client;
  }
  clients.anonymous = new Client(web.url);
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  release?.();
  const { disconnectDb } = await import("../../lib/db");
  await disconnectDb();
});

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? "probe-unknown-id"),
  );
}

async function call(client: Client, method: string, url: string): Promise<{ status: number; body: string }> {
  const init: RequestInit = { method };
  if (!["GET", "HEAD"].includes(method))
    Object.assign(init, { headers: { "content-type": "application/json" }, body: "{}" });
  const response = await client.request(url, init);
  return { status: response.status, body: method === "HEAD" ? "" : await response.text() };
}

describe("route handlers: every route × anonymous / annotator / researcher of another campaign", () => {
  const routes = routeExports().filter((r) => !PUBLIC_ROUTES[r.file]);
  const identities: { name: string; client: string; role: Role | null }[] = [
    { name: "anonymous", client: "anonymous", role: null },
    { name: "annotator (not in the campaign, not the assignment's owner)", client: "annotatorB", role: "annotator" },
    { name: "researcher of another campaign", client: "researcherB", role: "researcher" },
  ];
  for (const route of routes) {
    for (const identity of identities) {
      it(`${route.method} ${route.template} as ${identity.name}`, async () => {
        const values = {
          campaignId: fx.demoCampaignId,
          assignmentId: fx.assignmentA,
          side: "left",
          judgmentId: fx.judgmentA,
          id: fx.demoPromptSetId,
        };
        const { status, body } = await call(clients[identity.client], route.method, fill(route.template, values));
        expect(status, body).toBeLessThan(500);
        if (route.permission === "public") return;
        const permission = route.permission as Permission;
        if (!identity.role) return expect(status, body).toBe(401);
        if (!roleMay(identity.role, permission)) return expect(status, body).toBe(403);
        const params = paramsOf(route.template);
        const foreign = params.some((p) => ["campaignId", "assignmentId", "judgmentId"].includes(p));
        if (foreign) return expect(status, body).toBe(404);
        // Shared resources (prompt sets, models) or collection routes: whatever it answers,
        // never another researcher's campaign or another annotator's work.
        for (const secret of [fx.demoCampaignId, fx.assignmentA, fx.judgmentA]) expect(body).not.toContain(secret);
        if (identity.role === "annotator") expect(status).toBeGreaterThanOrEqual(400);
      });
    }
  }
});

describe("pages: every page × anonymous / annotator / researcher of another campaign", () => {
  const identities: { name: string; client: string; role: Role | null }[] = [
    { name: "anonymous", client: "anonymous", role: null },
    { name: "annotator of another campaign", client: "annotatorB", role: "annotator" },
    { name: "researcher of another campaign", client: "researcherB", role: "researcher" },
  ];
  for (const page of pageFiles()) {
    for (const identity of identities) {
      it(`${page.template} as ${identity.name}`, async () => {
        const values = { campaignId: fx.demoCampaignId, id: fx.demoPromptSetId, token: "probe-token" };
        const response = await clients[identity.client].request(fill(page.template, values));
        const body = await response.text();
        expect(response.status, body.slice(0, 500)).toBeLessThan(500);
        if (PUBLIC_PAGES[page.file]) return;
        const permission = PAGE_GUARD.exec(page.source)![1] as Permission;
        if (!identity.role) {
          expect([303, 307, 308]).toContain(response.status);
          return expect(response.headers.get("location")).toContain("/login");
        }
        if (!roleMay(identity.role, permission)) return expect(response.status).toBe(403);
        if (paramsOf(page.template).includes("campaignId")) return expect(response.status).toBe(404);
        expect(body).not.toContain(fx.demoCampaignId);
      });
    }
  }
});

describe("image routes", () => {
  it("serve the owner's image and refuse traversal, odd sides and foreign ids with 404", async () => {
    const own = await clients.annotatorA.request(`/api/assignments/${fx.assignmentA}/image/left`);
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("image/webp");
    const probes = [
      `/api/assignments/${fx.assignmentA}/image/..%2F..%2F..%2Fetc%2Fpasswd`,
      `/api/assignments/${fx.assignmentA}/image/%2e%2e`,
      `/api/assignments/${fx.assignmentA}/image/LEFT`,
      `/api/assignments/${fx.assignmentA}/image/left.webp`,
      `/api/assignments/${fx.assignmentA}/image/0`,
      `/api/assignments/..%2F..%2Fpackage.json/image/left`,
      `/api/assignments/${encodeURIComponent("' OR 1=1 --")}/image/left`,
      `/api/assignments/${fx.judgmentA}/image/left`,
    ];
    for (const url of probes) {
      // Next normalises dot segments with a 308 to the cleaned path; follow it to the answer.
      let response = await clients.annotatorA.request(url);
      for (let hops = 0; [301, 302, 307, 308].includes(response.status) && hops < 3; hops++) {
        const location = new URL(response.headers.get("location")!, web.url);
        expect(location.origin, url).toBe(new URL(web.url).origin);
        response = await clients.annotatorA.request(location.pathname + location.search);
      }
      expect([400, 404, 405], url).toContain(response.status);
      expect(response.headers.get("content-type") ?? "", url).not.toContain("image/");
      expect(await response.text()).not.toContain("root:");
    }
    expect((await clients.annotatorB.request(`/api/assignments/${fx.assignmentA}/image/left`)).status).toBe(404);
    expect((await clients.annotatorB.request(`/api/assignments/${fx.assignmentA}/image/right`)).status).toBe(404);
  });

  it("a judgment on another annotator's assignment is a 404", async () => {
    const response = await clients.annotatorB.request("/api/judgments", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        assignmentId: fx.assignmentA,
        criterionId: "x",
        choice: "left",
        idempotencyKey: "probe-foreign-1",
        latencyMs: 3000,
      }),
    });
    expect(response.status).toBe(404);
  });
});

describe("sessions, CSRF, cookies, headers", () => {
  it("a deactivated user's next request is refused and their pages send them to sign in", async () => {
    const doomed = clients.doomed;
    expect((await doomed.request("/api/prompt-sets")).status).toBe(200);
    const { db } = await import("../../lib/db");
    await db.user.update({ where: { id: fx.users.doomed.id }, data: { active: false } });
    expect((await doomed.request("/api/prompt-sets")).status).toBe(401);
    const page = await doomed.request("/campaigns");
    expect(page.headers.get("location")).toContain("/login");
    // …and cannot sign in again.
    const again = new Client(web.url);
    await again.signIn("credentials", { email: fx.users.doomed.email, password: fx.users.doomed.password });
    expect(again.hasSession()).toBe(false);
  });

  it("Auth.js refuses a sign-in POST without its CSRF token (password and join ticket alike)", async () => {
    const client = new Client(web.url);
    await client.signIn(
      "credentials",
      { email: fx.users.researcher.email, password: fx.users.researcher.password },
      { withCsrf: false },
    );
    expect(client.hasSession()).toBe(false);
    const { issueJoinTicket } = await import("../../lib/access/join-ticket");
    const ticketed = new Client(web.url);
    await ticketed.signIn("join", { ticket: await issueJoinTicket(fx.users.annotatorB.id) }, { withCsrf: false });
    expect(ticketed.hasSession()).toBe(false);
    await ticketed.signIn("join", { ticket: await issueJoinTicket(fx.users.annotatorB.id) });
    expect(ticketed.hasSession()).toBe(true);
    // A join ticket never signs in a researcher (the provider only accepts annotators).
    const researcherTicket = new Client(web.url);
    await researcherTicket.signIn("join", { ticket: await issueJoinTicket(fx.users.researcherB.id) });
    expect(researcherTicket.hasSession()).toBe(false);
  });

  it("session cookies are HttpOnly and SameSite=Lax, and Secure with a __Secure- name behind HTTPS", async () => {
    const plain = new Client(web.url);
    const response = await plain.signIn("credentials", {
      email: fx.users.researcher.email,
      password: fx.users.researcher.password,
    });
    const session = response.headers.getSetCookie().find((c) => c.includes("session-token"))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    const tls = new Client(web.url);
    const csrf = await tls.request("/api/auth/csrf", { headers: { "x-forwarded-proto": "https" } });
    const csrfCookie = csrf.headers.getSetCookie().join("\n");
    expect(csrfCookie).toMatch(/__Host-authjs\.csrf-token=.*Secure/i);
  });

  it("every response carries the security headers; CSP forbids framing, plugins and foreign scripts", async () => {
    for (const url of ["/login", "/api/health", `/join/${encodeURIComponent(fx.demoJoinPath.split("/")[2])}`]) {
      const response = await clients.anonymous.request(url);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'self'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).not.toMatch(/script-src[^;]*(\*|https?:)/);
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-powered-by")).toBeNull();
    }
  });

  it("sign-in backs off after failures from one address, without locking the account out elsewhere", async () => {
    // Without a trusted proxy (TRUSTED_PROXY_COUNT=0) the address is X-Forwarded-For as next start keeps it.
    const from = (address: string) => ({ headers: { "x-forwarded-for": address } });
    const client = new Client(web.url);
    for (let i = 0; i < 10; i++)
      await client.signIn("credentials", { email: fx.users.admin.email, password: `wrong-${i}` }, from("203.0.113.5"));
    await client.signIn(
      "credentials",
      { email: fx.users.admin.email, password: fx.users.admin.password },
      from("203.0.113.5"),
    );
    expect(client.hasSession()).toBe(false);
    const elsewhere = new Client(web.url);
    await elsewhere.signIn(
      "credentials",
      { email: fx.users.admin.email, password: fx.users.admin.password },
      from("198.51.100.5"),
    );
    expect(elsewhere.hasSession()).toBe(true);
  });
});

async function inert(page: Page): Promise<void> {
  const report = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: number }).__xss ?? null,
    injectedImages: document.querySelectorAll('img[src="x"]').length,
    scriptLinks: [...document.querySelectorAll("a")].filter((a) => a.href.trim().toLowerCase().startsWith("javascript"))
      .length,
  }));
  expect(report).toEqual({ xss: null, injectedImages: 0, scriptLinks: 0 });
}

describe("in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });

  it("hostile prompts, prompt-set and campaign names render as inert text for annotators and researchers", async () => {
    const dialogs: string[] = [];
    const annotator = await (await browser!.newContext()).newPage();
    annotator.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signIn(annotator, web.url, fx.users.annotatorB.email, fx.users.annotatorB.password);
    await annotator.goto(`${web.url}/annotate/${fx.hostileCampaignId}`);
    await expect
      .poll(async () => annotator.locator("body").innerText(), { timeout: 15_000 })
      .toMatch(/a (cat|dog|bird)/);
    const text = await annotator.locator("body").innerText();
    expect(HOSTILE_PROMPTS.some((p) => text.includes(p))).toBe(true);
    await inert(annotator);

    const researcher = await (await browser!.newContext()).newPage();
    researcher.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signIn(researcher, web.url, fx.users.researcherB.email, fx.users.researcherB.password);
    for (const url of [
      `/prompt-sets/${fx.hostilePromptSetId}`,
      `/campaigns/${fx.hostileCampaignId}`,
      "/campaigns",
      "/prompt-sets",
    ]) {
      await researcher.goto(`${web.url}${url}`);
      await researcher.waitForLoadState("networkidle");
      await inert(researcher);
    }
    await researcher.goto(`${web.url}/campaigns/${fx.hostileCampaignId}`);
    expect(await researcher.locator("body").innerText()).toContain(HOSTILE_NAME);
    await researcher.goto(`${web.url}/prompt-sets/${fx.hostilePromptSetId}`);
    expect(await researcher.locator("body").innerText()).toContain(HOSTILE_PROMPTS[0]);
    expect(dialogs).toEqual([]);
  });

  it("a full crowd voting session receives nothing that names a model or an image", async () => {
    const secrets = await secretsOf(fx.demoCampaignId);
    expect(secrets.length).toBeGreaterThan(4);
    const context = await browser!.newContext();
    const page = await context.newPage();
    const seen: { url: string; headers: string; text: string; bytes: Buffer; type: string }[] = [];
    page.on("response", async (response) => {
      const bytes = await response.body().catch(() => Buffer.alloc(0));
      const type = response.headers()["content-type"] ?? "";
      seen.push({
        url: response.url(),
        headers: JSON.stringify(await response.allHeaders()),
        text: bytes.toString("latin1"),
        bytes,
        type,
      });
    });
    await page.goto(
      `${web.url}${fx.demoJoinPath}?PROLIFIC_PID=${`0be${Date.now().toString(16)}`.padEnd(24, "0")}&STUDY_ID=s1&SESSION_ID=x1`,
    );
    await Promise.all([page.waitForURL(/\/join\/consent\//), page.getByRole("button", { name: "Start" }).click()]);
    await page.getByRole("checkbox").check();
    await Promise.all([page.waitForURL(/\/annotate\//), page.getByRole("button", { name: /I agree/ }).click()]);
    const { voteUntilDone } = await import("./voting");
    await voteUntilDone(page);
    await page.waitForTimeout(500);

    // The site's icon (app/icon.svg) is the same static file for everyone; every other image is a pair's.
    const icons = seen.filter((r) => new URL(r.url).pathname === "/icon.svg");
    for (const icon of icons) expect(icon.bytes.toString("utf8")).not.toMatch(/model|campaign/i);
    const images = seen.filter((r) => r.type.startsWith("image/") && !icons.includes(r));
    expect(images.length).toBeGreaterThan(1);
    for (const image of images) {
      expect(new URL(image.url).pathname).toMatch(/^\/api\/assignments\/[a-z0-9]+\/image\/(left|right)$/);
      expect(webpChunks(image.bytes).filter((c) => !["VP8 ", "VP8L", "VP8X", "ALPH"].includes(c))).toEqual([]);
    }
    for (const response of seen) {
      for (const secret of secrets) {
        expect(response.url, `URL names ${secret}`).not.toContain(secret);
        expect(response.headers, `${response.url} headers name ${secret}`).not.toContain(secret);
        expect(response.text.includes(secret), `${response.url} body names ${secret}`).toBe(false);
      }
    }
    await context.close();
  });
});

/** The RIFF chunk ids of a WebP file (EXIF / XMP / ICCP would be metadata). */
function webpChunks(bytes: Buffer): string[] {
  expect(bytes.subarray(0, 4).toString("latin1")).toBe("RIFF");
  expect(bytes.subarray(8, 12).toString("latin1")).toBe("WEBP");
  const chunks: string[] = [];
  for (let offset = 12; offset + 8 <= bytes.length;) {
    const id = bytes.subarray(offset, offset + 4).toString("latin1");
    const size = bytes.readUInt32LE(offset + 4);
    chunks.push(id);
    offset += 8 + size + (size % 2);
  }
  return chunks;
}

afterAll(() => {
  const crashes = serverErrors
    .join("")
    .split("\n")
    .filter((l) => /Error|unhandled/i.test(l));
  if (crashes.length) console.warn(`server stderr during the probes:\n${crashes.slice(0, 20).join("\n")}`);
});

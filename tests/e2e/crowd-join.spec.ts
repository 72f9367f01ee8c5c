import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import type { Browser } from "playwright-core";
import { launchBrowser, signIn } from "./browser";
import { voteUntilDone } from "../security/voting";
import {
  CLIPBOARD,
  consentToStudyInstructions,
  createJoinLink,
  expectCompletionAndRedirect,
  expectOwnerSeesCrowdId,
  prolificPid,
  STUDY_INSTRUCTIONS,
} from "./crowd-steps";
import { DEMO_USERS, DEMO_CAMPAIGN } from "../../lib/demo/demo-content";

const baseUrl = inject("baseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
const user = (role: string) => DEMO_USERS.find((u) => u.role === role)!;
const COMPLETION_URL = "https://app.prolific.example/submissions/complete";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  // The platform's completion URL, as a researcher would configure it for Prolific.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`UPDATE "Campaign" SET "completionUrl" = $1, instructions = $2 WHERE name = $3`, [
    COMPLETION_URL,
    STUDY_INSTRUCTIONS,
    DEMO_CAMPAIGN,
  ]);
  await client.end();
});
afterAll(async () => {
  await browser?.close();
});

/** The researcher, signed in on the demo campaign's page, makes a join link there (cap 50). */
async function researcherWithJoinLink(label: string) {
  const researcher = await (await browser.newContext(CLIPBOARD)).newPage();
  researcher.setDefaultTimeout(30_000);
  await signIn(researcher, baseUrl, user("researcher").email, user("researcher").password);
  await researcher.getByRole("link", { name: /Demo:/ }).click();
  const { plain: url } = await createJoinLink(researcher, label, 50);
  return { researcher, url };
}

describe("crowd entry through a join link", () => {
  it("a Prolific worker joins, consents, votes, gets the completion code; deactivated, their next vote is refused", async () => {
    const { researcher, url } = await researcherWithJoinLink("Prolific batch e2e");

    // The worker arrives from Prolific.
    const pid = prolificPid("e2e");
    const workerContext = await browser.newContext(CLIPBOARD);
    const worker = await workerContext.newPage();
    worker.setDefaultTimeout(30_000);
    await worker.goto(`${url}?PROLIFIC_PID=${pid}&STUDY_ID=study-e2e&SESSION_ID=session-1`);
    await Promise.all([worker.waitForURL(/\/join\/consent\//), worker.getByRole("button", { name: "Start" }).click()]);
    // Voting requires consent first.
    const campaignId = new URL(worker.url()).pathname.split("/").pop()!;
    await worker.goto(`${baseUrl}/annotate/${campaignId}`);
    expect(new URL(worker.url()).pathname).toBe(`/join/consent/${campaignId}`);
    // The instructions rendered as the wizard previews them; then consent.
    await consentToStudyInstructions(worker);

    const votes = await voteUntilDone(worker);
    expect(votes).toBeGreaterThan(0);
    // The code with a copy button, the done page and the way back to Prolific (?cc=).
    await expectCompletionAndRedirect(worker, "DEMO-THANKS", COMPLETION_URL);

    // Another device, same PROLIFIC_PID: refused with a clear message (the id is bound to the
    // browser that started), not merged into the worker's identity.
    const phone = await (await browser.newContext()).newPage();
    await phone.goto(`${url}?PROLIFIC_PID=${pid}&STUDY_ID=study-e2e&SESSION_ID=session-2`);
    await Promise.all([phone.waitForURL(/error=other_browser/), phone.getByRole("button", { name: "Start" }).click()]);
    await expect.poll(() => phone.getByText("started in another browser").isVisible()).toBe(true);
    // The worker's own browser, a new Prolific session: the same identity resumes (consented, done).
    await worker.goto(`${url}?PROLIFIC_PID=${pid}&STUDY_ID=study-e2e&SESSION_ID=session-2`);
    await Promise.all([worker.waitForURL(/\/annotate\//), worker.getByRole("button", { name: "Start" }).click()]);
    await expect.poll(() => worker.getByTestId("completion-code").isVisible(), { timeout: 15_000 }).toBe(true);

    // The owner tells workers apart by their PROLIFIC_PID (issue 18 item 9); the worker cannot read them.
    await expectOwnerSeesCrowdId(researcher, baseUrl, campaignId, { source: "prolific", id: pid });
    for (const path of ["summary", "results/judgments"]) {
      const refused = await worker.request.get(`${baseUrl}/api/campaigns/${campaignId}/${path}`);
      expect(refused.status(), path).toBeGreaterThanOrEqual(400);
      expect(await refused.text()).not.toContain(pid);
    }

    // The admin finds the worker by PROLIFIC_PID and deactivates them.
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, baseUrl, user("admin").email, user("admin").password);
    await admin.goto(`${baseUrl}/admin/users?q=${pid}`);
    const row = admin.getByRole("row").filter({ hasText: pid });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole("button", { name: "Deactivate" }).click();
    await expect.poll(() => row.getByRole("status").textContent()).toBe("Deactivated.");

    // Their next vote is refused, and their pages send them away.
    await worker.goto(`${baseUrl}/api/health`);
    const refused = await worker.evaluate(async () => {
      const response = await fetch("/api/judgments", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          assignmentId: "any",
          criterionId: "any",
          choice: "left",
          idempotencyKey: "after-deactivation-1",
        }),
      });
      return response.status;
    });
    expect(refused).toBe(401);
    await worker.goto(`${baseUrl}/annotate/${campaignId}`);
    expect(new URL(worker.url()).pathname).toBe("/login");
    await workerContext.close();
  }, 180_000);

  it("a join whose answer was lost resumes when the worker tries again in the same browser", async () => {
    const { url } = await researcherWithJoinLink("Prolific retry e2e");

    const context = await browser.newContext();
    const worker = await context.newPage();
    worker.setDefaultTimeout(30_000);
    const arrival = `${url}?PROLIFIC_PID=${prolificPid("ab")}&STUDY_ID=study-e2e`;
    await worker.goto(arrival);
    // The browser holds its secret before it has joined anything (proxy.ts).
    const before = await context.cookies();
    const secret = before.find((c) => c.name === "photogenic-browser");
    expect(secret).toMatchObject({ httpOnly: true, path: "/join", sameSite: "Lax" });

    // The server joins the worker, but its answer never reaches the browser (a timeout, a
    // restart): the request is sent, then the connection drops, and no cookie it set is kept.
    let lost = false;
    await worker.route(
      (target) => target.pathname.startsWith("/join/"),
      async (route) => {
        if (route.request().method() !== "POST" || lost) return route.continue();
        lost = true;
        await route.fetch({ maxRedirects: 0 });
        await context.clearCookies();
        await context.addCookies(before);
        await route.abort("connectionreset");
      },
    );
    await worker.getByRole("button", { name: "Start" }).click();
    await expect.poll(() => lost).toBe(true);

    // Trying again from the link: the same identity resumes, not "started in another browser".
    await worker.goto(arrival);
    await Promise.all([
      worker.waitForURL(/\/join\/consent\/|error=/),
      worker.getByRole("button", { name: "Start" }).click(),
    ]);
    expect(new URL(worker.url()).searchParams.get("error")).toBeNull();
    expect((await context.cookies()).find((c) => c.name === "photogenic-browser")?.value).toBe(secret!.value);
    await context.close();
  }, 120_000);
});

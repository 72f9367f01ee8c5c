import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import type { Browser } from "playwright-core";
import { launchBrowser, signIn } from "./browser";
import { voteUntilDone } from "../security/voting";
import { DEMO_USERS, DEMO_CAMPAIGN } from "../../lib/demo/demo-content";

const baseUrl = inject("baseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
const user = (role: string) => DEMO_USERS.find((u) => u.role === role)!;
const COMPLETION_URL = "https://app.prolific.example/submissions/complete";
const PROLIFIC_SUFFIX = "?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}";
// Markdown instructions, with HTML that must arrive as text (issue 18 item 11).
const INSTRUCTIONS = [
  "# Before you rate",
  "- **Look** at both images\n- then *answer*",
  'Questions? See [the study page](https://example.org/study). <img src=x onerror="alert(1)"> stays text.',
].join("\n\n");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  // The platform's completion URL, as a researcher would configure it for Prolific.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`UPDATE "Campaign" SET "completionUrl" = $1, instructions = $2 WHERE name = $3`, [
    COMPLETION_URL,
    INSTRUCTIONS,
    DEMO_CAMPAIGN,
  ]);
  await client.end();
});
afterAll(async () => {
  await browser?.close();
});

describe("crowd entry through a join link", () => {
  it("a Prolific worker joins, consents, votes, gets the completion code; deactivated, their next vote is refused", async () => {
    // The researcher makes a join link on the campaign page.
    const clipboard = { permissions: ["clipboard-read", "clipboard-write"] };
    const researcher = await (await browser.newContext(clipboard)).newPage();
    researcher.setDefaultTimeout(30_000);
    await signIn(researcher, baseUrl, user("researcher").email, user("researcher").password);
    await researcher.getByRole("link", { name: /Demo:/ }).click();
    const links = researcher.getByRole("region", { name: "Join links" });
    await links.getByLabel("Label").fill("Prolific batch e2e");
    await links.getByLabel("Max annotators").fill("50");
    await links.getByRole("button", { name: "Create join link" }).click();
    // Labelled, each URL whole (wrapped, never cut off) with its own copy button (issue 18 item 10).
    const linkRow = links.getByTestId("join-link-row").filter({ hasText: "Prolific batch e2e" });
    await expect.poll(() => linkRow.count(), { timeout: 15_000 }).toBe(1);
    expect(await linkRow.getByTestId("join-link-label").textContent()).toBe("Prolific batch e2e");
    expect(await linkRow.getByText(/^(Plain|Prolific) link$/).allTextContents()).toEqual([
      "Plain link",
      "Prolific link",
    ]);
    const plain = linkRow.getByTestId("join-url");
    const prolific = linkRow.getByTestId("prolific-url");
    const url = (await plain.textContent())!;
    expect(url).toMatch(/^http.*\/join\/[^/?]+$/);
    expect(await prolific.textContent()).toBe(`${url}${PROLIFIC_SUFFIX}`);
    for (const box of [plain, prolific])
      expect(await box.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight)).toBe(
        true,
      );
    await linkRow.getByRole("button", { name: "Copy prolific link" }).click();
    await expect.poll(() => linkRow.getByText("Copied", { exact: true }).count(), { timeout: 5_000 }).toBe(1);
    expect(await researcher.evaluate(() => navigator.clipboard.readText())).toBe(`${url}${PROLIFIC_SUFFIX}`);

    // The worker arrives from Prolific.
    const pid = `e2e${Date.now().toString(16)}`.padEnd(24, "0");
    const workerContext = await browser.newContext(clipboard);
    const worker = await workerContext.newPage();
    worker.setDefaultTimeout(30_000);
    await worker.goto(`${url}?PROLIFIC_PID=${pid}&STUDY_ID=study-e2e&SESSION_ID=session-1`);
    await Promise.all([worker.waitForURL(/\/join\/consent\//), worker.getByRole("button", { name: "Start" }).click()]);
    // Voting requires consent first.
    const campaignId = new URL(worker.url()).pathname.split("/").pop()!;
    await worker.goto(`${baseUrl}/annotate/${campaignId}`);
    expect(new URL(worker.url()).pathname).toBe(`/join/consent/${campaignId}`);
    // The instructions rendered as the wizard previews them: heading, list, emphasis, link; HTML as text.
    const instructions = worker.getByTestId("campaign-instructions");
    expect(await instructions.getByRole("heading").textContent()).toBe("Before you rate");
    expect(await instructions.getByRole("listitem").allTextContents()).toEqual(["Look at both images", "then answer"]);
    expect(await instructions.locator("strong").textContent()).toBe("Look");
    expect(await instructions.getByRole("link", { name: "the study page" }).getAttribute("href")).toBe(
      "https://example.org/study",
    );
    expect(await instructions.locator("img").count()).toBe(0);
    expect(await instructions.textContent()).toContain('<img src=x onerror="alert(1)"> stays text.');
    expect(await instructions.textContent()).not.toContain("**");
    await worker.getByRole("checkbox").check();
    await Promise.all([worker.waitForURL(/\/annotate\//), worker.getByRole("button", { name: /I agree/ }).click()]);

    const votes = await voteUntilDone(worker);
    expect(votes).toBeGreaterThan(0);
    await expect.poll(() => worker.getByTestId("completion-code").textContent()).toBe("DEMO-THANKS");
    // The code has a copy button (issue 18 item 8).
    await worker.getByRole("button", { name: "Copy completion code" }).click();
    await expect.poll(() => worker.getByText("Copied").isVisible(), { timeout: 5_000 }).toBe(true);
    expect(await worker.evaluate(() => navigator.clipboard.readText())).toBe("DEMO-THANKS");

    // The end page: code plus the way back to Prolific (Prolific-style ?cc=).
    await worker.goto(`${baseUrl}/join/done/${campaignId}`);
    expect(await worker.getByTestId("completion-code").textContent()).toBe("DEMO-THANKS");
    expect(await worker.getByRole("button", { name: "Copy completion code" }).isVisible()).toBe(true);
    expect(await worker.getByTestId("completion-link").getAttribute("href")).toBe(`${COMPLETION_URL}?cc=DEMO-THANKS`);
    // …and it sends them back there by itself (meta refresh, no script).
    const back = await worker.waitForRequest((request) => request.url().startsWith(COMPLETION_URL), {
      timeout: 15_000,
    });
    expect(back.url()).toBe(`${COMPLETION_URL}?cc=DEMO-THANKS`);

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

    // The owner tells workers apart by their PROLIFIC_PID (issue 18 item 9): the campaign page's
    // annotator table, the results page's and the judgment CSV; the worker cannot read any of them.
    await researcher.goto(`${baseUrl}/campaigns/${campaignId}`);
    await expect
      .poll(() => researcher.getByTestId("annotators").getByTestId("annotator-who").allTextContents(), {
        timeout: 15_000,
      })
      .toContain(`prolific ${pid}`);
    await researcher.goto(`${baseUrl}/campaigns/${campaignId}/results`);
    await expect
      .poll(() => researcher.getByRole("table", { name: "Annotators" }).getByText(`prolific ${pid}`).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    const csv = await researcher.request.get(`${baseUrl}/api/campaigns/${campaignId}/results/judgments`);
    expect(await csv.text()).toContain(`,prolific,${pid},`);
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
});

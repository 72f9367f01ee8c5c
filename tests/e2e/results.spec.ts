import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signIn } from "./browser";
import { DEMO_USERS } from "../../lib/demo/demo-content";
import { FORMATS, type FormatName } from "../../lib/results/format";
import { valueAt } from "../../lib/results/report-html-criterion";
import { agreementNote, criterionLabel, criterionVerdict, inProtocolOrder } from "../../lib/results/criterion-reading";
import { expectCriteriaRead, labelsCutAtStart } from "./results-reading";
import type { ReportJson } from "../../lib/results/report-json";

const baseUrl = inject("baseUrl");
// Factories write to the e2e database; set before lib/db is first imported.
process.env.DATABASE_URL = inject("e2eDatabaseUrl");
const PASSWORD = "results-annotator-pass";
const user = (role: string) => DEMO_USERS.find((u) => u.role === role)!;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(path.join(tmpdir(), "photogenic-e2e-results-"));
});
afterAll(async () => {
  await browser?.close();
  await (await import("../../lib/db")).disconnectDb();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * An annotator of this spec's own (the demo annotator belongs to the voting specs, and every slot
 * taken here is one they cannot have) answers every open pair through the voting API, the
 * stronger image mostly winning on the left.
 */
async function voteEverything(campaignId: string): Promise<number> {
  const { makeUser, joinCampaign } = await import("../support/factories");
  let votes = 0;
  for (let a = 0; a < 1; a++) {
    const annotator = await makeUser("annotator", PASSWORD);
    await joinCampaign(campaignId, [annotator.id]);
    votes += await voteAsAnnotator(campaignId, annotator.email!, a);
  }
  return votes;
}

async function voteAsAnnotator(campaignId: string, email: string, offset: number): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, baseUrl, email, PASSWORD);
  let votes = 0;
  for (let round = 0; round < 40; round++) {
    const next = await (await page.request.post(`${baseUrl}/api/annotate/${campaignId}/next`)).json();
    if (next.kind !== "pair") break;
    for (const [i, c] of next.view.criteria.entries()) {
      const choice = (round + i + offset) % 5 === 4 ? c.choices[2] : (round + offset) % 3 === 0 ? "right" : "left";
      const res = await page.request.post(`${baseUrl}/api/judgments`, {
        data: {
          assignmentId: next.view.assignmentId,
          criterionId: c.id,
          choice,
          idempotencyKey: `e2e-results-${next.view.assignmentId}-${c.id}`,
          latencyMs: 2500,
        },
      });
      expect(res.status(), await res.text()).toBeLessThan(300);
      votes++;
    }
  }
  await context.close();
  return votes;
}

async function openDemoCampaign(page: Page): Promise<string> {
  await signIn(page, baseUrl, user("researcher").email, user("researcher").password);
  await page.getByRole("link", { name: /Demo:/ }).first().click();
  await page.waitForURL(/\/campaigns\/[^/]+$/);
  return new URL(page.url()).pathname.split("/")[2];
}

describe("results and reports", () => {
  it("shows the charts, rejects bad settings by name, and exports an offline HTML report whose numbers equal the JSON", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const campaignId = await openDemoCampaign(page);
    expect(await voteEverything(campaignId)).toBeGreaterThan(0);

    await page.getByTestId("results-link").click();
    await page.waitForURL(/\/results/);
    await expect.poll(() => page.locator('[data-chart="stacked-bars"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-chart="stacked-bars"]').first().isVisible()).toBe(true);
    expect(await page.locator('[data-chart="interval-plot"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId("gallery-pair").count()).toBeGreaterThan(0);
    // Gallery images come from the researcher-only route.
    const img = page.getByTestId("gallery-pair").first().locator("img").first();
    await img.scrollIntoViewIfNeeded();
    // A wait, not a timed assertion: the thumbnail is made on first request, slow on a shared machine.
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), { timeout: 20_000 })
      .toBe(true);
    const src = (await img.getAttribute("src"))!;
    expect(src).toMatch(new RegExp(`^/api/campaigns/${campaignId}/images/`));
    const annotatorView = await browser.newContext();
    expect((await annotatorView.request.get(`${baseUrl}${src}`)).status()).toBe(401);
    await annotatorView.close();

    // Each criterion in protocol order, headed by its label and question, led by its verdict toward
    // the reference model (by default the leader); then toward the other model, picked on the page.
    const shown: ReportJson = await (await page.request.get(`${baseUrl}/api/campaigns/${campaignId}/results`)).json();
    expect(shown.protocol.models).toContain(shown.settings.reference);
    // (Whether a criterion explains missing agreement depends on how many pairs the other specs'
    // annotators judged twice before this one; each note shown is the one agreementNote gives.)
    await expectCriteriaRead(page, shown);
    const other = shown.protocol.models.find((m) => m !== shown.settings.reference)!;
    await page.getByLabel("Reference model").selectOption(other);
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(new RegExp(`reference=${encodeURIComponent(other)}`));
    const flipped: ReportJson = await (
      await page.request.get(`${baseUrl}/api/campaigns/${campaignId}/results?reference=${encodeURIComponent(other)}`)
    ).json();
    expect(flipped.settings.reference).toBe(other);
    expect(flipped.stats).toEqual(shown.stats); // the reference changes how figures read, not the figures
    await expectCriteriaRead(page, flipped);
    const unknown = await page.request.get(`${baseUrl}/api/campaigns/${campaignId}/results?reference=nobody`);
    expect(unknown.status()).toBe(422);
    expect((await unknown.json()).issues[0].field).toBe("reference");

    // Settings are explicit and validated: a bad one is named, on the page and by the API.
    await page.goto(`${baseUrl}/campaigns/${campaignId}/results?level=2`);
    expect(await page.getByRole("alert").filter({ hasText: "results settings" }).textContent()).toContain("level");
    const bad = await page.request.get(`${baseUrl}/api/campaigns/${campaignId}/results?aggregation=mode`);
    expect(bad.status()).toBe(422);
    expect((await bad.json()).issues[0].field).toBe("aggregation");
    const badFormat = await page.request.get(`${baseUrl}/api/campaigns/${campaignId}/report?format=pdf`);
    expect(badFormat.status()).toBe(422);
    expect((await badFormat.json()).issues[0].field).toBe("format");

    // Download the HTML report from the page, with non-default settings, and the JSON with the same ones.
    await page.goto(`${baseUrl}/campaigns/${campaignId}/results?ties=excluded&interval=wilson`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "HTML report" }).click(),
    ]);
    const htmlFile = path.join(dir, "report.html");
    await download.saveAs(htmlFile);
    const json = await (
      await page.request.get(`${baseUrl}/api/campaigns/${campaignId}/results?ties=excluded&interval=wilson`)
    ).json();
    expect(json.settings).toMatchObject({ ties: "excluded", interval: "wilson" });
    const csv = await page.request.get(`${baseUrl}/api/campaigns/${campaignId}/results/judgments`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect((await csv.text()).split("\r\n")[0]).toMatch(/^campaign_id,pair_id,prompt_id,prompt,/);

    // This spec's annotator is a script (every answer 2.5 s): the timing flag names it, and leaving
    // it out shows the headline with and without it side by side (here: nothing left without it).
    await page.goto(`${baseUrl}/campaigns/${campaignId}/results?excludeFlagged=timing`);
    expect(await page.getByTestId("exclusion-comparison").count()).toBeGreaterThan(0);
    const strict = await (
      await page.request.get(`${baseUrl}/api/campaigns/${campaignId}/results?excludeFlagged=timing`)
    ).json();
    expect(strict.settings.flagSignals).toEqual(["timing"]);
    expect(strict.settings.flaggedAnnotatorsExcluded.length).toBeGreaterThan(0);
    for (const a of strict.annotators.filter((x: { excluded: boolean }) => x.excluded))
      expect(a.flags).toContain("timing");
    expect(strict.withExcludedAnnotators.judgments).toBe(strict.dataSnapshot.excluded);
    expect(strict.withExcludedAnnotators.criteria.length).toBeGreaterThan(0);
    const prolificHref = await page.getByRole("link", { name: "Prolific approve / reject (CSV)" }).getAttribute("href");
    expect(prolificHref).toBe(`/api/campaigns/${campaignId}/results/prolific?excludeFlagged=timing`);
    const prolific = await page.request.get(`${baseUrl}${prolificHref}`);
    expect(prolific.headers()["content-type"]).toContain("text/csv");
    expect((await prolific.text()).split("\r\n")[0]).toBe(
      "participant_id,study_id,session_id,decision,reason,quality_flags,judgments,completed",
    );
    await context.close();

    // Offline: a fresh context where every request but the file itself is refused.
    const offline = await browser.newContext({ bypassCSP: true });
    const fileUrl = pathToFileURL(htmlFile).href;
    const requested: string[] = [];
    await offline.route("**", (route) => (route.request().url() === fileUrl ? route.continue() : route.abort()));
    const viewer = await offline.newPage();
    viewer.on("request", (r) => requested.push(r.url()));
    await viewer.goto(fileUrl);
    expect(requested.filter((u) => u !== fileUrl && !u.startsWith("data:"))).toEqual([]);
    const chart = viewer.locator('svg[data-chart="stacked-bars"]').first();
    expect(await chart.isVisible()).toBe(true);
    const shot = await viewer.screenshot({ fullPage: true, path: path.join(dir, "report.png") });
    expect(shot.length).toBeGreaterThan(10_000);
    // The chart's pixels are there: its win-green (#1b9e77) shows in the screenshot of the chart.
    const { data, info } = await sharp(await chart.screenshot())
      .raw()
      .toBuffer({ resolveWithObject: true });
    let green = 0;
    for (let i = 0; i < data.length; i += info.channels)
      if (Math.abs(data[i] - 0x1b) < 12 && Math.abs(data[i + 1] - 0x9e) < 12 && Math.abs(data[i + 2] - 0x77) < 12)
        green++;
    expect(green).toBeGreaterThan(100);

    // The report reads like the page: protocol order, label, question, verdict, agreement explained.
    const htmlOrder = inProtocolOrder(json);
    expect(
      await viewer.locator("section.criterion").evaluateAll((els) => els.map((e) => e.getAttribute("data-criterion"))),
    ).toEqual(htmlOrder.map(({ c }) => c.criterion));
    expect(await viewer.locator("section.criterion h2").allTextContents()).toEqual(
      htmlOrder.map(({ c }) => criterionLabel(c.criterion)),
    );
    const verdicts = await viewer.locator("section.criterion p.verdict").allTextContents();
    expect(verdicts).toEqual(htmlOrder.map(({ c }) => criterionVerdict(c, json.settings.reference, json.settings)));
    for (const v of verdicts) expect(v).toMatch(/(wins|loses) \d+\.\d% \[.+\] of decided pairs (over|to) /);
    expect(await viewer.locator("section.criterion .agreement-note").allTextContents()).toEqual(
      htmlOrder.flatMap(({ c, protocol }) => agreementNote(c, protocol!.judgmentsPerPair) ?? []),
    );
    expect(await labelsCutAtStart(viewer)).toEqual([]);

    // Every number in the HTML is a JSON value, formatted.
    const numbers = await viewer
      .locator("[data-k]")
      .evaluateAll((els) =>
        els.map((e) => ({ k: e.getAttribute("data-k")!, f: e.getAttribute("data-f")!, text: e.textContent })),
      );
    expect(numbers.length).toBeGreaterThan(50);
    const unannotated = await viewer
      .locator("table:not(.meta) td")
      .evaluateAll((tds) =>
        tds
          .filter((td) => /\d/.test(td.textContent ?? "") && td.querySelector("[data-k]") === null)
          .map((td) => td.textContent),
      );
    const labels = new Set<string>(
      json.protocol.models.concat(
        json.annotators.map((a: { annotator: string }) => a.annotator),
        json.stats.criteria.flatMap((c: { breakdowns: { group: string }[] }) => c.breakdowns.map((b) => b.group)),
      ),
    );
    expect(unannotated.filter((t) => !labels.has(t ?? "") && !/ vs /.test(t ?? ""))).toEqual([]);
    const embedded = JSON.parse((await viewer.locator("#report-json").textContent()) ?? "{}");
    for (const n of numbers) {
      const value = valueAt(json, n.k) as number | null;
      expect(n.text, n.k).toBe(FORMATS[n.f as FormatName](value));
      expect(valueAt(embedded, n.k), n.k).toEqual(value);
    }
    writeFileSync(path.join(dir, "numbers.json"), JSON.stringify(numbers));
    expect(readFileSync(htmlFile, "utf8")).toContain("<svg");
    await offline.close();
  });
});

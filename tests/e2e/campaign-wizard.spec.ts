import { describe, expect, it } from "vitest";
import { signIn } from "./browser";
import { specSession } from "./spec-session";
import { DEMO_USERS, DEMO_PROMPT_SET } from "../../lib/demo/demo-content";

const session = specSession();
const { baseUrl } = session;
const researcher = DEMO_USERS.find((u) => u.role === "researcher")!;

describe("the campaign wizard and the draft page (issue 18 items 4, 8, 12)", () => {
  it("shows the budget while the protocol is edited, and the whole protocol on the draft before Launch", async () => {
    const page = await (await session.browser.newContext()).newPage();
    await signIn(page, baseUrl, researcher.email, researcher.password);
    await page.goto(`${baseUrl}/campaigns/new`);
    await page.getByLabel("Name").fill("Wizard e2e: depth-first");
    await page.getByLabel("Prompt set").selectOption({ label: `${DEMO_PROMPT_SET} v1 (12 prompts)` });

    // Before any model is chosen, no pairs; the budget follows every change.
    const budget = page.getByRole("region", { name: "Budget" });
    await expect.poll(() => budget.getByTestId("budget-pairs").textContent()).toMatch(/^0 = 12 prompts/);
    await page.getByLabel("Subset").selectOption("per-category");
    await page.getByLabel("N", { exact: true }).fill("1");
    // The demo set: 12 prompts in 8 categories, so at most one per category is 8 prompts.
    await expect.poll(() => page.getByTestId("subset-preview").textContent()).toBe("8 of 12 prompts in 8 categories");
    await page.getByRole("checkbox", { name: /^demo-smooth v1 / }).check();
    await page.getByRole("checkbox", { name: /^demo-noisy v1 / }).check();
    await expect
      .poll(() => budget.getByTestId("budget-pairs").textContent())
      .toBe("8 = 8 prompts × 1 seed × 1 model pair");
    // Emu's criteria: 8 × 5 visual appeal + 8 × 3 text faithfulness; 5 distinct annotators per pair.
    expect(await budget.getByTestId("budget-total").textContent()).toMatch(/^64 judgments in 40 assignments/);
    await page.getByLabel("Gold-pair rate").fill("0");
    await page.getByLabel("Per-annotator cap").fill("4");
    await expect.poll(() => budget.getByTestId("budget-annotators").textContent()).toMatch(/^10 at the cap of 4 pairs/);

    await page.getByRole("radio", { name: /Depth-first/ }).check();
    await page.getByLabel("Completion code", { exact: true }).fill("WIZ-E2E");
    await page.getByLabel(/Completion URL/).fill("https://app.prolific.example/submissions/complete");
    await page.getByLabel(/Instructions/).fill("Rate **carefully**.");
    await Promise.all([
      page.waitForURL(/\/campaigns\/(?!new)[^/]+$/),
      page.getByRole("button", { name: "Create draft" }).click(),
    ]);

    // The draft page: the protocol for review, open, above the Launch button's consequences.
    const protocol = page.getByRole("region", { name: "Protocol" });
    expect(await protocol.locator("details").getAttribute("open")).not.toBeNull();
    expect(await protocol.getByTestId("protocol-prompts").textContent()).toMatch(
      /^8 from Demo prompts@1 \(at most 1 per category; sample seed 0\) in 8 categories: /,
    );
    const models = await protocol.getByTestId("protocol-models").textContent();
    expect(models).toContain("demo-smooth@1");
    expect(models).toContain("demo-noisy@1");
    expect(models).toMatch(/— all pairs$/);
    expect(await protocol.getByTestId("protocol-seeds").textContent()).toBe("1 per prompt (seed 0)");
    const criteria = await protocol.getByTestId("protocol-criteria").getByRole("listitem").allTextContents();
    expect(criteria).toHaveLength(2);
    expect(criteria[0]).toMatch(/^visual_appeal: “.+\?” — .*; prompt hidden; 5 judgments per pair$/);
    expect(criteria[1]).toMatch(/^text_faithfulness: “.+\?” — .*; prompt shown; 3 judgments per pair$/);
    expect(await protocol.getByTestId("protocol-gold").textContent()).toBe("none");
    expect(await protocol.getByTestId("protocol-fill-policy").textContent()).toMatch(/^Depth-first: fill each pair/);
    expect(await protocol.getByText("WIZ-E2E").count()).toBe(1);
    expect(await protocol.getByText("https://app.prolific.example/submissions/complete").count()).toBe(1);
    expect(await protocol.locator("strong", { hasText: "carefully" }).count()).toBe(1);
    expect(await protocol.getByTestId("budget-total").textContent()).toMatch(/^64 judgments in 40 assignments/);
    expect(await protocol.getByTestId("budget-annotators").textContent()).toMatch(/^10 at the cap of 4 pairs/);
    expect(await page.getByRole("button", { name: /Launch/ }).isVisible()).toBe(true);

    // The spec file says the same (the wizard posts the spec schema).
    const campaignId = new URL(page.url()).pathname.split("/").pop()!;
    const spec = await (await page.request.get(`${baseUrl}/api/campaigns/${campaignId}/spec`)).json();
    expect(spec).toMatchObject({
      fillPolicy: "depth_first",
      perAnnotatorCap: 4,
      completionCode: "WIZ-E2E",
      completionUrl: "https://app.prolific.example/submissions/complete",
    });
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, signIn } from "./browser";
import { DEMO_USERS } from "../../lib/demo/demo-content";

const baseUrl = inject("baseUrl");
const researcher = DEMO_USERS.find((u) => u.role === "researcher")!;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("registering a model through the form", () => {
  it("each adapter kind shows its own fields with help; an error names its field; the key never comes back", async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000); // a missing field fails by name, well inside the test's time
    await signIn(page, baseUrl, researcher.email, researcher.password);
    await page.goto(`${baseUrl}/models`);
    const form = page.getByRole("form", { name: "Register a model" });
    const suffix = Date.now().toString(36);
    const rows = page.getByRole("row");

    // An HTTP service through its preset: the form asks for the preset, the address, the key.
    await form.getByLabel("Adapter").selectOption("http");
    await form.getByLabel("Name").fill(`e2e-openai-${suffix}`);
    await form.getByLabel(/^preset/).selectOption("openai-images");
    expect(await form.getByText(/A known service: fills the URL path/).isVisible()).toBe(true);
    const url = form.getByLabel(/^url/);
    await url.fill("api.openai.com");
    await form.getByLabel(/^apiKey/).fill("sk-e2e-secret");
    await form.getByLabel(/^model/).fill("gpt-image-1");
    await form.getByRole("button", { name: "Register" }).click();
    // Refused, naming the field, with what was typed still there.
    await expect.poll(() => url.getAttribute("aria-invalid")).toBe("true");
    expect(await form.getByText("must be an http(s) URL", { exact: true }).isVisible()).toBe(true);
    expect(await form.getByLabel(/^model/).inputValue()).toBe("gpt-image-1");

    await url.fill("https://api.openai.com");
    await form.getByRole("button", { name: "Register" }).click();
    await expect.poll(() => form.getByRole("status").textContent()).toBe("Model registered.");
    const openai = rows.filter({ hasText: `e2e-openai-${suffix}` });
    await openai.waitFor();
    expect(await openai.textContent()).toContain("openai-images");
    expect(await openai.textContent()).not.toContain("sk-e2e-secret");

    // Another kind, another set of fields: the demo generator, with a setting from "More settings".
    await form.getByLabel("Adapter").selectOption("onnx-demo");
    expect(await form.getByLabel(/^url/).count()).toBe(0);
    await form.getByLabel("Name").fill(`e2e-demo-${suffix}`);
    await form.getByLabel(/^variant/).selectOption("demo-noisy");
    await form.getByText("More settings").click();
    await form.getByLabel(/^maxBatchSize/).fill("4");
    await form.getByRole("button", { name: "Register" }).click();
    const demo = rows.filter({ hasText: `e2e-demo-${suffix}` });
    await demo.waitFor();
    expect(await demo.textContent()).toContain('"maxBatchSize":4');
    expect(await demo.textContent()).toContain('"variant":"demo-noisy"');
    await page.context().close();
  });
});

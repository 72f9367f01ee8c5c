import { afterAll, beforeAll, describe, it } from "vitest";
import { makeWorld, postJson, refused, type World } from "./support/world";

/** Campaign bodies and ids over HTTP: nothing half-created, foreign ids look like unknown ones. */
let w: World;
beforeAll(async () => {
  w = await makeWorld();
}, 120_000);
afterAll(async () => w?.close());

const campaign = (over: Record<string, unknown> = {}) => ({
  name: "bad input campaign",
  promptSetId: w.promptSetId,
  modelIds: w.modelIds,
  ...over,
});
const create = (body: unknown) => () => postJson(w.researcher, "/api/campaigns", body);

describe("POST /api/campaigns refuses bad campaigns, creating nothing", () => {
  it("missing name", () => refused(w, create({ ...campaign(), name: undefined }), { status: 422, field: "name" }));
  it("modelIds of the wrong type", () =>
    refused(w, create(campaign({ modelIds: "all" })), { status: 422, field: "modelIds" }));
  it("a single model", () =>
    refused(w, create(campaign({ modelIds: [w.modelIds[0]] })), { status: 422, field: "modelIds" }));
  it("the same model twice", () =>
    refused(w, create(campaign({ modelIds: [w.modelIds[0], w.modelIds[0]] })), { status: 422, field: "modelIds" }));
  it("an unknown model id", () =>
    refused(w, create(campaign({ modelIds: [w.modelIds[0], "c0000000000000000000000000"] })), {
      status: 422,
      field: "modelIds",
    }));
  it("an unknown prompt set id", () =>
    refused(w, create(campaign({ promptSetId: "c0000000000000000000000000" })), { status: 422, field: "promptSetId" }));
  it("seedsPerPrompt out of range", () =>
    refused(w, create(campaign({ seedsPerPrompt: 1000 })), { status: 422, field: "seedsPerPrompt" }));
  it("goldRate above the maximum", () =>
    refused(w, create(campaign({ goldRate: 0.9 })), { status: 422, field: "goldRate" }));
  it("a criterion with an invalid choice", () =>
    refused(
      w,
      create(
        campaign({
          criteria: [
            { key: "appeal", question: "Which?", showPrompt: false, choices: ["left", "maybe"], judgmentsPerPair: 3 },
          ],
        }),
      ),
      { status: 422, field: "criteria.0.choices" },
    ));
  it("a criterion without left/right", () =>
    refused(
      w,
      create(
        campaign({
          criteria: [
            { key: "appeal", question: "Which?", showPrompt: false, choices: ["tie", "both"], judgmentsPerPair: 3 },
          ],
        }),
      ),
      { status: 422, field: "criteria" },
    ));
  it("completionUrl that is not a URL", () =>
    refused(w, create(campaign({ completionUrl: "not a url" })), { status: 422, field: "completionUrl" }));
  it("a javascript: completionUrl (shown to annotators as a link)", () =>
    refused(w, create(campaign({ completionUrl: "javascript:alert(document.cookie)" })), {
      status: 422,
      field: "completionUrl",
    }));
  it("PATCH to a javascript: completionUrl", () =>
    refused(
      w,
      () => postJson(w.researcher, `/api/campaigns/${w.campaignId}`, { completionUrl: "javascript:alert(1)" }, "PATCH"),
      { status: 422, field: "completionUrl" },
    ));
  it("leaseSeconds below the minimum", () =>
    refused(w, create(campaign({ leaseSeconds: 1 })), { status: 422, field: "leaseSeconds" }));
  it("a subset that selects no prompts", () =>
    refused(w, create(campaign({ promptIds: ["no-such-prompt"] })), { status: 422, field: /promptIds|subset/ }));
  it("a 10 MB instructions string", () =>
    refused(w, create(campaign({ instructions: "i".repeat(10 * 1024 * 1024) })), {
      status: 413,
      field: /larger than/,
    }));
});

describe("campaign routes refuse unknown and foreign ids and bad actions", () => {
  it("transition with an unknown action", () =>
    refused(w, () => postJson(w.researcher, `/api/campaigns/${w.campaignId}/transition`, { action: "explode" }), {
      status: 422,
      field: "action",
    }));
  it("transition not allowed from the current status", () =>
    refused(w, () => postJson(w.researcher, `/api/campaigns/${w.campaignId}/transition`, { action: "launch" }), {
      status: 409,
      field: "action",
    }));
  it("transition of an unknown campaign", () =>
    refused(
      w,
      () => postJson(w.researcher, "/api/campaigns/c0000000000000000000000000/transition", { action: "pause" }),
      { status: 404, field: null },
    ));
  it("PATCH with a field of the wrong type", () =>
    refused(w, () => postJson(w.researcher, `/api/campaigns/${w.campaignId}`, { instructions: 42 }, "PATCH"), {
      status: 422,
      field: "instructions",
    }));
  it("retry with jobIds of the wrong type", () =>
    refused(w, () => postJson(w.researcher, `/api/campaigns/${w.campaignId}/generation/retry`, { jobIds: "all" }), {
      status: 422,
      field: "jobIds",
    }));
  it("an annotator cannot read a campaign's summary", () =>
    refused(w, () => w.annotatorA.request(`/api/campaigns/${w.campaignId}/summary`), {
      status: 403,
      field: /campaign:read/,
    }));
});

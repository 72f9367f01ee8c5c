import { afterAll, beforeAll, describe, it } from "vitest";
import { makeWorld, postJson, refused, type World } from "./support/world";

/** Query parameters and path ids of the read routes: a 4xx naming the parameter, never a 500. */
let w: World;
beforeAll(async () => {
  w = await makeWorld();
}, 120_000);
afterAll(async () => w?.close());

const get = (path: string) => () => w.researcher.request(path);

describe("prompt listing parameters", () => {
  it("page not a number", () =>
    refused(w, get(`/api/prompt-sets/${w.promptSetId}/prompts?page=abc`), { status: 422, field: "page" }));
  it("pageSize above the maximum", () =>
    refused(w, get(`/api/prompt-sets/${w.promptSetId}/prompts?pageSize=100000`), { status: 422, field: "pageSize" }));
  it("an unknown parameter", () =>
    refused(w, get(`/api/prompt-sets/${w.promptSetId}/prompts?drop=table`), { status: 422, field: "drop" }));
  it("an unknown prompt set", () =>
    refused(w, get("/api/prompt-sets/c0000000000000000000000000/prompts"), { status: 404, field: null }));
  it("preview of a subset spec of the wrong shape", () =>
    refused(w, () => postJson(w.researcher, `/api/prompt-sets/${w.promptSetId}/preview-subset`, { size: "many" }), {
      status: 422,
      field: /size|subset/,
    }));
});

describe("results and report parameters", () => {
  it("results format not json/csv", () =>
    refused(w, get(`/api/campaigns/${w.campaignId}/results?format=xml`), { status: 422, field: "format" }));
  it("report format not offered", () =>
    refused(w, get(`/api/campaigns/${w.campaignId}/report?format=exe`), { status: 422, field: "format" }));
  it("confidence level outside (0.5, 1)", () =>
    refused(w, get(`/api/campaigns/${w.campaignId}/results?level=7`), { status: 422, field: "level" }));
  it("bootstrap rounds of 10^9", () =>
    refused(w, get(`/api/campaigns/${w.campaignId}/results?rounds=1000000000`), { status: 422, field: "rounds" }));
  it("an unknown interval method", () =>
    refused(w, get(`/api/campaigns/${w.campaignId}/results?interval=vibes`), { status: 422, field: "interval" }));
  it("a setting given twice", () =>
    refused(w, get(`/api/campaigns/${w.campaignId}/results?level=0.9&level=0.95`), { status: 422, field: "level" }));
  it("judgments CSV rows not all/analysed", () =>
    refused(w, get(`/api/campaigns/${w.campaignId}/results/judgments?rows=some`), { status: 422, field: "rows" }));
  it("results of an unknown campaign", () =>
    refused(w, get("/api/campaigns/c0000000000000000000000000/results"), { status: 404, field: null }));
  it("an image id that does not belong to the campaign", () =>
    refused(w, get(`/api/campaigns/${w.campaignId}/images/c0000000000000000000000000`), { status: 404, field: null }));
});

import { afterAll, beforeAll, describe, it } from "vitest";
import { makeWorld, postJson, refused, type World } from "./support/world";

/** Model configs over HTTP (POST /api/models): each bad field named, no Model row written. */
let w: World;
beforeAll(async () => {
  w = await makeWorld();
}, 120_000);
afterAll(async () => w?.close());

const name = () => `bad-model-${Math.random().toString(36).slice(2, 8)}`;
const register = (body: unknown) => () => postJson(w.researcher, "/api/models", body);

describe("POST /api/models refuses bad model configs", () => {
  it("missing kind", () => refused(w, register({ name: name(), config: {} }), { status: 422, field: "kind" }));
  it("unknown kind", () =>
    refused(w, register({ name: name(), kind: "dall-e-9", config: {} }), { status: 422, field: "kind" }));
  it("config not an object", () =>
    refused(w, register({ name: name(), kind: "http", config: "http://x" }), { status: 422, field: "config" }));
  it("http: url missing", () =>
    refused(w, register({ name: name(), kind: "http", config: {} }), { status: 422, field: "config.url" }));
  it("http: url not http(s)", () =>
    refused(w, register({ name: name(), kind: "http", config: { url: "file:///etc/passwd" } }), {
      status: 422,
      field: "config.url",
    }));
  it("http: url on loopback or the metadata address (SSRF)", async () => {
    for (const url of ["http://127.0.0.1:5432/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/"])
      await refused(w, register({ name: name(), kind: "http", config: { url, response: { type: "bytes" } } }), {
        status: 422,
        field: "config.url",
      });
  });
  it("import: source outside IMPORT_ROOT", () =>
    refused(w, register({ name: name(), kind: "import", config: { source: "/etc" } }), {
      status: 422,
      field: "config.source",
    }));
  it("onnx-diffusion: model folder outside MODELS_ROOT", () =>
    refused(w, register({ name: name(), kind: "onnx-diffusion", config: { modelDir: "/" } }), {
      status: 422,
      field: "config.modelDir",
    }));
  it("http: headers not strings", () =>
    refused(
      w,
      register({ name: name(), kind: "http", config: { url: "http://127.0.0.1:1/gen", headers: { "x-n": 5 } } }),
      { status: 422, field: "config.headers" },
    ));
  it("onnx-demo: unknown variant", () =>
    refused(w, register({ name: name(), kind: "onnx-demo", config: { variant: "demo-huge" } }), {
      status: 422,
      field: "config.variant",
    }));
  it("import: source missing", () =>
    refused(w, register({ name: name(), kind: "import", config: {} }), { status: 422, field: "config.source" }));
  it("import: maxPixels below the minimum", () =>
    refused(w, register({ name: name(), kind: "import", config: { source: "x", maxPixels: 1 } }), {
      status: 422,
      field: "config.maxPixels",
    }));
  it("name with characters outside the allowed set", () =>
    refused(w, register({ name: "<script>", kind: "onnx-demo", config: { variant: "demo-smooth" } }), {
      status: 422,
      field: "name",
    }));
  it("name of 10 MB", () =>
    refused(
      w,
      register({ name: "m".repeat(10 * 1024 * 1024), kind: "onnx-demo", config: { variant: "demo-smooth" } }),
      { status: 413, field: /larger than/ },
    ));
  it("defaultParams: negative steps", () =>
    refused(
      w,
      register({ name: name(), kind: "onnx-demo", config: { variant: "demo-smooth" }, defaultParams: { steps: -1 } }),
      { status: 422, field: "steps" },
    ));
  it("defaultParams: width of the wrong type", () =>
    refused(
      w,
      register({
        name: name(),
        kind: "onnx-demo",
        config: { variant: "demo-smooth" },
        defaultParams: { width: "wide" },
      }),
      { status: 422, field: "width" },
    ));
  it("an existing name and version", async () => {
    const taken = name();
    const first = await postJson(w.researcher, "/api/models", {
      name: taken,
      kind: "onnx-demo",
      config: { variant: "demo-smooth" },
    });
    if (first.status !== 201) throw new Error(`setup: ${first.status}`);
    await refused(w, register({ name: taken, kind: "onnx-demo", config: { variant: "demo-noisy" } }), {
      status: 409,
      field: "version",
    });
  });
  it("an annotator may not register models", () =>
    refused(
      w,
      () =>
        postJson(w.annotatorA, "/api/models", { name: name(), kind: "onnx-demo", config: { variant: "demo-smooth" } }),
      { status: 403, field: /models:write/ },
    ));
});

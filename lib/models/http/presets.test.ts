import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ModelConfigError } from "../errors";
import { parseAdapterConfig } from "../registry";
import { readJsonPath } from "./json-path";
import { serviceMessage, safeJobId } from "./service-message";

const workflow = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../../tests/fixtures/comfyui/txt2img-api.json"), "utf8"),
);
const parse = (config: Record<string, unknown>) => parseAdapterConfig("http", config);
const issues = (config: Record<string, unknown>) => {
  try {
    parse(config);
  } catch (err) {
    expect(err).toBeInstanceOf(ModelConfigError);
    return (err as ModelConfigError).issues;
  }
  throw new Error("expected a ModelConfigError");
};

describe("http presets", () => {
  it("fill the URL path of a bare server address, and keep a path the config gives", () => {
    expect(
      parse({ preset: "replicate", url: "https://api.replicate.com", model: "black-forest-labs/flux-schnell" }).url,
    ).toBe("https://api.replicate.com/v1/models/black-forest-labs/flux-schnell/predictions");
    expect(parse({ preset: "replicate", url: "https://api.replicate.com", model: "abc123" }).url).toBe(
      "https://api.replicate.com/v1/predictions",
    );
    expect(parse({ preset: "fal-queue", url: "https://queue.fal.run", model: "fal-ai/flux/schnell" }).url).toBe(
      "https://queue.fal.run/fal-ai/flux/schnell",
    );
    expect(parse({ preset: "stability", url: "https://api.stability.ai" }).url).toBe(
      "https://api.stability.ai/v2beta/stable-image/generate/core",
    );
    expect(parse({ preset: "stability", url: "https://api.stability.ai", model: "sd3.5-large" }).url).toMatch(
      /\/generate\/sd3$/,
    );
    expect(parse({ preset: "automatic1111", url: "http://gpu-box.example:7860" }).url).toBe(
      "http://gpu-box.example:7860/sdapi/v1/txt2img",
    );
    expect(parse({ preset: "diffusers", url: "http://gpu-box.example:8000/v2/make" }).url).toBe(
      "http://gpu-box.example:8000/v2/make",
    );
    expect(parse({ preset: "openai-images", url: "https://api.openai.com/v1" }).url).toBe(
      "https://api.openai.com/v1/images/generations",
    );
  });

  it("describe each service's body, auth style, response and job", () => {
    const replicate = parse({ preset: "replicate", url: "https://api.replicate.com", model: "owner/name:5c7d5dc6" });
    expect(replicate.body).toEqual({
      version: "5c7d5dc6",
      input: { prompt: "{prompt}", seed: "{seed}", width: "{width}", height: "{height}" },
    });
    expect(replicate.job).toMatchObject({ statusUrlPath: "urls.get", doneValues: ["succeeded"], errorPath: "error" });
    expect(replicate.response).toEqual({ type: "json-url", path: "output" });
    const fal = parse({ preset: "fal-queue", url: "https://queue.fal.run", model: "fal-ai/flux/dev" });
    expect([fal.auth, fal.job?.resultUrlPath, fal.job?.cancelMethod]).toEqual(["key", "response_url", "PUT"]);
    const stability = parse({ preset: "stability", url: "https://api.stability.ai", model: "sd3.5-large" });
    expect([stability.bodyEncoding, stability.accept, stability.response.type]).toEqual([
      "multipart",
      "image/*",
      "bytes",
    ]);
    expect(stability.body).toMatchObject({ model: "sd3.5-large", aspect_ratio: "{aspect_ratio}" });
    expect(parse({ preset: "automatic1111", url: "http://h:7860" })).toMatchObject({
      auth: "basic",
      response: { type: "json-base64", path: "images.0" },
    });
    expect(parse({ preset: "diffusers", url: "http://h:8000" }).job).toBeUndefined();
  });

  it("let every field be overridden, one job field at a time too", () => {
    const cfg = parse({
      preset: "replicate",
      url: "https://api.replicate.com",
      model: "owner/name",
      auth: "token",
      bodyTemplate: { input: { prompt: "{prompt}", num_inference_steps: "{steps}" } },
      response: { type: "json-url", path: "output.1" },
      job: { pollIntervalMs: 250, timeoutMs: 60_000 },
    });
    expect(cfg.auth).toBe("token");
    expect(cfg.body).toEqual({ input: { prompt: "{prompt}", num_inference_steps: "{steps}" } });
    expect(cfg.response).toEqual({ type: "json-url", path: "output.1" });
    expect(cfg.job).toMatchObject({
      pollIntervalMs: 250,
      timeoutMs: 60_000,
      statusUrlPath: "urls.get",
      statusPath: "status",
    });
    expect(cfg.sendsSeed).toBe(false);
  });

  it("ComfyUI: places the prompt, seed, negative prompt and size in the named nodes", () => {
    const cfg = parse({
      preset: "comfyui",
      url: "http://comfy.example:8188",
      workflow,
      workflowNodes: { prompt: "6", negative: "7", seed: "3", size: "5" },
    });
    const graph = (cfg.body as { prompt: Record<string, { inputs: Record<string, unknown> }> }).prompt;
    expect(graph["6"].inputs.text).toBe("{prompt}");
    expect(graph["7"].inputs.text).toBe("{negative_prompt}");
    expect(graph["3"].inputs).toMatchObject({ seed: "{seed}", steps: 20, cfg: 8 });
    expect(graph["5"].inputs).toMatchObject({ width: "{width}", height: "{height}", batch_size: 1 });
    expect(cfg.url).toBe("http://comfy.example:8188/prompt");
    expect(cfg.response).toEqual({
      type: "json-url",
      path: "{id}.outputs.9.images.0",
      urlTemplate: "/view?filename={filename}&subfolder={subfolder}&type={type}",
    });
    expect(workflow["6"].inputs.text).toBe("beautiful scenery"); // the config's own workflow is not changed
  });

  it("ComfyUI: names the field when the workflow or its nodes do not fit", () => {
    expect(issues({ preset: "comfyui", url: "http://c:8188", workflowNodes: { prompt: "6", seed: "3" } })).toEqual([
      { path: "workflow", message: expect.stringMatching(/required by the comfyui preset/) },
    ]);
    expect(
      issues({ preset: "comfyui", url: "http://c:8188", workflow, workflowNodes: { prompt: "4", seed: "3" } }),
    ).toEqual([{ path: "workflowNodes.prompt", message: 'node "4" has no "text" input (expected a text encoder)' }]);
    expect(
      issues({ preset: "comfyui", url: "http://c:8188", workflow, workflowNodes: { prompt: "6", seed: "12" } }),
    ).toEqual([{ path: "workflowNodes.seed", message: 'the workflow has no node "12" with inputs' }]);
    const twoSaves = { ...workflow, "10": { class_type: "SaveImage", inputs: { images: ["8", 0] } } };
    expect(
      issues({
        preset: "comfyui",
        url: "http://c:8188",
        workflow: twoSaves,
        workflowNodes: { prompt: "6", seed: "3" },
      }),
    ).toEqual([
      { path: "workflowNodes.output", message: "name the output node: the workflow has 2 SaveImage nodes (9, 10)" },
    ]);
  });

  it("a custom job names what it lacks", () => {
    expect(
      issues({
        url: "http://h.example/jobs",
        bodyTemplate: { prompt: "{prompt}" },
        response: { type: "json-url", path: "result.url" },
        job: { statusPath: "state", doneValues: ["done"] },
      }),
    ).toEqual([{ path: "job.statusUrlPath", message: "a job needs statusUrlPath or statusUrlTemplate" }]);
    expect(
      issues({
        url: "http://h.example/jobs",
        bodyTemplate: { prompt: "{prompt}" },
        response: { type: "bytes" },
        job: { statusUrlTemplate: "/jobs/{id}", statusPath: "state", doneValues: ["done"] },
      }),
    ).toEqual([{ path: "job.idPath", message: "{id} is used, so idPath is needed" }]);
    expect(
      issues({
        url: "http://h.example/x",
        bodyTemplate: { p: "{prompt}" },
        response: { type: "bytes" },
        auth: "header",
      }),
    ).toEqual([{ path: "authHeader", message: 'required with auth "header"' }]);
  });
});

describe("job service helpers", () => {
  it("keeps a service's failure message only as clean, short text", () => {
    expect(serviceMessage("CUDA out of memory.\n  Tried to allocate 2 GiB")).toBe(
      "CUDA out of memory. Tried to allocate 2 GiB",
    );
    expect(serviceMessage('<img src=x onerror="alert(1)">')).toBe('img src=x onerror="alert(1)"');
    expect(serviceMessage("x".repeat(1000))).toHaveLength(300);
    expect(serviceMessage({ message: "an object is not a message" })).toBeUndefined();
    expect(serviceMessage(" \u0000 ")).toBeUndefined();
    expect(safeJobId("c0ffee00-0000-4000-8000-000000000001")).toBe("c0ffee00-0000-4000-8000-000000000001");
    expect(safeJobId("../../admin")).toBeUndefined();
    expect(safeJobId("a.b")).toBeUndefined();
  });

  it("reads array elements from the end with negative indices", () => {
    const messages = {
      m: [
        ["execution_start", {}],
        ["execution_error", { exception_message: "boom" }],
      ],
    };
    expect(readJsonPath(messages, "m.-1.1.exception_message")).toEqual({ found: true, value: "boom" });
    expect(readJsonPath(messages, "m.-3")).toMatchObject({ found: false, at: "m.-3" });
  });
});

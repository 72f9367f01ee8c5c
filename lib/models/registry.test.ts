import { describe, expect, it } from "vitest";
import { ModelConfigError } from "./errors";
import { createAdapter, parseAdapterConfig, parseGenerationParams } from "./registry";
import { REDACTED, redactConfig } from "./redact";

function configError(fn: () => unknown): ModelConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ModelConfigError);
    return err as ModelConfigError;
  }
  throw new Error("expected a ModelConfigError");
}

describe("model registry", () => {
  it("creates each adapter kind from a valid config", () => {
    expect(createAdapter("onnx-demo", { variant: "demo-smooth" }).kind).toBe("onnx-demo");
    expect(createAdapter("http", { preset: "openai-images", url: "http://inference.example:8000" }).kind).toBe("http");
    expect(createAdapter("import", { source: "images" }).kind).toBe("import");
  });

  it("names the field path of every invalid field", () => {
    const err = configError(() => createAdapter("http", { url: "ftp://x", retries: { max: -1 }, concurrency: 0 }));
    const paths = err.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["url", "retries.max", "concurrency"]));
    expect(err.message).toMatch(/^invalid http model config: .*retries\.max: /);
    // A URL without a scheme is the url field's error, not a crash in the address check.
    const bare = configError(() => parseAdapterConfig("http", { preset: "openai-images", url: "api.openai.com" }));
    expect(bare.issues).toEqual([{ path: "url", message: "must be an http(s) URL" }]);
  });

  it("reports template and response problems on their fields", () => {
    const err = configError(() => parseAdapterConfig("http", { url: "http://h/x", bodyTemplate: '{"p": "{promt}"}' }));
    expect(err.issues).toEqual(
      expect.arrayContaining([
        { path: "bodyTemplate", message: expect.stringMatching(/unknown placeholder \{promt\}/) },
        { path: "response", message: expect.stringMatching(/required unless a preset/) },
      ]),
    );
  });

  it("validates onnx-demo variant and device", () => {
    const err = configError(() => parseAdapterConfig("onnx-demo", { variant: "demo-fancy", device: "gpu" }));
    expect(err.issues.map((i) => i.path)).toEqual(["variant", "device"]);
    expect(parseAdapterConfig("onnx-demo", { variant: "demo-noisy", device: "cuda:1" }).device).toBe("cuda:1");
  });

  it("rejects unknown kinds clearly and validates onnx-diffusion configs", () => {
    expect(() => createAdapter("dalle", {})).toThrow(/unknown adapter kind "dalle"/);
    // The adapter is created lazily: a missing folder fails at load(), which the worker reports per job.
    // Folders are taken inside MODELS_ROOT (IMPORT_ROOT for imports); tests/security/model-folders has the refusals.
    expect(createAdapter("onnx-diffusion", { modelDir: "m" }, { device: "cuda:1" }).kind).toBe("onnx-diffusion");
    expect(configError(() => createAdapter("onnx-diffusion", {})).issues[0].path).toBe("modelDir");
    expect(
      configError(() => createAdapter("onnx-diffusion", { modelDir: "m", scheduler: "heun" })).issues[0].path,
    ).toBe("scheduler");
  });

  it("defaults generation params and names bad ones", () => {
    expect(parseGenerationParams(undefined)).toEqual({
      steps: 30,
      guidance: 7.5,
      width: 256,
      height: 256,
      negativePrompt: "",
    });
    const err = configError(() => parseGenerationParams({ width: 100, steps: 0 }));
    expect(err.issues.map((i) => i.path).sort()).toEqual(["steps", "width"]);
    expect(err.message).toMatch(/width: must be a multiple of 8/);
  });
});

describe("redactConfig", () => {
  it("hides API keys, header values, URL passwords and secret query parameters, keeping the rest", () => {
    const cfg = {
      url: "https://user:pw@api.example.com/gen?api_key=abc&quality=hd",
      apiKey: "sk-123",
      headers: { Authorization: "Bearer sk-123", "X-Custom": "team-token", "Content-Type": "application/json" },
      nested: { clientSecret: "s", timeoutMs: 5 },
      model: "m",
    };
    const out = redactConfig(cfg);
    expect(out.apiKey).toBe(REDACTED);
    expect(out.headers).toEqual({ Authorization: REDACTED, "X-Custom": REDACTED, "Content-Type": "application/json" });
    expect(out.nested).toEqual({ clientSecret: REDACTED, timeoutMs: 5 });
    expect(out.model).toBe("m");
    expect(out.url).not.toContain("pw");
    expect(out.url).not.toContain("abc");
    expect(out.url).toContain("quality=hd");
    expect(JSON.stringify(out)).not.toMatch(/sk-123|team-token/);
    expect(cfg.apiKey).toBe("sk-123"); // the original is untouched
  });
});

import { describe, expect, it } from "vitest";
import { ADAPTER_CONFIG_SCHEMAS, ADAPTER_KINDS, parseAdapterConfig } from "../models/config";
import { adapterForm, adapterForms, configFromForm } from "./config-form";

const valuesFrom = (entries: Record<string, string | string[]>) => (name: string) => {
  const value = entries[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};

/** The object schema's fields, under any pipe (http's schema resolves presets in a transform). */
const shapeOf = (schema: object): object =>
  "shape" in schema ? (schema.shape as object) : shapeOf((schema as { in: object }).in);

describe("registration form fields, derived from the config schemas", () => {
  it("has a form for every adapter kind, with every schema field, each with help", () => {
    expect(adapterForms().map((f) => f.kind)).toEqual(ADAPTER_KINDS);
    for (const kind of ADAPTER_KINDS) {
      const form = adapterForm(kind);
      expect(form.help, kind).not.toBe("");
      const names = Object.keys(shapeOf(ADAPTER_CONFIG_SCHEMAS[kind]));
      expect(form.fields.map((f) => f.name).sort(), kind).toEqual(names.sort());
      for (const field of form.fields) expect(field.help, `${kind}.${field.name}`).not.toBe("");
    }
  });

  it("reads each field as its type says: choices, numbers with bounds, secrets, JSON, defaults folded away", () => {
    const http = Object.fromEntries(adapterForm("http").fields.map((f) => [f.name, f]));
    expect(http.url).toMatchObject({ input: "text", required: true, tuning: false });
    expect(http.preset.input).toBe("select");
    expect(http.preset.options).toContain("openai-images");
    expect(http.apiKey.secret).toBe(true);
    expect(http.response.input).toBe("json");
    expect(http.bodyTemplate).toMatchObject({ input: "json", acceptsText: true });
    expect(http.concurrency).toMatchObject({ input: "number", integer: true, min: 1, max: 256, defaultValue: "4" });
    expect(http.concurrency.tuning).toBe(true);
    const demo = Object.fromEntries(adapterForm("onnx-demo").fields.map((f) => [f.name, f]));
    expect(demo.variant).toMatchObject({ input: "select", required: true, options: ["demo-smooth", "demo-noisy"] });
    expect(demo.allowSpinning).toMatchObject({ input: "checkbox", defaultValue: "false" });
  });

  it("turns the posted fields into a config the schema accepts, leaving empty ones to their defaults", () => {
    const config = configFromForm(
      "http",
      valuesFrom({
        "config.preset": "openai-images",
        "config.url": " https://api.openai.com ",
        "config.apiKey": "sk-test",
        "config.model": "",
        "config.concurrency": "2",
        "config.headers": '{"X-Team": "eval"}',
      }),
    );
    expect(config).toEqual({
      preset: "openai-images",
      url: "https://api.openai.com",
      apiKey: "sk-test",
      concurrency: 2,
      headers: { "X-Team": "eval" },
    });
    expect(parseAdapterConfig("http", config).concurrency).toBe(2);
    // A checkbox posts a hidden "false" first and, when ticked, "true" after it.
    expect(configFromForm("onnx-demo", valuesFrom({ "config.allowSpinning": ["false", "true"] }))).toEqual({
      allowSpinning: true,
    });
    expect(configFromForm("onnx-demo", valuesFrom({ "config.allowSpinning": ["false"] }))).toEqual({
      allowSpinning: false,
    });
    // A body template may be JSON or text with placeholders.
    expect(configFromForm("http", valuesFrom({ "config.bodyTemplate": '{"p": {prompt}}' })).bodyTemplate).toBe(
      '{"p": {prompt}}',
    );
  });

  it("names the field it cannot read", () => {
    expect(() => configFromForm("http", valuesFrom({ "config.response": "{type: bytes" }))).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ field: "config.response" })] }),
    );
    expect(() => configFromForm("onnx-demo", valuesFrom({ "config.maxBatchSize": "eight" }))).toThrow(
      expect.objectContaining({ issues: [{ field: "config.maxBatchSize", message: "must be a number" }] }),
    );
    expect(configFromForm("no-such-kind", valuesFrom({}))).toEqual({});
  });
});

import { describe, expect, it } from "vitest";
import { aspectRatioOf, parseBodyTemplate, renderBody, templateUses, type TemplateValues } from "./body-template";

const values: TemplateValues = {
  prompt: 'a "quoted" \\ prompt\nwith newline',
  negative_prompt: "",
  seed: 7,
  width: 512,
  height: 256,
  steps: 30,
  guidance: 7.5,
  aspect_ratio: "2:1",
};

describe("body templates", () => {
  it("substitutes typed values for whole placeholders and interpolates inside strings, JSON-safely", () => {
    const parsed = parseBodyTemplate(
      '{"input": {"prompt": "{prompt}", "seed": {seed}, "size": "{width}x{height}", "neg": "{negative_prompt}", "fixed": [1, "{steps}"]}}',
    );
    const body = JSON.parse(renderBody(parsed, values));
    expect(body).toEqual({ input: { prompt: values.prompt, seed: 7, size: "512x256", neg: "", fixed: [1, 30] } });
  });

  it("accepts an object template and leaves braces in keys and non-placeholder text alone", () => {
    const parsed = parseBodyTemplate({ "{prompt}": "x", text: "hello {prompt}!" });
    expect(JSON.parse(renderBody(parsed, { ...values, prompt: "cat" }))).toEqual({
      "{prompt}": "x",
      text: "hello cat!",
    });
  });

  it("rejects unknown placeholders by name and invalid JSON", () => {
    expect(() => parseBodyTemplate('{"p": "{promt}"}')).toThrow(/unknown placeholder \{promt\}/);
    expect(() => parseBodyTemplate('{"p": ')).toThrow(SyntaxError);
  });

  it("picks the accepted aspect ratio nearest to the requested size", () => {
    expect(aspectRatioOf(512, 512)).toBe("1:1");
    expect(aspectRatioOf(1024, 576)).toBe("16:9");
    expect(aspectRatioOf(512, 768)).toBe("2:3");
    expect(aspectRatioOf(64, 32)).toBe("16:9"); // 2:1 lies between 16:9 (1.78) and 21:9 (2.33), nearer 16:9 on a log scale
    expect(aspectRatioOf(8, 1024)).toBe("9:21");
  });

  it("knows whether the seed is sent", () => {
    expect(templateUses(parseBodyTemplate('{"s": {seed}}'), "seed")).toBe(true);
    expect(templateUses(parseBodyTemplate('{"p": "{prompt}"}'), "seed")).toBe(false);
  });
});

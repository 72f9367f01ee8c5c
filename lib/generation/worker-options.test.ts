import { describe, expect, it } from "vitest";
import { claimSize, parseWorkerArgs } from "./worker-options";

describe("worker command line", () => {
  it("has defaults for a CPU worker", () => {
    expect(parseWorkerArgs([])).toEqual({ concurrency: 2, device: "cpu", models: [], batch: undefined });
  });
  it("reads every option in both spellings", () => {
    expect(parseWorkerArgs(["--concurrency", "3", "--device=cuda:1", "--models", "a, b", "--batch", "4"])).toEqual({
      concurrency: 3,
      device: "cuda:1",
      models: ["a", "b"],
      batch: 4,
    });
  });
  it("names the bad option", () => {
    expect(() => parseWorkerArgs(["--device", "gpu"])).toThrow(/--device: cpu or cuda:N/);
    expect(() => parseWorkerArgs(["--gpus", "2"])).toThrow(/unknown option '--gpus'/);
    expect(() => parseWorkerArgs(["--concurrency"])).toThrow(/option '--concurrency <n>' argument missing/);
    expect(() => parseWorkerArgs(["cuda:0"])).toThrow(/too many arguments/);
  });
  it("claims four forward passes of a model unless --batch says otherwise", () => {
    expect(claimSize(undefined, { variant: "demo-smooth", maxBatchSize: 8 })).toBe(32);
    expect(claimSize(undefined, { modelDir: "/m", maxBatchSize: 1 })).toBe(4);
    expect(claimSize(undefined, { maxBatchSize: 40 })).toBe(64);
    expect(claimSize(undefined, { url: "http://x" })).toBe(8);
    expect(claimSize(undefined, null)).toBe(8);
    expect(claimSize(3, { maxBatchSize: 8 })).toBe(3);
  });
});

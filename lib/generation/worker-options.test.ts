import { describe, expect, it } from "vitest";
import { parseWorkerArgs } from "./worker-options";

describe("worker command line", () => {
  it("has defaults for a CPU worker", () => {
    expect(parseWorkerArgs([])).toEqual({ concurrency: 1, device: "cpu", models: [], batch: 8 });
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
    expect(() => parseWorkerArgs(["--gpus", "2"])).toThrow(/Unknown option --gpus/);
    expect(() => parseWorkerArgs(["--concurrency"])).toThrow(/needs a value/);
  });
});

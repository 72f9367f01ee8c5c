import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { GraphKit, INT64 } from "./testing/graph-kit";
import { fixedBatch, inputSpecs, runRows } from "./session-io";

/** y = 2x + t for x [B, 3] and an int64 t [1] (or [B]), optionally in fp16. */
async function doubler(batch: number | string, fp16 = false) {
  const g = new GraphKit("doubler", fp16);
  const x = g.floatInput("x", [batch, 3]);
  const t = g.op("Cast", [g.intInput("t", ["t_len"], INT64)], "t_f", { to: 1 });
  const y = g.op(
    "Add",
    [
      g.op("Mul", [x, g.weight("two", [], 0, new Float32Array([2]))], "x2"),
      g.op("Unsqueeze", [t, g.ints("axis1", [1])], "t_col"),
    ],
    "y_f",
  );
  g.floatOutput("y", y, [batch, 3]);
  return ort.InferenceSession.create(g.encode());
}

describe("runRows", () => {
  it("reads input types and shapes from the session", async () => {
    const session = await doubler(2, true);
    const specs = inputSpecs(session);
    expect(specs.get("x")).toEqual({ name: "x", type: "float16", shape: [2, 3] });
    expect(specs.get("t")).toMatchObject({ type: "int64", shape: ["t_len"] });
    expect(fixedBatch(specs)).toBe(2);
    expect(fixedBatch(inputSpecs(await doubler("batch")))).toBeUndefined();
  });

  it("chunks to a fixed batch, pads the last chunk and drops its padding; converts fp16 both ways", async () => {
    const session = await doubler(2, true);
    const x = { data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), dims: [3, 3] };
    const out = await runRows(session, inputSpecs(session), { x, t: { data: [10, 20, 30], dims: [3] } }, 3, ["y"]);
    expect(out.y.dims).toEqual([3, 3]);
    expect(Array.from(out.y.data)).toEqual([12, 14, 16, 28, 30, 32, 44, 46, 48]);
    const shared = await runRows(session, inputSpecs(session), { x, t: { data: [1], dims: [1] } }, 3, ["y"], ["t"]);
    expect(Array.from(shared.y.data)).toEqual([3, 5, 7, 9, 11, 13, 15, 17, 19]);
  });
});

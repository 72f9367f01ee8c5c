import * as ort from "onnxruntime-node";
import { fromFloat16Array, toFloat16Array } from "./float16";

/** A host-side tensor before it becomes an ort.Tensor of whatever type the graph declares. */
export interface HostTensor {
  data: Float32Array | number[];
  dims: number[];
}

export interface InputSpec {
  name: string;
  type: string;
  shape: readonly (number | string)[];
}

/** Input names, element types and shapes as the session reports them (never assumed). */
export function inputSpecs(session: ort.InferenceSession): Map<string, InputSpec> {
  const specs = new Map<string, InputSpec>();
  session.inputNames.forEach((name, i) => {
    const meta = session.inputMetadata?.[i];
    if (meta && meta.isTensor) specs.set(name, { name, type: meta.type, shape: meta.shape });
    else specs.set(name, { name, type: "float32", shape: [] });
  });
  return specs;
}

/** A fixed leading dimension (e.g. static exports with batch 1) caps how many rows one run takes. */
export function fixedBatch(specs: Map<string, InputSpec>): number | undefined {
  for (const spec of specs.values()) {
    const d = spec.shape[0];
    if (typeof d === "number" && d > 0 && spec.shape.length > 1) return d;
  }
  return undefined;
}

/** Build the ort.Tensor the graph wants: float32 / float16 for floats, int32 / int64 for ids. */
export function toOrtTensor(spec: InputSpec, host: HostTensor): ort.Tensor {
  const { data, dims } = host;
  switch (spec.type) {
    case "float32":
      return new ort.Tensor("float32", data instanceof Float32Array ? data : Float32Array.from(data), dims);
    case "float16":
      return new ort.Tensor("float16", toFloat16Array(data), dims);
    case "float64":
      return new ort.Tensor("float64", Float64Array.from(data), dims);
    case "int32":
      return new ort.Tensor(
        "int32",
        Int32Array.from(data, (v) => Math.trunc(v)),
        dims,
      );
    case "int64":
      // numpy's astype(int64) truncates, which is what diffusers does to fractional timesteps.
      return new ort.Tensor("int64", BigInt64Array.from(Array.from(data, (v) => BigInt(Math.trunc(v)))), dims);
    default:
      throw new Error(
        `input ${spec.name}: element type ${spec.type} is not supported (expected float32, float16, int32 or int64)`,
      );
  }
}

/** Output tensor data as float32 whatever the graph's float type. */
export function floatData(tensor: ort.Tensor, name: string): Float32Array {
  if (tensor.type === "float32") return tensor.data as Float32Array;
  if (tensor.type === "float16") {
    const data = tensor.data as unknown;
    // onnxruntime-node returns float16 as Uint16Array bit patterns (Float16Array where it exists).
    return data instanceof Uint16Array ? fromFloat16Array(data) : Float32Array.from(data as ArrayLike<number>);
  }
  throw new Error(`output ${name}: element type ${tensor.type} is not a float type`);
}

export interface HostOutput {
  data: Float32Array;
  dims: number[];
}

/**
 * Run `session` on row-batched inputs, in chunks of the graph's fixed batch size when it has one
 * (a short last chunk is padded by repeating its last row; the padding's outputs are dropped),
 * and concatenate each requested output along the first axis. Every input in `feeds` must have
 * `rows` as its first dimension, except those listed in `shared` (given whole to every chunk).
 */
export async function runRows(
  session: ort.InferenceSession,
  specs: Map<string, InputSpec>,
  feeds: Record<string, HostTensor>,
  rows: number,
  outputs: string[],
  shared: string[] = [],
): Promise<Record<string, HostOutput>> {
  const chunk = fixedBatch(specs) ?? rows;
  const parts: Record<string, HostOutput[]> = Object.fromEntries(outputs.map((o) => [o, []]));
  for (let start = 0; start < rows; start += chunk) {
    const n = Math.min(chunk, rows - start);
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [name, host] of Object.entries(feeds)) {
      const spec = specs.get(name);
      if (!spec) throw new Error(`graph has no input named ${name} (inputs: ${[...specs.keys()].join(", ")})`);
      ortFeeds[name] = toOrtTensor(
        spec,
        shared.includes(name) || chunk === rows ? host : sliceRows(host, start, n, chunk),
      );
    }
    const result = await session.run(ortFeeds, outputs);
    for (const name of outputs) {
      const t = result[name];
      const data = floatData(t, name);
      const per = data.length / t.dims[0];
      parts[name].push({ data: n < t.dims[0] ? data.slice(0, n * per) : data, dims: [n, ...t.dims.slice(1)] });
    }
    for (const t of Object.values(result)) t.dispose();
  }
  return Object.fromEntries(outputs.map((name) => [name, concatRows(parts[name])]));
}

/** Rows start … start+n−1 of `host`, padded to `size` rows by repeating the last one. */
function sliceRows(host: HostTensor, start: number, n: number, size: number): HostTensor {
  const per = host.data.length / host.dims[0];
  const data = new Float32Array(size * per);
  for (let r = 0; r < size; r++) {
    const from = (start + Math.min(r, n - 1)) * per;
    for (let k = 0; k < per; k++) data[r * per + k] = host.data[from + k];
  }
  return { data, dims: [size, ...host.dims.slice(1)] };
}

function concatRows(list: HostOutput[]): HostOutput {
  if (list.length === 1) return list[0];
  const data = new Float32Array(list.reduce((s, p) => s + p.data.length, 0));
  let offset = 0;
  for (const p of list) {
    data.set(p.data, offset);
    offset += p.data.length;
  }
  return { data, dims: [list.reduce((s, p) => s + p.dims[0], 0), ...list[0].dims.slice(1)] };
}

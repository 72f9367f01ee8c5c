import onnxProto from "onnx-proto";
import { encodeModel, floatInitializer, int64Initializer, node, tensorInput } from "../../onnx/onnx-builder";
import { fillGaussian, seededRandom } from "../../onnx/prng";
import { toFloat16Array } from "../float16";

const { onnx } = onnxProto;
const DT = onnx.TensorProto.DataType;
type Dim = number | string;

/**
 * A tiny graph under construction. In fp16 mode, weights are stored as float16 and float inputs
 * and outputs are float16 — the contract of a real fp16 export — while the arithmetic runs in
 * float32 behind Cast nodes, because onnxruntime's CPU provider lacks fp16 kernels for Conv and
 * friends (real fp16 exports are meant for CUDA).
 */
export class GraphKit {
  readonly nodes: onnxProto.onnx.INodeProto[] = [];
  readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly rand: () => number;

  constructor(
    readonly name: string,
    readonly fp16: boolean,
  ) {
    this.rand = seededRandom(`photogenic/tiny-diffusion/${name}`);
  }

  private get floatType(): number {
    return this.fp16 ? DT.FLOAT16 : DT.FLOAT;
  }

  /** A random weight N(0, scale²) (or the given values), usable as a float32 tensor named `name`. */
  weight(name: string, dims: number[], scale: number, values?: Float32Array): string {
    const data = values ?? fillGaussian(new Float32Array(dims.reduce((a, b) => a * b, 1)), this.rand, scale);
    if (!this.fp16) {
      this.initializers.push(floatInitializer(name, dims, data));
      return name;
    }
    const half = toFloat16Array(data);
    this.initializers.push({ name: `${name}_fp16`, dims, dataType: DT.FLOAT16, rawData: new Uint8Array(half.buffer) });
    this.op("Cast", [`${name}_fp16`], name, { to: DT.FLOAT });
    return name;
  }

  ints(name: string, values: number[]): string {
    this.initializers.push(int64Initializer(name, values));
    return name;
  }

  /** A float graph input; returns the float32 tensor name to compute with. */
  floatInput(name: string, dims: Dim[]): string {
    this.inputs.push(tensorInput(name, dims, this.floatType));
    if (!this.fp16) return name;
    return this.op("Cast", [name], `${name}_f32`, { to: DT.FLOAT });
  }

  intInput(name: string, dims: Dim[], elemType: number): string {
    this.inputs.push(tensorInput(name, dims, elemType));
    return name;
  }

  /** Expose float32 tensor `from` as graph output `name` (cast to float16 in fp16 mode). */
  floatOutput(name: string, from: string, dims: Dim[]): void {
    this.op(this.fp16 ? "Cast" : "Identity", [from], name, this.fp16 ? { to: DT.FLOAT16 } : {});
    this.outputs.push(tensorInput(name, dims, this.floatType));
  }

  op(type: string, inputs: string[], output: string, attrs: Record<string, number | string | number[]> = {}): string {
    this.nodes.push(node(type, inputs, [output], attrs));
    return output;
  }

  encode(): Uint8Array {
    return encodeModel(
      { name: this.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
      `Photogenic tiny random-weight ${this.name} for tests (${this.fp16 ? "fp16" : "fp32"}); same names and shapes as a diffusers ONNX export.`,
    );
  }
}

export const INT32 = DT.INT32;
export const INT64 = DT.INT64;

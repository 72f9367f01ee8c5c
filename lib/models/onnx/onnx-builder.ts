import onnxProto from "onnx-proto";

// onnx-proto is CommonJS; its namespace lives on the default export.
const { onnx } = onnxProto;

/** IR 8 is the newest onnx-proto 8 can encode; opset 17 has Resize without a mandatory roi. */
export const IR_VERSION = 8;
export const OPSET = 17;

type Dim = number | string;

export function tensorInput(
  name: string,
  dims: Dim[],
  elemType = onnx.TensorProto.DataType.FLOAT,
): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === "string" ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

export function floatInitializer(name: string, dims: number[], data: Float32Array): onnxProto.onnx.ITensorProto {
  // raw_data is little-endian; Float32Array is little-endian on every platform Node ships for.
  return {
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

export function int64Initializer(name: string, values: number[]): onnxProto.onnx.ITensorProto {
  return { name, dims: [values.length], dataType: onnx.TensorProto.DataType.INT64, int64Data: values };
}

type AttrValue = number | string | number[];

export function node(
  opType: string,
  input: string[],
  output: string[],
  attrs: Record<string, AttrValue> = {},
): onnxProto.onnx.INodeProto {
  const attribute = Object.entries(attrs).map(([name, v]): onnxProto.onnx.IAttributeProto => {
    const { AttributeType } = onnx.AttributeProto;
    if (typeof v === "string") return { name, type: AttributeType.STRING, s: new TextEncoder().encode(v) };
    if (Array.isArray(v)) return { name, type: AttributeType.INTS, ints: v };
    return Number.isInteger(v) ? { name, type: AttributeType.INT, i: v } : { name, type: AttributeType.FLOAT, f: v };
  });
  return { opType, input, output, name: `${opType}_${output[0]}`, attribute };
}

export function encodeModel(graph: onnxProto.onnx.IGraphProto, docString: string): Uint8Array {
  const model: onnxProto.onnx.IModelProto = {
    irVersion: IR_VERSION,
    opsetImport: [{ domain: "", version: OPSET }],
    producerName: "photogenic",
    docString,
    graph,
  };
  return onnx.ModelProto.encode(model).finish();
}

import { GraphKit, INT32, INT64 } from "./graph-kit";

export const SEQ = 77;

export interface TextEncoderSpec {
  name: string;
  vocabSize: number;
  dim: number;
  fp16: boolean;
  idsType: typeof INT32 | typeof INT64;
  /** SDXL exports list every layer's output as hidden_states.0 … hidden_states.N. */
  hiddenStates: boolean;
  /** CLIPTextModelWithProjection (SDXL's second encoder): text_embeds first. */
  projectionDim?: number;
}

/** input_ids → token + position embeddings → 2 × (MatMul, Tanh) → last_hidden_state, pooled output. */
export function textEncoderGraph(s: TextEncoderSpec): Uint8Array {
  const g = new GraphKit(s.name, s.fp16);
  const ids = g.intInput("input_ids", ["batch", SEQ], s.idsType);
  const h0 = g.op(
    "Add",
    [
      g.op("Gather", [g.weight("token_embedding", [s.vocabSize, s.dim], 1), ids], "tok"),
      g.weight("position_embedding", [SEQ, s.dim], 0.3),
    ],
    "h0",
  );
  const h1 = g.op(
    "Tanh",
    [
      g.op(
        "Add",
        [
          g.op("MatMul", [h0, g.weight("w1", [s.dim, s.dim], 1 / Math.sqrt(s.dim))], "m1"),
          g.weight("b1", [s.dim], 0.1),
        ],
        "a1",
      ),
    ],
    "h1",
  );
  const h2 = g.op("Tanh", [g.op("MatMul", [h1, g.weight("w2", [s.dim, s.dim], 1 / Math.sqrt(s.dim))], "m2")], "h2");
  const pooled = g.op("ReduceMean", [h2], "pooled", { axes: [1], keepdims: 0 });
  const hidden = ["batch", SEQ, s.dim];
  if (s.projectionDim)
    g.floatOutput(
      "text_embeds",
      g.op("MatMul", [pooled, g.weight("projection", [s.dim, s.projectionDim], 1)], "proj"),
      ["batch", s.projectionDim],
    );
  g.floatOutput("last_hidden_state", h2, hidden);
  if (!s.projectionDim) g.floatOutput("pooler_output", pooled, ["batch", s.dim]);
  if (s.hiddenStates) [h0, h1, h2].forEach((h, i) => g.floatOutput(`hidden_states.${i}`, h, hidden));
  return g.encode();
}

export interface UnetSpec {
  fp16: boolean;
  channels: number;
  hiddenDim: number;
  /** SDXL: text_embeds [B, pooledDim] and time_ids [B, 6] inputs. */
  pooledDim?: number;
  timestepType: "int64" | "float";
}

/**
 * sample ─Conv3×3─(+ timestep embedding + pooled text conditioning [+ SDXL added conditioning])
 *   ─Tanh─Conv3×3 → out_sample. Conditioning is MatMul-pooled: mean over tokens, then a projection.
 */
export function unetGraph(s: UnetSpec): Uint8Array {
  const g = new GraphKit(s.pooledDim ? "unet_xl" : "unet", s.fp16);
  const c = s.channels;
  const sample = g.floatInput("sample", ["batch", 4, "height", "width"]);
  const t = s.timestepType === "int64" ? g.intInput("timestep", ["steps"], INT64) : g.floatInput("timestep", ["steps"]);
  const tf = s.timestepType === "int64" ? g.op("Cast", [t], "t_float", { to: 1 }) : t;
  const freqs = new Float32Array(c).map((_, i) => Math.exp(-i / 2) / 50);
  const temb = g.op(
    "Sin",
    [
      g.op(
        "Mul",
        [g.op("Unsqueeze", [tf, g.ints("axis1", [1])], "t_col"), g.weight("freqs", [1, c], 0, freqs)],
        "t_args",
      ),
    ],
    "t_sin",
  );
  const ehs = g.floatInput("encoder_hidden_states", ["batch", SEQ, s.hiddenDim]);
  const ctx = g.op(
    "MatMul",
    [g.op("ReduceMean", [ehs], "ctx_mean", { axes: [1], keepdims: 0 }), g.weight("w_ctx", [s.hiddenDim, c], 3)],
    "ctx",
  );
  const shape = g.ints("cond_shape", [-1, c, 1, 1]);
  let h = g.op("Conv", [sample, g.weight("conv1_w", [c, 4, 3, 3], 0.3), g.weight("conv1_b", [c], 0.1)], "conv1", {
    pads: [1, 1, 1, 1],
    kernel_shape: [3, 3],
  });
  h = g.op("Add", [h, g.op("Reshape", [temb, shape], "temb4")], "h_t");
  h = g.op("Add", [h, g.op("Reshape", [ctx, shape], "ctx4")], "h_c");
  if (s.pooledDim) {
    const te = g.floatInput("text_embeds", ["batch", s.pooledDim]);
    const ids = g.floatInput("time_ids", ["batch", 6]);
    const added = g.op(
      "Concat",
      [te, g.op("Mul", [ids, g.weight("ids_scale", [], 0, new Float32Array([0.01]))], "ids_small")],
      "added",
      { axis: 1 },
    );
    const a = g.op("MatMul", [added, g.weight("w_added", [s.pooledDim + 6, c], 1)], "added_c");
    h = g.op("Add", [h, g.op("Reshape", [a, shape], "added4")], "h_a");
  }
  h = g.op("Tanh", [h], "act");
  const out = g.op("Conv", [h, g.weight("conv2_w", [4, c, 3, 3], 0.3), g.weight("conv2_b", [4], 0.05)], "conv2", {
    pads: [1, 1, 1, 1],
    kernel_shape: [3, 3],
  });
  g.floatOutput("out_sample", out, ["batch", 4, "height", "width"]);
  return g.encode();
}

/** latent_sample ─Conv1×1→RGB─Resize ×8 (linear)─Conv3×3─Tanh → sample in [−1, 1]. */
export function vaeDecoderGraph(fp16: boolean): Uint8Array {
  const g = new GraphKit("vae_decoder", fp16);
  const z = g.floatInput("latent_sample", ["batch", 4, "latent_height", "latent_width"]);
  const rgb = g.op("Conv", [z, g.weight("to_rgb_w", [3, 4, 1, 1], 0.15), g.weight("to_rgb_b", [3], 0.2)], "rgb_low", {
    kernel_shape: [1, 1],
  });
  const up = g.op("Resize", [rgb, "", g.weight("scales", [4], 0, new Float32Array([1, 1, 8, 8]))], "rgb_up", {
    mode: "linear",
  });
  const smooth = g.op(
    "Conv",
    [up, g.weight("smooth_w", [3, 3, 3, 3], 0.2), g.weight("smooth_b", [3], 0)],
    "rgb_smooth",
    { pads: [1, 1, 1, 1], kernel_shape: [3, 3] },
  );
  g.floatOutput("sample", g.op("Tanh", [smooth], "rgb_tanh"), ["batch", 3, "height", "width"]);
  return g.encode();
}

import type * as ort from "onnxruntime-node";
import { inputSpecs, runRows, type HostOutput, type InputSpec } from "./session-io";
import type { ClipTokenizer } from "./tokenizer/clip-tokenizer";

export interface PromptEmbeddings {
  /** [rows, seqLen, dim] */
  hidden: HostOutput;
  /** [rows, pooledDim] — SDXL's `text_embeds` from the second encoder. */
  pooled?: HostOutput;
}

/**
 * One CLIP text encoder with its tokenizer. Which outputs to use is read from the graph:
 * SD 1.x/2.x use `last_hidden_state`; SDXL uses the penultimate layer (`hidden_states.{n−2}` when
 * the export has the hidden states, as optimum's does) and the second encoder's `text_embeds`.
 */
export class PromptEncoder {
  private readonly specs: Map<string, InputSpec>;
  private readonly idsInput: string;
  readonly hiddenOutput: string;
  readonly pooledOutput?: string;

  constructor(
    private readonly session: ort.InferenceSession,
    private readonly tokenizer: ClipTokenizer,
    options: { penultimate: boolean; pooled: boolean; source: string },
  ) {
    this.specs = inputSpecs(session);
    const ids = this.specs.get("input_ids") ?? [...this.specs.values()].find((s) => s.type.startsWith("int"));
    if (!ids)
      throw new Error(`${options.source}: no integer input for token ids (inputs: ${session.inputNames.join(", ")})`);
    this.idsInput = ids.name;
    const seq = ids.shape[1];
    if (typeof seq === "number" && seq !== tokenizer.maxLength) {
      throw new Error(
        `${options.source}: input ${ids.name} takes ${seq} tokens but the tokenizer pads to ${tokenizer.maxLength}`,
      );
    }
    const names = session.outputNames;
    const layers = names
      .map((n) => /^hidden_states\.(\d+)$/.exec(n))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]));
    if (options.penultimate && layers.length >= 2) this.hiddenOutput = `hidden_states.${Math.max(...layers) - 1}`;
    else this.hiddenOutput = names.includes("last_hidden_state") ? "last_hidden_state" : names[0];
    if (options.pooled) {
      this.pooledOutput = names.find((n) => n === "text_embeds") ?? names.find((n) => n === "pooler_output");
      if (!this.pooledOutput)
        throw new Error(
          `${options.source}: SDXL needs pooled embeddings (text_embeds) from the second text encoder; outputs: ${names.join(", ")}`,
        );
    }
  }

  async encode(prompts: string[]): Promise<PromptEmbeddings> {
    const L = this.tokenizer.maxLength;
    const ids = prompts.flatMap((p) => this.tokenizer.encode(p));
    const outputs = [this.hiddenOutput, ...(this.pooledOutput ? [this.pooledOutput] : [])];
    const out = await runRows(
      this.session,
      this.specs,
      { [this.idsInput]: { data: ids, dims: [prompts.length, L] } },
      prompts.length,
      outputs,
    );
    return { hidden: out[this.hiddenOutput], pooled: this.pooledOutput ? out[this.pooledOutput] : undefined };
  }
}

/** SDXL: the two encoders' hidden states side by side ([B, L, D1] ‖ [B, L, D2] → [B, L, D1 + D2]). */
export function concatLastAxis(a: HostOutput, b: HostOutput): HostOutput {
  const [rows, len, d1] = a.dims;
  const d2 = b.dims[2];
  if (b.dims[0] !== rows || b.dims[1] !== len)
    throw new Error(`text encoders disagree on shape: [${a.dims}] vs [${b.dims}]`);
  const data = new Float32Array(rows * len * (d1 + d2));
  for (let r = 0; r < rows * len; r++) {
    data.set(a.data.subarray(r * d1, (r + 1) * d1), r * (d1 + d2));
    data.set(b.data.subarray(r * d2, (r + 1) * d2), r * (d1 + d2) + d1);
  }
  return { data, dims: [rows, len, d1 + d2] };
}

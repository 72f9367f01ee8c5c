import type { InferenceSession } from "onnxruntime-node";
import { z } from "zod";

/** `cpu`, or `cuda:N` for the N-th GPU (one worker process per GPU). */
export const deviceSchema = z
  .string()
  .regex(/^(cpu|cuda:\d+)$/, { message: "must be 'cpu' or 'cuda:N' (e.g. cuda:0)" })
  .default("cpu")
  .describe("cpu, or cuda:N for the N-th GPU; a worker started with --device overrides it");

export type Device = z.infer<typeof deviceSchema>;

/** onnxruntime's intra-op threads, for every onnx adapter's config. */
export const intraOpNumThreadsSchema = z
  .number()
  .int()
  .min(0)
  .max(256)
  .default(0)
  .describe("onnxruntime threads; 0 lets onnxruntime pick (one per physical core)");

export function executionProvidersFor(device: Device): InferenceSession.ExecutionProviderConfig[] {
  if (device === "cpu") return ["cpu"];
  const deviceId = Number(device.slice("cuda:".length));
  return [{ name: "cuda", deviceId }];
}

/**
 * onnxruntime-node ships only the CPU provider; the CUDA provider is an add-on its install script
 * downloads. When it is missing, session creation fails with a long native message — turn that
 * into an instruction an operator can act on. We never fall back to CPU silently: a "GPU" worker
 * that quietly runs on CPU would ruin throughput estimates.
 */
export function cudaUnavailableError(device: Device, cause: unknown): Error {
  const raw = cause instanceof Error ? cause.message : String(cause);
  const firstLine = raw
    // eslint-disable-next-line no-control-regex -- strips terminal colour codes
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")[0]
    .slice(0, 300);
  return new Error(
    `device ${device} requested but onnxruntime-node's CUDA execution provider could not be loaded. ` +
      `Install onnxruntime-node with ONNXRUNTIME_NODE_INSTALL=cuda12 on a host with CUDA 12 and cuDNN 9, ` +
      `or run with --device cpu. Cause: ${firstLine}`,
    { cause },
  );
}

/**
 * Whether onnxruntime's CPU thread pools spin while waiting for work (session config keys
 * `session.intra_op.allow_spinning` / `session.inter_op.allow_spinning`, onnxruntime's
 * onnxruntime_session_options_config_keys.h). Spinning shortens back-to-back runs but burns the
 * cores whenever the process does anything else between runs.
 */
export function spinningOptions(allow: boolean): Pick<InferenceSession.SessionOptions, "extra"> {
  const value = allow ? "1" : "0";
  return { extra: { session: { intra_op: { allow_spinning: value }, inter_op: { allow_spinning: value } } } };
}

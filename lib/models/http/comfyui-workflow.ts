import { z } from "zod";
import { PresetError } from "./preset-error";

/** Node ids of a ComfyUI workflow (API format) that Photogenic fills or reads. */
export const comfyNodesSchema = z.object({
  /** A CLIPTextEncode-like node: its `inputs.text` becomes the prompt. */
  prompt: z.string().min(1),
  /** A sampler (KSampler: `inputs.seed`; KSamplerAdvanced, RandomNoise: `inputs.noise_seed`). */
  seed: z.string().min(1),
  /** Optional: its `inputs.text` becomes the negative prompt. */
  negative: z.string().min(1).optional(),
  /** Optional: an EmptyLatentImage-like node whose `inputs.width`/`height` get the requested size. */
  size: z.string().min(1).optional(),
  /** The node whose images are the result; defaults to the workflow's only SaveImage node. */
  output: z.string().min(1).optional(),
});
export type ComfyNodes = z.infer<typeof comfyNodesSchema>;

type WorkflowNode = { class_type?: unknown; inputs?: Record<string, unknown> };

/**
 * A copy of the workflow with `{prompt}`, `{seed}` (and `{negative_prompt}`, `{width}`,
 * `{height}`) in the named nodes, ready to be a body template; and the output node's id. Every
 * other input is left as the researcher saved it (steps, cfg, sampler, checkpoint).
 */
export function comfyWorkflowTemplate(
  workflow: Record<string, unknown>,
  nodes: ComfyNodes,
): { template: Record<string, unknown>; outputNode: string } {
  const copy = structuredClone(workflow) as Record<string, WorkflowNode>;
  const node = (role: keyof ComfyNodes, id: string): Record<string, unknown> => {
    const found = copy[id];
    if (!found || typeof found !== "object" || !found.inputs || typeof found.inputs !== "object")
      throw new PresetError(`workflowNodes.${role}`, `the workflow has no node "${id}" with inputs`);
    return found.inputs;
  };
  const text = (role: "prompt" | "negative", id: string, placeholder: string) => {
    const inputs = node(role, id);
    if (!("text" in inputs))
      throw new PresetError(`workflowNodes.${role}`, `node "${id}" has no "text" input (expected a text encoder)`);
    inputs.text = placeholder;
  };
  text("prompt", nodes.prompt, "{prompt}");
  if (nodes.negative) text("negative", nodes.negative, "{negative_prompt}");
  const sampler = node("seed", nodes.seed);
  const seedInput = ["seed", "noise_seed"].find((k) => k in sampler);
  if (!seedInput)
    throw new PresetError("workflowNodes.seed", `node "${nodes.seed}" has no "seed" or "noise_seed" input`);
  sampler[seedInput] = "{seed}";
  if (nodes.size) {
    const latent = node("size", nodes.size);
    if (!("width" in latent && "height" in latent))
      throw new PresetError("workflowNodes.size", `node "${nodes.size}" has no "width" and "height" inputs`);
    latent.width = "{width}";
    latent.height = "{height}";
  }
  const outputNode = nodes.output ?? onlySaveImageNode(copy);
  node("output", outputNode);
  if (!/^[\w-]+$/.test(outputNode))
    throw new PresetError("workflowNodes.output", "node ids may hold letters, digits, _ and - only");
  return { template: copy, outputNode };
}

function onlySaveImageNode(workflow: Record<string, WorkflowNode>): string {
  const saves = Object.entries(workflow).filter(([, n]) => n && n.class_type === "SaveImage");
  if (saves.length !== 1)
    throw new PresetError(
      "workflowNodes.output",
      `name the output node: the workflow has ${saves.length} SaveImage nodes${saves.length ? ` (${saves.map(([id]) => id).join(", ")})` : ""}`,
    );
  return saves[0][0];
}

import { comfyWorkflowTemplate, type ComfyNodes } from "./comfyui-workflow";
import { PresetError } from "./preset-error";
import type { AuthStyle, BodyEncoding, JobInput, ResponseSpec } from "./config";

/**
 * The services researchers use, each described by its documented request and response shape
 * (docs/MODELS.md has a worked example of each). A preset fills what the config leaves out: the
 * URL path (when the URL is a bare server address), the body, how the key is sent, the accepted
 * content types, the response handling and, for services that take jobs, how to poll them.
 */
export const HTTP_PRESETS = [
  "openai-images",
  "replicate",
  "fal-queue",
  "stability",
  "automatic1111",
  "comfyui",
  "diffusers",
] as const;
export type HttpPreset = (typeof HTTP_PRESETS)[number];

export interface PresetDefaults {
  /** Path set on the URL when it has none (`https://api.replicate.com` → `…/v1/predictions`). */
  path?: string;
  /** Set even when the URL has a path, at its end (OpenAI: `…/v1` → `…/v1/images/generations`). */
  forcePathSuffix?: boolean;
  body?: unknown;
  bodyEncoding?: BodyEncoding;
  accept?: string;
  auth?: AuthStyle;
  response?: ResponseSpec;
  job?: JobInput;
}

/** What a preset needs from the config to fill its defaults. */
export interface PresetInput {
  model?: string;
  workflow?: Record<string, unknown>;
  workflowNodes?: ComfyNodes;
}

/** `/v1/images/generations` of OpenAI and the many servers that copy its API. */
export const OPENAI_IMAGES_PATH = "/v1/images/generations";

export function presetDefaults(preset: HttpPreset, cfg: PresetInput): PresetDefaults {
  switch (preset) {
    case "openai-images":
      // No "seed": OpenAI rejects unknown parameters. Servers that accept one can override the template.
      return {
        path: OPENAI_IMAGES_PATH,
        forcePathSuffix: true,
        body: {
          ...(cfg.model ? { model: cfg.model } : {}),
          prompt: "{prompt}",
          n: 1,
          size: "{width}x{height}",
          response_format: "b64_json",
        },
        response: { type: "json-base64", path: "data.0.b64_json" },
      };
    case "replicate":
      return replicate(cfg.model);
    case "fal-queue":
      return {
        path: cfg.model ? `/${cfg.model.replace(/^\/+/, "")}` : undefined,
        auth: "key",
        body: {
          prompt: "{prompt}",
          seed: "{seed}",
          image_size: { width: "{width}", height: "{height}" },
          num_images: 1,
        },
        response: { type: "json-url", path: "images.0.url" },
        job: {
          statusUrlPath: "status_url",
          statusPath: "status",
          doneValues: ["COMPLETED"],
          failedValues: ["FAILED", "CANCELED", "CANCELLED"],
          runningValues: ["IN_PROGRESS"],
          // A request that failed is COMPLETED with an error (and error_type) beside its status.
          errorPath: "error",
          resultUrlPath: "response_url",
          cancelUrlPath: "cancel_url",
          cancelMethod: "PUT",
          timings: { generationSecondsPath: "metrics.inference_time" },
        },
      };
    case "stability": {
      const model = cfg.model ?? "core";
      const sd3 = model.startsWith("sd3");
      return {
        path: `/v2beta/stable-image/generate/${sd3 ? "sd3" : model}`,
        bodyEncoding: "multipart",
        accept: "image/*",
        body: {
          prompt: "{prompt}",
          negative_prompt: "{negative_prompt}",
          seed: "{seed}",
          aspect_ratio: "{aspect_ratio}",
          output_format: "png",
          ...(sd3 ? { model } : {}),
        },
        response: { type: "bytes" },
      };
    }
    case "automatic1111":
      return {
        path: "/sdapi/v1/txt2img",
        auth: "basic",
        body: {
          prompt: "{prompt}",
          negative_prompt: "{negative_prompt}",
          seed: "{seed}",
          width: "{width}",
          height: "{height}",
          steps: "{steps}",
          cfg_scale: "{guidance}",
          batch_size: 1,
          n_iter: 1,
        },
        response: { type: "json-base64", path: "images.0" },
      };
    case "comfyui":
      return comfyui(cfg);
    case "diffusers":
      return {
        path: "/generate",
        accept: "image/png, image/*",
        body: {
          prompt: "{prompt}",
          negative_prompt: "{negative_prompt}",
          seed: "{seed}",
          width: "{width}",
          height: "{height}",
          num_inference_steps: "{steps}",
          guidance_scale: "{guidance}",
        },
        response: { type: "bytes" },
      };
  }
}

/**
 * Replicate predictions: `owner/name` (an official model) posts `{input}` to
 * `/v1/models/owner/name/predictions`; a version id (or `owner/name:version`) posts
 * `{version, input}` to `/v1/predictions`. The prediction is polled at `urls.get` until
 * succeeded, failed or canceled; `output` is a URL or a list of URLs.
 */
function replicate(model: string | undefined): PresetDefaults {
  const input = { prompt: "{prompt}", seed: "{seed}", width: "{width}", height: "{height}" };
  const version = model?.includes(":") ? model.slice(model.indexOf(":") + 1) : model;
  const official = model !== undefined && model.includes("/") && !model.includes(":");
  return {
    path: official ? `/v1/models/${model}/predictions` : "/v1/predictions",
    body: official || !version ? { input } : { version, input },
    response: { type: "json-url", path: "output" },
    job: {
      statusUrlPath: "urls.get",
      statusPath: "status",
      doneValues: ["succeeded"],
      failedValues: ["failed", "canceled"],
      runningValues: ["processing"],
      errorPath: "error",
      cancelUrlPath: "urls.cancel",
      cancelMethod: "POST",
      timings: {
        generationSecondsPath: "metrics.predict_time",
        createdAtPath: "created_at",
        startedAtPath: "started_at",
        completedAtPath: "completed_at",
      },
    },
  };
}

/**
 * ComfyUI: the workflow (API format, "Save (API)") is posted to `/prompt` with the prompt and
 * seed placed in the nodes named by `workflowNodes`; `/history/{prompt_id}` is empty until the
 * run ends, then holds its status and the output node's images, fetched from `/view`.
 */
function comfyui(cfg: PresetInput): PresetDefaults {
  if (!cfg.workflow) throw new PresetError("workflow", "required by the comfyui preset (the workflow in API format)");
  if (!cfg.workflowNodes)
    throw new PresetError(
      "workflowNodes",
      'required by the comfyui preset: {"prompt": "<node id>", "seed": "<node id>"}',
    );
  const { template, outputNode } = comfyWorkflowTemplate(cfg.workflow, cfg.workflowNodes);
  return {
    path: "/prompt",
    body: { prompt: template, client_id: "photogenic" },
    response: {
      type: "json-url",
      path: `{id}.outputs.${outputNode}.images.0`,
      urlTemplate: "/view?filename={filename}&subfolder={subfolder}&type={type}",
    },
    job: {
      idPath: "prompt_id",
      statusUrlTemplate: "/history/{id}",
      statusPath: "{id}.status.status_str",
      doneValues: ["success"],
      failedValues: ["error"],
      // The last status message of a failed run is ["execution_error", {exception_message, …}].
      errorPath: "{id}.status.messages.-1.1.exception_message",
    },
  };
}

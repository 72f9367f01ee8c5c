import type * as ort from "onnxruntime-node";
import { inputSpecs, type InputSpec } from "./session-io";

const KNOWN = ["sample", "timestep", "encoder_hidden_states", "text_embeds", "time_ids", "timestep_cond"] as const;

/** The UNet's inputs as the graph declares them; SDXL is recognised by text_embeds + time_ids. */
export interface UnetIo {
  specs: Map<string, InputSpec>;
  sample: InputSpec;
  timestep: InputSpec;
  hidden: InputSpec;
  textEmbeds?: InputSpec;
  timeIds?: InputSpec;
  timestepCond?: InputSpec;
  output: string;
  latentChannels: number;
  xl: boolean;
}

export function readUnetIo(session: ort.InferenceSession, source: string): UnetIo {
  const specs = inputSpecs(session);
  const unknown = [...specs.keys()].filter((n) => !(KNOWN as readonly string[]).includes(n));
  if (unknown.length)
    throw new Error(
      `${source}: unexpected UNet inputs ${unknown.join(", ")} (a diffusers export has ${KNOWN.join(", ")})`,
    );
  const need = (name: string) => {
    const spec = specs.get(name);
    if (!spec) throw new Error(`${source}: UNet input ${name} is missing (inputs: ${[...specs.keys()].join(", ")})`);
    return spec;
  };
  const sample = need("sample");
  const textEmbeds = specs.get("text_embeds");
  const timeIds = specs.get("time_ids");
  if (!!textEmbeds !== !!timeIds) throw new Error(`${source}: an SDXL UNet has both text_embeds and time_ids inputs`);
  const timeIdsWidth = timeIds?.shape[1];
  if (typeof timeIdsWidth === "number" && timeIdsWidth !== 6) {
    throw new Error(
      `${source}: time_ids takes ${timeIdsWidth} values; only the SDXL base layout (6: size, crop, target size) is supported`,
    );
  }
  const channels = sample.shape[1];
  return {
    specs,
    sample,
    timestep: need("timestep"),
    hidden: need("encoder_hidden_states"),
    textEmbeds,
    timeIds,
    timestepCond: specs.get("timestep_cond"),
    output: session.outputNames.includes("out_sample") ? "out_sample" : session.outputNames[0],
    latentChannels: typeof channels === "number" ? channels : 4,
    xl: !!textEmbeds,
  };
}

/** Static exports fix the latent size: say which image size they were exported for. */
export function checkLatentSize(io: UnetIo, h: number, w: number, vaeScale: number, source: string): void {
  const [, , sh, sw] = io.sample.shape;
  if ((typeof sh === "number" && sh !== h) || (typeof sw === "number" && sw !== w)) {
    throw new Error(
      `${source}: the UNet was exported for ${Number(sw) * vaeScale}×${Number(sh) * vaeScale} images (latents ${sw}×${sh}); asked for ${w * vaeScale}×${h * vaeScale}`,
    );
  }
}

import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { withDatabase } from "./with-database";

export function registerModelCommands(program: Command): void {
  const models = program.command("models").description("Candidate models");
  models
    .command("add <name>")
    .description("Register a model: --kind onnx-demo|http|import|onnx-diffusion --config JSON-or-@file")
    .requiredOption("--kind <kind>", "adapter kind")
    .requiredOption("--config <json>", "adapter config as JSON, or @path/to/config.json")
    .option("--version <version>", "model version", "1")
    .option("--params <json>", "default generation parameters as JSON (steps, guidance, width, height, negativePrompt)")
    .action((name: string, opts: { kind: string; config: string; version: string; params?: string }) =>
      withDatabase(async () => {
        const { registerModel } = await import("../../lib/model-registry/register-model");
        const { id } = await registerModel(null, {
          name,
          version: opts.version,
          kind: opts.kind,
          config: readJsonOption("--config", opts.config),
          defaultParams: opts.params ? readJsonOption("--params", opts.params) : undefined,
        });
        console.log(`Registered ${name} (version ${opts.version}) as ${id}`);
      }),
    );
  models
    .command("list")
    .description("List registered models")
    .action(() =>
      withDatabase(async () => {
        const { listModels } = await import("../../lib/model-registry/list-models");
        const { imagesText } = await import("../../lib/campaigns/count-labels");
        const rows = await listModels();
        if (rows.length === 0) return console.log("No models registered.");
        for (const m of rows)
          console.log(
            `${m.id}  ${m.name.padEnd(24)} v${m.version.padEnd(6)} ${m.kind.padEnd(14)} images: ${imagesText(m.images)}`,
          );
      }),
    );
  models
    .command("show <model>")
    .description("Show one model (id or name); secrets are redacted")
    .action((model: string) =>
      withDatabase(async () => {
        const { showModel } = await import("../../lib/model-registry/list-models");
        console.log(JSON.stringify(await showModel(model), null, 2));
      }),
    );
  models
    .command("test <model>")
    .description(
      "Generate one image with a model (id or name) through its adapter; print timing and size, or its error",
    )
    .option("--prompt <text>", "the prompt")
    .option("--seed <n>", "the seed", "0")
    .action((model: string, opts: { prompt?: string; seed: string }) =>
      withDatabase(async () => {
        const seed = Number(opts.seed);
        if (!Number.isSafeInteger(seed) || seed < 0) throw new Error("--seed: a non-negative integer");
        const { tryModel } = await import("../../lib/model-registry/try-model");
        const t = await tryModel(model, opts.prompt, seed);
        const seconds = (ms: number | null) => (ms === null ? "not reported" : `${(ms / 1000).toFixed(2)} s`);
        console.log(`${t.model} v${t.version} (${t.kind}, ${t.modelVersion})`);
        console.log(`  image       ${t.width}×${t.height}, ${t.bytes} bytes PNG`);
        console.log(`  time        ${seconds(t.latencyMs)}`);
        console.log(`  queue       ${seconds(t.queueMs)}`);
        console.log(`  generation  ${seconds(t.generationMs)}`);
      }),
    );
}

function readJsonOption(flag: string, value: string): Record<string, unknown> {
  const text = value.startsWith("@") ? readFileSync(value.slice(1), "utf8") : value;
  try {
    const parsed = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new Error("expected a JSON object");
    return parsed;
  } catch (error) {
    throw new Error(`${flag}: not a JSON object (${(error as Error).message})`);
  }
}

import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildDemoGraph } from "./graph";
import { DEMO_BUILDER_VERSION, DEMO_VARIANT_SPECS, type DemoVariant } from "./variants";

export interface BuiltDemoModel {
  variant: DemoVariant;
  modelPath: string;
  bytes: Uint8Array;
  sha256: string;
  builderVersion: number;
}

interface BuildStamp {
  builderVersion: number;
  sha256: string;
}

/** `.data/models` relative to the working directory: where `npm run demo` and workers start. */
export function defaultModelsDir(): string {
  return path.resolve(process.cwd(), ".data", "models");
}

export function demoModelPath(variant: DemoVariant, modelsDir = defaultModelsDir()): string {
  return path.join(modelsDir, variant, "model.onnx");
}

/**
 * Return the variant's model file, building it first when it is missing, corrupt or from an older
 * recipe. The graph is never committed (weights are regenerated bit-for-bit from a seed). Writes
 * go to a unique temp file then rename, so two workers building at once never see half a file.
 */
export async function ensureDemoModel(variant: DemoVariant, modelsDir = defaultModelsDir()): Promise<BuiltDemoModel> {
  const modelPath = demoModelPath(variant, modelsDir);
  const stampPath = path.join(path.dirname(modelPath), "build.json");
  try {
    const stamp = JSON.parse(await readFile(stampPath, "utf8")) as BuildStamp;
    const bytes = new Uint8Array(await readFile(modelPath));
    const sha256 = sha256Hex(bytes);
    if (stamp.builderVersion === DEMO_BUILDER_VERSION && stamp.sha256 === sha256) {
      return { variant, modelPath, bytes, sha256, builderVersion: DEMO_BUILDER_VERSION };
    }
  } catch {
    // Missing or unreadable: (re)build below.
  }
  return buildDemoModel(variant, modelsDir);
}

export async function buildDemoModel(variant: DemoVariant, modelsDir = defaultModelsDir()): Promise<BuiltDemoModel> {
  const modelPath = demoModelPath(variant, modelsDir);
  const dir = path.dirname(modelPath);
  await mkdir(dir, { recursive: true });
  const bytes = buildDemoGraph(DEMO_VARIANT_SPECS[variant]);
  const sha256 = sha256Hex(bytes);
  const stamp: BuildStamp = { builderVersion: DEMO_BUILDER_VERSION, sha256 };
  await atomicWrite(modelPath, bytes);
  await atomicWrite(path.join(dir, "build.json"), JSON.stringify(stamp, null, 2) + "\n");
  return { variant, modelPath, bytes, sha256, builderVersion: DEMO_BUILDER_VERSION };
}

async function atomicWrite(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

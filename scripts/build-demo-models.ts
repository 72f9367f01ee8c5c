/**
 * Build the built-in demo ONNX models into `.data/models/<variant>/model.onnx`.
 * Adapters build them on first use anyway; run this at install time or to force a rebuild:
 *   npx tsx scripts/build-demo-models.ts [--force] [--models-dir DIR]
 */
import { buildDemoModel, defaultModelsDir, ensureDemoModel } from "../lib/models/onnx-demo/build";
import { DEMO_VARIANTS } from "../lib/models/onnx-demo/variants";

const args = process.argv.slice(2);
const force = args.includes("--force");
const dirIndex = args.indexOf("--models-dir");
const modelsDir = dirIndex >= 0 ? args[dirIndex + 1] : defaultModelsDir();
if (dirIndex >= 0 && !modelsDir) {
  console.error("--models-dir needs a directory");
  process.exit(2);
}

for (const variant of DEMO_VARIANTS) {
  const built = force ? await buildDemoModel(variant, modelsDir) : await ensureDemoModel(variant, modelsDir);
  console.log(
    `${variant}: ${built.modelPath} (${(built.bytes.length / 1024).toFixed(0)} KiB, sha256 ${built.sha256.slice(0, 12)})`,
  );
}

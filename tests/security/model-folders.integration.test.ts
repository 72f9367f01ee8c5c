import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { env, setEnv } from "../../lib/env";
import { AppError } from "../../lib/errors";
import { checkImportModels } from "../../lib/generation/check-import-models";
import { registerModel } from "../../lib/model-registry/register-model";
import { createCampaign } from "../../lib/campaigns/create-campaign";
import { makeDemoModel, makePromptSet, makeUser, uid } from "../support/factories";

/**
 * Folders named in model configs are server paths chosen by any researcher: an `import` source
 * is listed and read at launch, an onnx model folder is read (or written, for onnx-demo builds).
 * They must stay inside IMPORT_ROOT / MODELS_ROOT (symbolic links that leave them included),
 * never reach the image store, and errors must not list or name files outside the roots.
 */
let importRoot: string;
let modelsRoot: string;
let outside: string;

beforeAll(async () => {
  const base = mkdtempSync(path.join(tmpdir(), "photogenic-roots-"));
  importRoot = path.join(base, "imports");
  modelsRoot = path.join(base, "models");
  outside = path.join(base, "elsewhere");
  for (const dir of [importRoot, modelsRoot, outside]) mkdirSync(dir, { recursive: true });
  setEnv("IMPORT_ROOT", importRoot);
  setEnv("MODELS_ROOT", modelsRoot);
  // Another researcher's files, outside the roots: one image, one private note.
  writeFileSync(
    path.join(outside, "p0.png"),
    await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
      .png()
      .toBuffer(),
  );
  writeFileSync(path.join(outside, "private-notes.txt"), "secret");
  symlinkSync(outside, path.join(importRoot, "escape"));
  symlinkSync(outside, path.join(modelsRoot, "escape"));
});

async function refusal(kind: string, config: Record<string, unknown>): Promise<AppError> {
  const owner = await makeUser("researcher");
  const error = await registerModel(owner.id, { name: uid("folder-"), kind, config }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `registered ${kind} ${JSON.stringify(config)}`).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("model folders stay inside their roots", () => {
  it("registration refuses import sources outside IMPORT_ROOT, through a symlink, or in the image store", async () => {
    for (const source of [
      "/etc",
      outside,
      path.join(importRoot, "../elsewhere"),
      path.join(importRoot, "escape"),
      "escape/manifest.csv",
      path.resolve(env.DATA_DIR, "images"),
    ]) {
      const error = await refusal("import", { source });
      expect(
        error.issues.map((i) => i.field),
        source,
      ).toContain("config.source");
      expect(JSON.stringify(error)).not.toContain("private-notes");
    }
  });

  it("registration refuses onnx model folders outside MODELS_ROOT", async () => {
    for (const modelDir of ["/etc", outside, path.join(modelsRoot, "escape"), "../elsewhere"])
      expect((await refusal("onnx-diffusion", { modelDir })).issues.map((i) => i.field)).toContain("config.modelDir");
    for (const modelsDir of ["/tmp", outside, path.join(modelsRoot, "escape")])
      expect((await refusal("onnx-demo", { variant: "demo-smooth", modelsDir })).issues.map((i) => i.field)).toContain(
        "config.modelsDir",
      );
  });

  async function launchIssues(source: string): Promise<string> {
    const owner = await makeUser("researcher");
    const set = await makePromptSet(2);
    // Written straight to the table: a model registered before the roots existed.
    const model = await db.model.create({
      data: { name: uid("legacy-import-"), adapterKind: "import", config: { source } },
    });
    const demo = await makeDemoModel();
    const { id } = await createCampaign(owner.id, {
      name: uid("c-"),
      promptSetId: set.id,
      modelIds: [model.id, demo.id],
    });
    const error = await checkImportModels(id).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, source).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(422);
    return JSON.stringify({ message: (error as AppError).message, issues: (error as AppError).issues });
  }

  it("the launch check of a model stored with an outside source lists nothing there", async () => {
    for (const source of [outside, "/etc", path.join(importRoot, "escape")]) {
      const text = await launchIssues(source);
      expect(text).not.toContain("private-notes");
      expect(text).not.toContain("p0.png");
      expect(text).toMatch(/IMPORT_ROOT/);
    }
  });

  it("a manifest inside the root cannot reach files outside it, and cannot tell whether they exist", async () => {
    const manifest = (file: string) => {
      const name = path.join(importRoot, `${uid("manifest-")}.csv`);
      writeFileSync(name, `prompt_id,seed,file\np0,0,${file}\n`);
      return name;
    };
    const strip = (text: string) => text.replace(/manifest-[0-9a-f]+/g, "M").replace(/legacy-import-[0-9a-f]+/g, "L");
    // Through the symbolic link inside the root: an image that exists, and a file that does not.
    const existing = await launchIssues(manifest("escape/p0.png"));
    const missing = await launchIssues(manifest("escape/no-such-file.png"));
    for (const text of [existing, missing]) {
      expect(text).toMatch(/:2","message":"the file is outside IMPORT_ROOT/);
      expect(text).not.toMatch(/not found|does not decode|ENOENT/);
    }
    expect(strip(existing)).toBe(strip(missing).replace("no-such-file", "p0"));
    // Written paths that leave the folder are refused by the manifest reader before any file is looked at.
    const absolute = await launchIssues(manifest(path.join(outside, "p0.png")));
    expect(absolute).toMatch(/must be relative to the manifest/);
  });
});

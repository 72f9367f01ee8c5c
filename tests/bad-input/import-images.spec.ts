import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorld, postJson, refused, type World } from "./support/world";
import {
  decompressionBombPng,
  garbageAfterSignature,
  svgWithScript,
  textPretendingToBePng,
  truncatedPng,
  validPng,
  zeroBytes,
} from "./support/bad-images";

/**
 * Images and import manifests: an `import` model is registered over HTTP with a manifest in a
 * folder of hostile files; launching a campaign with it is refused with the file (and line) named,
 * the campaign stays a draft and no generation job, image or pair is written.
 */
let w: World;
let good: Buffer;
beforeAll(async () => {
  w = await makeWorld();
  good = await validPng();
}, 120_000);
afterAll(async () => w?.close());

/** A folder with good images for p1 and p2 and `files` (p0's image among them), plus `manifest`. */
function importFolder(files: Record<string, Buffer | string>, manifest: string, manifestName = "manifest.csv"): string {
  // Import sources must lie inside the server's IMPORT_ROOT (default <DATA_DIR>/imports; e2e setup sets DATA_DIR).
  const root = path.resolve(process.env.DATA_DIR ?? ".data", "imports");
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(path.join(root, "bad-import-"));
  writeFileSync(path.join(dir, "p1.png"), good);
  writeFileSync(path.join(dir, "p2.png"), good);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name), bytes);
  writeFileSync(path.join(dir, manifestName), manifest);
  return path.join(dir, manifestName);
}

const CSV = (p0File: string) => `prompt_id,seed,file\np0,0,${p0File}\np1,0,p1.png\np2,0,p2.png\n`;

async function draftWithImport(source: string): Promise<string> {
  const model = await postJson(w.researcher, "/api/models", {
    name: `import-${Math.random().toString(36).slice(2, 8)}`,
    kind: "import",
    config: { source },
  });
  expect(model.status, await model.clone().text()).toBe(201);
  const { id: modelId } = (await model.json()) as { id: string };
  const created = await postJson(w.researcher, "/api/campaigns", {
    name: "bad import",
    promptSetId: w.promptSetId,
    modelIds: [modelId, w.modelIds[0]],
  });
  expect(created.status, await created.clone().text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

async function launchRefused(source: string, field: string | RegExp) {
  const campaignId = await draftWithImport(source);
  await refused(w, () => postJson(w.researcher, `/api/campaigns/${campaignId}/transition`, { action: "launch" }), {
    status: 422,
    field,
  });
  const { rows } = await w.sql.query(`SELECT status FROM "Campaign" WHERE id = $1`, [campaignId]);
  expect(rows[0].status).toBe("draft");
}

describe("bad image files are refused at launch, naming the file", () => {
  it("zero bytes", async () =>
    launchRefused(importFolder({ "p0.png": zeroBytes() }, CSV("p0.png")), /p0\.png:2[\s\S]*empty file/));
  it("truncated PNG", async () =>
    launchRefused(importFolder({ "p0.png": await truncatedPng() }, CSV("p0.png")), /p0\.png:2[\s\S]*does not decode/));
  it("a 20000×20000 decompression bomb (50 KB on disk)", async () => {
    const bomb = await decompressionBombPng();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await launchRefused(importFolder({ "p0.png": bomb }, CSV("p0.png")), /p0\.png:2[\s\S]*pixel limit/);
  });
  it("SVG with a script", async () =>
    launchRefused(importFolder({ "p0.svg": svgWithScript() }, CSV("p0.svg")), /p0\.svg:2[\s\S]*SVG/));
  it("SVG content behind a .png extension", async () =>
    launchRefused(importFolder({ "p0.png": svgWithScript() }, CSV("p0.png")), /p0\.png:2[\s\S]*SVG/));
  it("text with a .png extension (wrong extension)", async () =>
    launchRefused(importFolder({ "p0.png": textPretendingToBePng() }, CSV("p0.png")), /p0\.png:2[\s\S]*not a PNG/));
  it("a PNG signature on garbage", async () =>
    launchRefused(importFolder({ "p0.png": garbageAfterSignature() }, CSV("p0.png")), /p0\.png:2/));
  it("a file the manifest names that does not exist", async () =>
    launchRefused(importFolder({}, CSV("missing.png")), /missing\.png:2[\s\S]*not found/));
});

describe("bad import manifests are refused at launch, naming the line", () => {
  it("no file column", async () =>
    launchRefused(importFolder({}, "prompt_id,seed\np0,0\n"), /manifest\.csv:1[\s\S]*file column/));
  it("an absolute path", async () =>
    launchRefused(importFolder({}, CSV("/etc/passwd")), /manifest\.csv:2[\s\S]*relative/));
  it("a path escaping the folder", async () =>
    launchRefused(importFolder({}, CSV("../../etc/passwd")), /manifest\.csv:2[\s\S]*outside/));
  it("a seed that is not an integer", async () =>
    launchRefused(
      importFolder({ "p0.png": good }, "prompt_id,seed,file\np0,zero,p0.png\np1,0,p1.png\np2,0,p2.png\n"),
      /manifest\.csv:2[\s\S]*seed/,
    ));
  it("a JSONL line that is not JSON", async () =>
    launchRefused(
      importFolder(
        { "p0.png": good },
        `{"prompt_id":"p0","file":"p0.png"}\n{"prompt_id":"p1","file":\n{"prompt_id":"p2","file":"p2.png"}\n`,
        "manifest.jsonl",
      ),
      /manifest\.jsonl:2[\s\S]*JSON/,
    ));
  it("a prompt id the campaign does not have", async () =>
    launchRefused(
      importFolder({ "p0.png": good, "x.png": good }, `${CSV("p0.png")}not-a-prompt,0,x.png\n`),
      /x\.png:5/,
    ));
  it("a prompt without any image", async () =>
    launchRefused(importFolder({}, "prompt_id,seed,file\np1,0,p1.png\np2,0,p2.png\n"), /prompt p0/));
  it("a source that does not exist", async () => {
    // Inside IMPORT_ROOT (relative to it); a source outside it is refused at registration (models.spec.ts).
    const campaignId = await draftWithImport("nonexistent/photogenic/manifest.csv");
    await refused(w, () => postJson(w.researcher, `/api/campaigns/${campaignId}/transition`, { action: "launch" }), {
      status: 422,
      field: /manifest\.csv[\s\S]*does not exist/,
    });
  });
  it("a source that is neither a folder nor a manifest", async () => {
    const notes = path.join(path.dirname(importFolder({}, CSV("p0.png"))), "notes.txt");
    writeFileSync(notes, "not images");
    const campaignId = await draftWithImport(notes);
    await refused(w, () => postJson(w.researcher, `/api/campaigns/${campaignId}/transition`, { action: "launch" }), {
      status: 422,
      field: /notes\.txt[\s\S]*expected a folder or a manifest/,
    });
  });
});

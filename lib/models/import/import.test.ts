import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setEnv } from "../../env";
import { DEFAULT_GENERATION_PARAMS as params } from "../params";
import { ImportAdapter } from "./adapter";
import { planImport } from "./plan";

const prompts = [
  { id: "p1", text: "a red fox" },
  { id: "p2", text: "a bowl of ramen" },
  { id: "p3", text: 'sunset, "golden" hour' },
  { id: "p4", text: "a prompt nobody made" },
];

let dir: string;

/** A noisy image so its PNG is large enough that cutting it in half really truncates pixel data. */
async function noisePng(width: number, height: number, seed: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let x = seed;
  for (let i = 0; i < raw.length; i++) raw[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

async function write(rel: string, data: Buffer | string) {
  await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
  await writeFile(path.join(dir, rel), data);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "photogenic-import-"));
  // Import sources must lie inside IMPORT_ROOT.
  setEnv("IMPORT_ROOT", dir);
  const good = await noisePng(64, 64, 1);
  await write("m/img/p1_1.png", good);
  await write("m/img/p1_2.jpg", await sharp(good).jpeg().toBuffer());
  await write("m/img/p3.webp", await sharp(good).webp().toBuffer());
  await write("m/img/p2_1.png", good.subarray(0, Math.floor(good.length / 2))); // truncated
  await write("m/img/zero.png", Buffer.alloc(0));
  await write(
    "m/img/vector.png",
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
  );
  await write(
    "m/img/bomb.png",
    await sharp({ create: { width: 2000, height: 2000, channels: 3, background: "#000" } })
      .png()
      .toBuffer(),
  );
  await write("m/img/extra.png", good);
  await write(
    "m/manifest.csv",
    [
      "prompt_id,prompt,seed,file", // line 1
      "p1,,1,img/p1_1.png", // 2 ok
      "p1,,2,img/p1_2.jpg", // 3 ok (JPEG)
      ',"sunset, ""golden"" hour",1,img/p3.webp', // 4 ok, matched by quoted text
      "p2,,1,img/p2_1.png", // 5 truncated
      "p2,,2,img/zero.png", // 6 zero bytes
      "p4,,1,img/vector.png", // 7 SVG with a .png name
      "p4,,2,img/bomb.png", // 8 over the pixel limit
      "p9,,1,img/extra.png", // 9 unknown prompt
      "p1,,1,img/p1_1.png", // 10 duplicate of line 2
      "p3,,2,img/nope.png", // 11 file not found
      "p3,,x,img/p3.webp", // 12 bad seed
      "p3,,3,../outside.png", // 13 escapes the folder
      "p3,,9,img/p3.webp", // 14 seed not in the campaign
    ].join("\n") + "\n",
  );
  await write("f/p1__1.png", good);
  await write("f/p2.png", good);
  await write("f/p3__1.png", good.subarray(0, 100));
  await write("f/p9.png", good);
  await write("f/notes.txt", "hello");
  await write("f/logo.svg", "<svg/>");
  await write("f/.DS_Store", "x");
  await write("ok/p1.png", good);
  await write("ok/p2__1.png", good);
  await write(
    "j/manifest.jsonl",
    [
      JSON.stringify({ prompt: "A  red fox", seed: 1, file: "a.png" }),
      "{not json",
      JSON.stringify({ prompt_id: "p2", file: "a.png" }),
      JSON.stringify({ seed: 1 }),
    ].join("\n"),
  );
  await write("j/a.png", good);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("planImport: manifest", () => {
  it("reports every problem with its line and reason, and the images that are fine", async () => {
    const report = await planImport(path.join(dir, "m/manifest.csv"), { prompts, seeds: [1, 2], maxPixels: 1_000_000 });
    expect(report.kind).toBe("manifest");
    expect(report.ok).toBe(false);
    expect(report.images.map((i) => [i.line, i.promptId, i.seed, i.format, i.width])).toEqual([
      [2, "p1", 1, "png", 64],
      [3, "p1", 2, "jpeg", 64],
      [4, "p3", 1, "webp", 64],
    ]);
    expect(report.manifestErrors).toEqual([
      { line: 12, reason: 'seed "x" is not a non-negative integer' },
      { line: 13, reason: 'file path "../outside.png" points outside the manifest\'s folder' },
    ]);
    expect(report.extraFiles).toEqual([
      { file: "img/extra.png", line: 9, reason: 'no campaign prompt with id "p9"' },
      { file: "img/p1_1.png", line: 10, reason: 'duplicate: prompt "p1" seed 1 already has img/p1_1.png (line 2)' },
      { file: "img/p3.webp", line: 14, reason: "seed 9 is not one of the campaign's seeds (1, 2)" },
    ]);
    const undecodable = report.undecodableFiles.map((u) => [u.line, u.file, u.reason]);
    expect(undecodable).toEqual([
      [5, "img/p2_1.png", expect.stringMatching(/^PNG does not decode: /)],
      [6, "img/zero.png", "empty file (0 bytes)"],
      [7, "img/vector.png", expect.stringMatching(/^SVG\/XML is not accepted/)],
      [8, "img/bomb.png", expect.stringMatching(/2000x2000 \(4000000 pixels\), over the 1000000-pixel limit/)],
      [11, "img/nope.png", "file not found"],
    ]);
    expect(report.missingPrompts).toEqual([
      { promptId: "p2", text: "a bowl of ramen", seeds: [1, 2] },
      { promptId: "p3", text: 'sunset, "golden" hour', seeds: [2] },
      { promptId: "p4", text: "a prompt nobody made", seeds: [1, 2] },
    ]);
  });

  it("reads JSONL, matches prompt text loosely, and reports bad lines", async () => {
    const report = await planImport(path.join(dir, "j/manifest.jsonl"), { prompts });
    expect(report.images.map((i) => [i.line, i.promptId, i.seed])).toEqual([
      [1, "p1", 1],
      [3, "p2", null],
    ]);
    expect(report.manifestErrors.map((e) => e.line)).toEqual([2, 4]);
    expect(report.manifestErrors[0].reason).toMatch(/^not valid JSON/);
    expect(report.manifestErrors[1].reason).toBe("no file path");
    expect(report.missingPrompts.map((m) => m.promptId)).toEqual(["p3", "p4"]);
  });

  it("names a source that does not exist", async () => {
    await expect(planImport(path.join(dir, "nowhere.csv"), { prompts })).rejects.toThrow(
      /nowhere\.csv: does not exist/,
    );
  });
});

describe("planImport: folder", () => {
  it("maps file names to prompt ids with optional __seed, and reports the rest", async () => {
    const report = await planImport(path.join(dir, "f"), { prompts, seeds: [1, 2] });
    expect(report.kind).toBe("folder");
    expect(report.images.map((i) => [i.file, i.promptId, i.seed])).toEqual([
      ["p1__1.png", "p1", 1],
      ["p2.png", "p2", null],
    ]);
    expect(report.extraFiles).toEqual([
      { file: "logo.svg", reason: expect.stringMatching(/^SVG is not accepted/) },
      { file: "notes.txt", reason: expect.stringMatching(/unsupported extension ".txt"/) },
      { file: "p9.png", reason: 'no campaign prompt with id "p9"' },
    ]);
    expect(report.undecodableFiles).toEqual([
      { file: "p3__1.png", reason: expect.stringMatching(/^PNG does not decode/) },
    ]);
    expect(report.missingPrompts).toEqual([
      { promptId: "p1", text: "a red fox", seeds: [2] },
      { promptId: "p3", text: 'sunset, "golden" hour', seeds: [1, 2] },
      { promptId: "p4", text: "a prompt nobody made", seeds: [1, 2] },
    ]);
  });

  it("is ok when every prompt has a decodable image and nothing is extra", async () => {
    const report = await planImport(path.join(dir, "ok"), { prompts: prompts.slice(0, 2), seeds: [1] });
    expect(report).toMatchObject({
      ok: true,
      missingPrompts: [],
      extraFiles: [],
      undecodableFiles: [],
      manifestErrors: [],
    });
    expect(report.images).toHaveLength(2);
  });

  it("counts files of prompts outside the campaign as extra without decoding them", async () => {
    const report = await planImport(path.join(dir, "f"), { prompts: [prompts[1]] });
    expect(report.missingPrompts).toEqual([]);
    expect(report.undecodableFiles).toEqual([]);
    expect(report.extraFiles.map((e) => e.file)).toEqual(["logo.svg", "notes.txt", "p1__1.png", "p3__1.png", "p9.png"]);
    expect(report.ok).toBe(false);
  });
});

describe("ImportAdapter", () => {
  it("serves imported images as PNG through the adapter interface", async () => {
    const a = new ImportAdapter({ source: path.join(dir, "m/manifest.csv"), maxPixels: 1_000_000 });
    await a.load();
    const png = await a.generate({ prompt: "a red fox", promptId: "p1", seed: 1, width: 256, height: 256, params });
    expect((await sharp(png.png).metadata()).format).toBe("png");
    expect(png.metadata).toMatchObject({ adapter: "import", file: "img/p1_1.png", line: 2, sourceFormat: "png" });
    const fromJpeg = await a.generate({
      prompt: "a red fox",
      promptId: "p1",
      seed: 2,
      width: 256,
      height: 256,
      params,
    });
    expect((await sharp(fromJpeg.png).metadata()).format).toBe("png");
    const byText = await a.generate({ prompt: 'Sunset,  "golden" hour', seed: 1, width: 256, height: 256, params });
    expect(byText.metadata.file).toBe("img/p3.webp");
    await expect(
      a.generate({ prompt: "a bowl of ramen", promptId: "p2", seed: 1, width: 64, height: 64, params }),
    ).rejects.toThrow(/img\/p2_1.png \(line 5\): PNG does not decode/);
    await expect(a.generate({ prompt: "x", promptId: "p4", seed: 5, width: 64, height: 64, params })).rejects.toThrow(
      /no image for prompt "p4" seed 5/,
    );
  });
});

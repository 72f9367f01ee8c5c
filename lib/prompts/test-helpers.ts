// Helpers shared by the prompt tests (not imported by production code).
import { createReadStream } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parsePromptFile } from "./index";
import type { ByteChunks } from "./types";

export const repoRoot = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const sharedData = (name: string) => path.resolve(repoRoot, "../shared/data", name);
export const fixture = (name: string) => path.resolve(repoRoot, "tests/fixtures/prompts", name);

/** Yields `content` in chunks of `size` bytes, to exercise chunk boundaries anywhere. */
export async function* chunksOf(content: string | Uint8Array, size = 7): ByteChunks {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

export function parseText(
  fileName: string,
  content: string | Uint8Array,
  options: { chunkSize?: number; maxLength?: number; maxIssues?: number } = {},
) {
  return parsePromptFile({
    fileName,
    stream: chunksOf(content, options.chunkSize),
    maxLength: options.maxLength,
    maxIssues: options.maxIssues,
  });
}

export function parseFile(file: string, fileName = path.basename(file)) {
  return parsePromptFile({ fileName, stream: createReadStream(file) });
}

/** PartiPrompts.tsv's category counts, as ../shared/data/SOURCES.md lists them. */
export const PARTI_CATEGORY_COUNTS = {
  Animals: 314,
  Artifacts: 287,
  "World Knowledge": 214,
  People: 177,
  "Outdoor Scenes": 131,
  Illustrations: 124,
  Vehicles: 104,
  "Food & Beverage": 74,
  Arts: 66,
  Abstract: 51,
  "Produce & Plants": 50,
  "Indoor Scenes": 40,
};

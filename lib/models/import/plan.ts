import { checkImageFile, DEFAULT_MAX_IMPORT_PIXELS } from "./check-image";
import { listImportSource, type SourceEntry } from "./source";
import { normalizeWhitespace, PromptIndex, type CampaignPrompt } from "./prompt-match";
import type { RasterFormat } from "../image-bytes";

export interface ImportedImage {
  promptId: string;
  /** null: the file has no seed and stands for every seed of the campaign. */
  seed: number | null;
  file: string;
  absPath: string;
  line?: number;
  width: number;
  height: number;
  format: RasterFormat;
}

export interface ImportProblem {
  file: string;
  line?: number;
  reason: string;
}

export interface ImportReport {
  source: string;
  kind: "manifest" | "folder";
  /** True when nothing is missing, extra or broken: safe to import as a whole. */
  ok: boolean;
  images: ImportedImage[];
  missingPrompts: { promptId: string; text: string; seeds: number[] | null }[];
  extraFiles: ImportProblem[];
  undecodableFiles: ImportProblem[];
  manifestErrors: { line: number; reason: string }[];
}

export interface PlanImportOptions {
  prompts: CampaignPrompt[];
  /** The campaign's seeds; when given, every (prompt, seed) needs an image. */
  seeds?: number[];
  maxPixels?: number;
  /** Files decoded at once. */
  concurrency?: number;
}

/**
 * Check an import against a campaign without writing anything: every file must decode and map to
 * one campaign prompt (and seed); every prompt must have an image. The caller imports all or
 * nothing based on `ok`, so a bad file never leaves a half-imported model.
 */
export async function planImport(source: string, opts: PlanImportOptions): Promise<ImportReport> {
  const listing = await listImportSource(source);
  const index = new PromptIndex(opts.prompts);
  const seeds = opts.seeds ? new Set(opts.seeds) : undefined;
  const extraFiles: ImportProblem[] = listing.rejected.map((r) => ({ ...r }));
  const undecodableFiles: ImportProblem[] = [];
  const where = (e: SourceEntry) => ({ file: e.file, ...(e.line !== undefined ? { line: e.line } : {}) });

  // Map first (cheap), then decode only files that map, in parallel with a small limit.
  const claimed = new Map<string, SourceEntry>();
  const mapped: { entry: SourceEntry; promptId: string }[] = [];
  for (const entry of listing.entries) {
    const prompt = index.find(entry);
    if (!prompt) {
      const key =
        entry.promptId !== undefined
          ? `id "${entry.promptId}"`
          : `text ${JSON.stringify(normalizeWhitespace(entry.promptText ?? ""))}`;
      extraFiles.push({ ...where(entry), reason: `no campaign prompt with ${key}` });
      continue;
    }
    if (seeds && entry.seed !== undefined && !seeds.has(entry.seed)) {
      extraFiles.push({
        ...where(entry),
        reason: `seed ${entry.seed} is not one of the campaign's seeds (${[...seeds].join(", ")})`,
      });
      continue;
    }
    const key = `${prompt.id}\u0000${entry.seed ?? "*"}`;
    const first = claimed.get(key);
    if (first) {
      extraFiles.push({
        ...where(entry),
        reason: `duplicate: prompt "${prompt.id}"${entry.seed !== undefined ? ` seed ${entry.seed}` : ""} already has ${first.file}${first.line ? ` (line ${first.line})` : ""}`,
      });
      continue;
    }
    claimed.set(key, entry);
    mapped.push({ entry, promptId: prompt.id });
  }

  const images: ImportedImage[] = [];
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_IMPORT_PIXELS;
  await forEachLimited(mapped, opts.concurrency ?? 4, async ({ entry, promptId }) => {
    const check = await checkImageFile(entry.absPath, maxPixels);
    if (!check.ok) {
      undecodableFiles.push({ ...where(entry), reason: check.reason });
      return;
    }
    images.push({
      promptId,
      seed: entry.seed ?? null,
      ...where(entry),
      absPath: entry.absPath,
      width: check.width,
      height: check.height,
      format: check.format,
    });
  });

  const missingPrompts = findMissing(opts.prompts, images, opts.seeds);
  const byLine = (a: ImportProblem, b: ImportProblem) => (a.line ?? 0) - (b.line ?? 0) || a.file.localeCompare(b.file);
  extraFiles.sort(byLine);
  undecodableFiles.sort(byLine);
  images.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.file.localeCompare(b.file));
  return {
    source,
    kind: listing.kind,
    ok: !missingPrompts.length && !extraFiles.length && !undecodableFiles.length && !listing.manifestErrors.length,
    images,
    missingPrompts,
    extraFiles,
    undecodableFiles,
    manifestErrors: listing.manifestErrors,
  };
}

/** A prompt is covered for a seed by an image with that seed or by an unseeded image. */
function findMissing(
  prompts: CampaignPrompt[],
  images: ImportedImage[],
  seeds?: number[],
): ImportReport["missingPrompts"] {
  const have = new Map<string, Set<number | null>>();
  for (const img of images) {
    if (!have.has(img.promptId)) have.set(img.promptId, new Set());
    have.get(img.promptId)!.add(img.seed);
  }
  const missing: ImportReport["missingPrompts"] = [];
  for (const p of prompts) {
    const got = have.get(p.id);
    if (!seeds) {
      if (!got) missing.push({ promptId: p.id, text: p.text, seeds: null });
      continue;
    }
    if (got?.has(null)) continue;
    const lacking = seeds.filter((s) => !got?.has(s));
    if (lacking.length) missing.push({ promptId: p.id, text: p.text, seeds: lacking });
  }
  return missing;
}

async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(workers);
}

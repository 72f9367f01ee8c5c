import sharp from "sharp";
import type { GeneratedImage, GenerationRequest, ModelAdapter } from "../adapter";
import { GenerationError } from "../errors";
import { checkImageFile } from "./check-image";
import { normalizeWhitespace } from "./prompt-match";
import { listImportSource, type SourceEntry } from "./source";

export { importConfigSchema, type ImportConfig } from "./config";
import type { ImportConfig } from "./config";

/**
 * Serves images a researcher already has through the common adapter interface, so imported
 * models flow through the same jobs, storage and pairing as generated ones. Validate the whole
 * source with planImport() before launching; generate() re-checks each file it serves.
 */
export class ImportAdapter implements ModelAdapter {
  readonly kind = "import";
  readonly computesLocally = false;
  private entries?: Promise<SourceEntry[]>;

  constructor(private readonly config: ImportConfig) {}

  async load(): Promise<void> {
    await this.list();
  }

  private list(): Promise<SourceEntry[]> {
    this.entries ??= listImportSource(this.config.source).then((l) => l.entries);
    return this.entries;
  }

  async generate(req: GenerationRequest): Promise<GeneratedImage> {
    const started = performance.now();
    const entries = await this.list();
    const text = normalizeWhitespace(req.prompt).toLowerCase();
    const matches = entries.filter((e) =>
      e.promptId !== undefined
        ? e.promptId === req.promptId
        : normalizeWhitespace(e.promptText ?? "").toLowerCase() === text,
    );
    // An image made for this seed beats an unseeded one that stands for every seed.
    const entry = matches.find((e) => e.seed === req.seed) ?? matches.find((e) => e.seed === undefined);
    if (!entry) {
      throw new GenerationError(
        `import ${this.config.source}: no image for prompt ${req.promptId ? `"${req.promptId}"` : JSON.stringify(req.prompt)} seed ${req.seed}`,
      );
    }
    const check = await checkImageFile(entry.absPath, this.config.maxPixels);
    if (!check.ok)
      throw new GenerationError(`import ${entry.file}${entry.line ? ` (line ${entry.line})` : ""}: ${check.reason}`);
    const png = check.format === "png" ? check.bytes : await sharp(check.bytes).png().toBuffer();
    return {
      png,
      width: check.width,
      height: check.height,
      latencyMs: performance.now() - started,
      modelVersion: this.config.version ?? `import:${this.config.source}`,
      metadata: {
        adapter: this.kind,
        file: entry.file,
        ...(entry.line !== undefined ? { line: entry.line } : {}),
        seed: req.seed,
        sourceSeed: entry.seed ?? null,
        sourceFormat: check.format,
      },
    };
  }

  async dispose(): Promise<void> {
    this.entries = undefined;
  }
}

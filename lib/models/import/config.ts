import { z } from "zod";
import { folderInRoot } from "../folder-roots";
import { DEFAULT_MAX_IMPORT_PIXELS } from "./check-image";

export const importConfigSchema = z
  .object({
    source: folderInRoot("IMPORT_ROOT").describe(
      "A folder of images named by prompt id, or a CSV/TSV/JSONL manifest, inside IMPORT_ROOT",
    ),
    maxPixels: z
      .number()
      .int()
      .min(64)
      .default(DEFAULT_MAX_IMPORT_PIXELS)
      .describe("Largest image (in pixels) accepted; guards against decompression bombs"),
    version: z.string().min(1).optional().describe('Reported as the images\' model version; empty: "import:<source>"'),
  })
  .describe("Images made elsewhere, imported from a folder or manifest (no generation)");
export type ImportConfig = z.infer<typeof importConfigSchema>;

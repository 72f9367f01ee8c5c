import { z } from "zod";
import { folderInRoot } from "../folder-roots";
import { DEFAULT_MAX_IMPORT_PIXELS } from "./check-image";

export const importConfigSchema = z.object({
  /** A folder of images named by prompt id, or a CSV/TSV/JSONL manifest, inside IMPORT_ROOT. */
  source: folderInRoot("IMPORT_ROOT"),
  maxPixels: z.number().int().min(64).default(DEFAULT_MAX_IMPORT_PIXELS),
  /** Reported as modelVersion; defaults to "import:<source>". */
  version: z.string().min(1).optional(),
});
export type ImportConfig = z.infer<typeof importConfigSchema>;

import { createHash } from "node:crypto";
import { open, readdir, stat } from "node:fs/promises";
import path from "node:path";

const PARTS = [
  "model_index.json",
  "scheduler",
  "tokenizer",
  "tokenizer_2",
  "text_encoder",
  "text_encoder_2",
  "unet",
  "vae_decoder",
];
const EDGE = 1 << 20;

/**
 * A cheap identity for an export folder, recorded as each image's model version: every file's
 * path, size and the SHA-256 of its first and last MiB. Hashing whole UNets (3–10 GB) at every
 * worker start would cost seconds to minutes; re-exported or fine-tuned weights still change the
 * fingerprint, because ONNX files carry their weights in those bytes or change size.
 */
export async function fingerprintExport(modelDir: string): Promise<string> {
  const files: string[] = [];
  for (const part of PARTS) {
    const full = path.join(modelDir, part);
    const info = await stat(full).catch(() => undefined);
    if (!info) continue;
    if (info.isFile()) files.push(part);
    else
      for (const name of (await readdir(full, { recursive: true })).sort())
        if ((await stat(path.join(full, name))).isFile()) files.push(path.join(part, name));
  }
  const hash = createHash("sha256");
  for (const rel of files) {
    const file = await open(path.join(modelDir, rel), "r");
    try {
      const { size } = await file.stat();
      hash.update(`${rel.split(path.sep).join("/")}\0${size}\0`);
      for (const start of size > 2 * EDGE ? [0, size - EDGE] : [0]) {
        const buf = Buffer.alloc(Math.min(size, size > 2 * EDGE ? EDGE : size));
        await file.read(buf, 0, buf.length, start);
        hash.update(buf);
      }
    } finally {
      await file.close();
    }
  }
  return hash.digest("hex");
}

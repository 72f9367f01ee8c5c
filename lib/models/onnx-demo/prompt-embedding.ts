import { fnv1a32 } from "../onnx/prng";

/** Size of the prompt vector fed to the demo graph's `text_embedding` input. */
export const EMBEDDING_DIM = 256;

/** Lower-case, Unicode-normalise and collapse whitespace so trivial edits do not change the image. */
export function normalizePrompt(prompt: string): string {
  return prompt.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * Deterministic prompt embedding by feature hashing: character 2–4-grams (so similar spellings
 * give similar vectors) plus whole words (so each word moves the image on its own). Each feature
 * adds ±1 at a hashed index; the vector is L2-normalised so prompt length does not change contrast.
 * Not a language model — just enough for images that are visibly and stably prompt-dependent.
 */
export function embedPrompt(prompt: string, dim = EMBEDDING_DIM): Float32Array {
  const out = new Float32Array(dim);
  const text = normalizePrompt(prompt);
  if (!text) return out;
  const add = (feature: string, salt: number, weight: number) => {
    const h = fnv1a32(feature, salt);
    const sign = h & 0x80000000 ? -1 : 1;
    out[h % dim] += sign * weight;
  };
  const padded = ` ${text} `;
  for (let n = 2; n <= 4; n++) {
    for (let i = 0; i + n <= padded.length; i++) add(padded.slice(i, i + n), n, 1);
  }
  for (const word of text.split(" ")) add(word, 101, 2);
  let norm = 0;
  for (const v of out) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < dim; i++) out[i] /= norm;
  return out;
}

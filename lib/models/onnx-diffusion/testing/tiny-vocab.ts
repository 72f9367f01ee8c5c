import { BYTE_ORDER, BYTE_TO_CHAR } from "../tokenizer/bytes-to-unicode";

/**
 * A small CLIP-style vocabulary laid out the way CLIP's own was built: ids 0–255 are the 256
 * byte characters in bytes_to_unicode order, 256–511 the same with `</w>`, then one id per
 * merge (in merge order), then `<|startoftext|>` and `<|endoftext|>`. Byte-level ids therefore
 * equal the real CLIP vocab's (`!` = 0, `a</w>` = 320); only merged tokens and the two special
 * tokens differ (real CLIP has 48 894 merges, so its specials are 49406 and 49407).
 */
export const TINY_MERGES: readonly (readonly [string, string])[] = [
  ["c", "a"], // 512 "ca"          — ranks below "a t</w>", so "cat" merges c+a first
  ["ca", "t</w>"], // 513 "cat</w>"
  ["a", "t</w>"], // 514 "at</w>"
  ["t", "h"], // 515 "th"
  ["th", "e</w>"], // 516 "the</w>"
  ["d", "o"], // 517 "do"
  ["do", "g</w>"], // 518 "dog</w>"
  ["r", "e"], // 519 "re"
  ["re", "d</w>"], // 520 "red</w>"
  ["'", "s</w>"], // 521 "'s</w>"
  ["!", "!</w>"], // 522 "!!</w>"
  ["p", "h"], // 523 "ph"
  ["o", "t"], // 524 "ot"
  ["ph", "ot"], // 525 "phot"
  ["phot", "o</w>"], // 526 "photo</w>"
];

export interface TinyVocab {
  vocab: Map<string, number>;
  vocabJson: string;
  mergesTxt: string;
  bosId: number;
  eosId: number;
}

export function buildTinyVocab(merges: readonly (readonly [string, string])[] = TINY_MERGES): TinyVocab {
  const tokens: string[] = [];
  for (const b of BYTE_ORDER) tokens.push(BYTE_TO_CHAR[b]);
  for (const b of BYTE_ORDER) tokens.push(BYTE_TO_CHAR[b] + "</w>");
  for (const [a, b] of merges) tokens.push(a + b);
  tokens.push("<|startoftext|>", "<|endoftext|>");
  const vocab = new Map(tokens.map((t, i) => [t, i]));
  return {
    vocab,
    vocabJson: JSON.stringify(Object.fromEntries(vocab)),
    mergesTxt: ["#version: 0.2", ...merges.map(([a, b]) => `${a} ${b}`)].join("\n") + "\n",
    bosId: vocab.get("<|startoftext|>")!,
    eosId: vocab.get("<|endoftext|>")!,
  };
}

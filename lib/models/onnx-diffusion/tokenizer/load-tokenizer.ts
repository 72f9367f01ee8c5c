import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseMerges } from "./bpe";
import { ClipTokenizer } from "./clip-tokenizer";

const DEFAULTS = { bosToken: "<|startoftext|>", eosToken: "<|endoftext|>", unkToken: "<|endoftext|>", maxLength: 77 };

/** tokenizer_config.json and special_tokens_map.json spell a token as a string or as `{content}`. */
function tokenText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as { content?: unknown }).content === "string")
    return (value as { content: string }).content;
  return undefined;
}

async function readJsonIfPresent(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw err;
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`${file}: invalid JSON (${(err as Error).message})`);
  }
}

/**
 * Load a CLIP tokenizer from a diffusers `tokenizer/` folder: vocab.json and merges.txt are
 * required; tokenizer_config.json then special_tokens_map.json (which wins, as in transformers)
 * may name the special tokens and the context length. Without a pad token the end token pads,
 * which is SD 1.x's choice; SD 2.x and SDXL's second tokenizer name `!` in their configs.
 */
export async function loadClipTokenizer(dir: string): Promise<ClipTokenizer> {
  const vocabPath = path.join(dir, "vocab.json");
  const mergesPath = path.join(dir, "merges.txt");
  const vocabJson = await readJsonIfPresent(vocabPath);
  if (Object.keys(vocabJson).length === 0)
    throw new Error(`${vocabPath}: missing or empty (a diffusers export has tokenizer/vocab.json)`);
  const vocab = new Map<string, number>();
  for (const [token, id] of Object.entries(vocabJson)) {
    if (!Number.isInteger(id)) throw new Error(`${vocabPath}: id of ${JSON.stringify(token)} is not an integer`);
    vocab.set(token, id as number);
  }
  let mergesText: string;
  try {
    mergesText = await readFile(mergesPath, "utf8");
  } catch (err) {
    throw new Error(`${mergesPath}: cannot read (${(err as Error).message})`);
  }
  const merges = (() => {
    try {
      return parseMerges(mergesText);
    } catch (err) {
      throw new Error(`${mergesPath}: ${(err as Error).message}`);
    }
  })();

  const config = {
    ...(await readJsonIfPresent(path.join(dir, "tokenizer_config.json"))),
    ...(await readJsonIfPresent(path.join(dir, "special_tokens_map.json"))),
  };
  const eosToken = tokenText(config.eos_token) ?? DEFAULTS.eosToken;
  const maxLength =
    typeof config.model_max_length === "number" && config.model_max_length <= 4096
      ? config.model_max_length
      : DEFAULTS.maxLength;
  return new ClipTokenizer({
    vocab,
    merges,
    maxLength,
    bosToken: tokenText(config.bos_token) ?? DEFAULTS.bosToken,
    eosToken,
    padToken: tokenText(config.pad_token) ?? eosToken,
    unkToken: tokenText(config.unk_token) ?? DEFAULTS.unkToken,
  });
}

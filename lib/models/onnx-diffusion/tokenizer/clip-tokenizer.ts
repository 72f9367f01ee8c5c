import { BytePairEncoder } from "./bpe";
import { toByteChars } from "./bytes-to-unicode";

/**
 * CLIP's pre-tokeniser (simple_tokenizer.py / tokenizer.json's Split): the special tokens, the
 * English contractions, runs of letters, single digits, and runs of anything else that is not
 * whitespace. Whitespace is dropped. Lower-casing happens before, so case-insensitivity is moot.
 */
const PRE_TOKEN = /<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+/gu;

/**
 * The normaliser of CLIP's tokenizer.json (NFC, every whitespace run → one space, lower case),
 * which is also what transformers' slow CLIPTokenizer does for ordinary text. Not done: ftfy's
 * mojibake repair and HTML-entity unescaping, which only the ftfy path of the slow tokenizer has.
 */
export function normalizeClipText(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim().toLowerCase();
}

export function preTokenize(text: string): string[] {
  return normalizeClipText(text).match(PRE_TOKEN) ?? [];
}

export interface ClipTokenizerSpec {
  vocab: ReadonlyMap<string, number>;
  merges: readonly (readonly [string, string])[];
  /** Context length including start and end tokens (77 for every Stable Diffusion encoder). */
  maxLength: number;
  bosToken: string;
  eosToken: string;
  /** `<|endoftext|>` for SD 1.x and SDXL's first tokenizer, `!` for SD 2.x and SDXL's second. */
  padToken: string;
  unkToken: string;
}

export class ClipTokenizer {
  readonly maxLength: number;
  readonly bosId: number;
  readonly eosId: number;
  readonly padId: number;
  private readonly unkId: number;
  private readonly bpe: BytePairEncoder;

  constructor(private readonly spec: ClipTokenizerSpec) {
    if (spec.maxLength < 2) throw new Error(`tokenizer max length must be at least 2, got ${spec.maxLength}`);
    this.maxLength = spec.maxLength;
    this.bosId = this.idOf(spec.bosToken, "start token");
    this.eosId = this.idOf(spec.eosToken, "end token");
    this.padId = this.idOf(spec.padToken, "pad token");
    this.unkId = this.idOf(spec.unkToken, "unknown token");
    this.bpe = new BytePairEncoder(spec.merges);
  }

  private idOf(token: string, role: string): number {
    const id = this.spec.vocab.get(token);
    if (id === undefined) throw new Error(`tokenizer vocab.json has no ${role} ${JSON.stringify(token)}`);
    return id;
  }

  /** BPE symbols of `text`, without start/end tokens or truncation. */
  tokenize(text: string): string[] {
    const out: string[] = [];
    for (const piece of preTokenize(text)) {
      if (piece === this.spec.bosToken || piece === this.spec.eosToken) out.push(piece);
      else out.push(...this.bpe.encode(toByteChars(piece)));
    }
    return out;
  }

  /** Token ids of `text`, without start/end tokens or truncation. */
  encodeTokens(text: string): number[] {
    return this.tokenize(text).map((t) => this.spec.vocab.get(t) ?? this.unkId);
  }

  /**
   * What the pipelines feed the text encoder (`padding="max_length", truncation=True`):
   * start token, at most maxLength − 2 text tokens, end token, then pad tokens up to maxLength.
   */
  encode(text: string): number[] {
    const body = this.encodeTokens(text).slice(0, this.maxLength - 2);
    const ids = [this.bosId, ...body, this.eosId];
    while (ids.length < this.maxLength) ids.push(this.padId);
    return ids;
  }
}

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildTinyVocab, TINY_MERGES } from "../testing/tiny-vocab";
import { BytePairEncoder, parseMerges } from "./bpe";
import { BYTE_ORDER, BYTE_TO_CHAR } from "./bytes-to-unicode";
import { ClipTokenizer, normalizeClipText, preTokenize } from "./clip-tokenizer";
import { loadClipTokenizer } from "./load-tokenizer";

/*
 * How the expected ids below were derived (by hand for the first group, by an independent
 * Python port of OpenAI's simple_tokenizer.py — `regex` module, `str.lower`, NFC — for the
 * tricky strings; the script is in testing/clip_tokenize_reference.py):
 *
 *   1. normalise: NFC, whitespace runs → " ", strip, lower case;
 *   2. split with  <|startoftext|>|<|endoftext|>|'s|'t|'re|'ve|'m|'ll|'d|\p{L}+|\p{N}|[^\s\p{L}\p{N}]+
 *   3. UTF-8 encode each piece, map bytes through bytes_to_unicode;
 *   4. BPE: last symbol gets "</w>", merge the lowest-ranked adjacent pair until none has a rank;
 *   5. look the symbols up in the vocab.
 *
 * Tiny vocab ids (testing/tiny-vocab.ts): a printable ASCII byte c has id c − 0x21 (the
 * bytes_to_unicode order starts at "!"), so "a" (0x61) = 64 and "a</w>" = 256 + 64 = 320,
 * exactly as in the real CLIP vocab. Merges get 512…526, <|startoftext|> 527, <|endoftext|> 528.
 *
 * A one-off cross-check (not part of the suite, as it needs an extra package): Hugging Face's
 * @huggingface/tokenizers 0.2.0, given CLIP's tokenizer.json structure (NFC + Replace(\s+) +
 * Lowercase normaliser, Split + ByteLevel pre-tokeniser, BPE with end_of_word_suffix "</w>") over
 * this tiny vocab, gave identical ids for every TRICKY string and seven more.
 */
const tiny = buildTinyVocab();
const BOS = 527;
const EOS = 528;
const tokenizer = new ClipTokenizer({
  vocab: tiny.vocab,
  merges: TINY_MERGES,
  maxLength: 77,
  bosToken: "<|startoftext|>",
  eosToken: "<|endoftext|>",
  padToken: "<|endoftext|>",
  unkToken: "<|endoftext|>",
});
const ascii = (c: string) => c.charCodeAt(0) - 0x21;
const word = (c: string) => 256 + ascii(c);

describe("bytes_to_unicode", () => {
  it("maps printable bytes to themselves and the 68 others to U+0100 onwards, in CLIP's order", () => {
    expect(BYTE_TO_CHAR[0x61]).toBe("a");
    expect(BYTE_TO_CHAR[0x20]).toBe("Ġ"); // space is the 33rd non-printable byte: U+0100 + 32
    expect(BYTE_TO_CHAR[0x00]).toBe("\u0100");
    expect(BYTE_TO_CHAR[0xad]).toBe("Ń"); // soft hyphen, the last non-printable: U+0100 + 67
    expect(new Set(BYTE_TO_CHAR).size).toBe(256);
    expect(BYTE_ORDER.slice(0, 3)).toEqual([0x21, 0x22, 0x23]);
    expect(BYTE_ORDER.indexOf(0x00)).toBe(188); // 94 + 12 + 82 printable bytes come first
  });
});

describe("CLIP BPE on a hand-made vocab", () => {
  it("derives ids by hand: ranks decide the merge order", () => {
    // "cat": pairs (c,a) rank 0 and (a,t</w>) rank 2 → "ca" first, then (ca,t</w>) rank 1 → "cat</w>" 513.
    expect(tokenizer.encodeTokens("cat")).toEqual([513]);
    // "bat": (b,a) has no rank, (a,t</w>) rank 2 → b, at</w> → [ascii b, 514].
    expect(tokenizer.encodeTokens("bat")).toEqual([ascii("b"), 514]);
    // "of": (o,f</w>) has no rank → o, f</w>.
    expect(tokenizer.encodeTokens("of")).toEqual([ascii("o"), word("f")]);
    // "photo": p h → ph (11); o t → ot (12); ph ot → phot (13); phot o</w> → photo</w> (14) = 526.
    expect(tokenizer.tokenize("photo")).toEqual(["photo</w>"]);
    // A single character is just the character with </w>.
    expect(tokenizer.encodeTokens("a")).toEqual([320]);
  });

  it("merges every occurrence of the best pair, left to right", () => {
    const bpe = new BytePairEncoder([["a", "a"]]);
    expect(bpe.encode("aaaaa")).toEqual(["aa", "aa", "a</w>"]);
    // a a a a</w>: only (a,a) has a rank; the third "a" pairs with "a</w>", which is a different symbol.
    expect(bpe.encode("aaaa")).toEqual(["aa", "a", "a</w>"]);
  });

  it("wraps with start/end tokens, pads with the pad token to 77, truncates to 75 text tokens", () => {
    const ids = tokenizer.encode("a red dog");
    expect(ids.slice(0, 5)).toEqual([BOS, 320, 520, 518, EOS]);
    expect(ids).toHaveLength(77);
    expect(ids.slice(5).every((id) => id === EOS)).toBe(true);
    const long = tokenizer.encode("cat ".repeat(100));
    expect(long).toHaveLength(77);
    expect(long[0]).toBe(BOS);
    expect(long.slice(1, 76).every((id) => id === 513)).toBe(true);
    expect(long[76]).toBe(EOS);
    expect(tokenizer.encode("")).toEqual([BOS, EOS, ...Array(75).fill(EOS)]);
  });
});

/** Expected ids from the Python reference (see the header comment). */
const TRICKY: [string, number[]][] = [
  ["A photo of a CAT", [320, 526, 78, 325, 320, 513]],
  ["  the   cat\t\n sat  ", [516, 513, 82, 514]],
  ["cat's dog's", [513, 521, 518, 521]],
  // Contractions split off; "'m" and "'d" stay whole (no merge for them here, so ' + m</w>).
  [
    "don't we'll I'M you're they've i'd",
    [
      517, 333, 6, 339, 86, 324, 6, 75, 331, 328, 6, 332, 88, 78, 340, 6, 81, 324, 515, 68, 344, 6, 85, 324, 328, 6,
      323,
    ],
  ],
  ["hello, world!!", [71, 68, 75, 75, 334, 267, 86, 78, 81, 75, 323, 522]],
  // "!!!" is one piece: (!,!) has no rank, (!,!</w>) rank 10 → "!", "!!</w>".
  ["!!!", [0, 522]],
  // é = C3 A9 → "Ã" (id 127) + "©</w>" (id 358); NFD input is composed first.
  ["café", [512, 69, 127, 358]],
  ["cafe\u0301", [512, 69, 127, 358]],
  ["naïve résumé", [77, 64, 127, 107, 85, 324, 81, 127, 102, 82, 84, 76, 127, 358]],
  [
    "日本語のテキスト",
    [
      162, 245, 98, 162, 250, 105, 164, 103, 252, 159, 223, 106, 159, 225, 228, 159, 224, 255, 159, 224, 117, 159, 225,
      486,
    ],
  ],
  ["🔥🐱", [172, 253, 242, 98, 172, 253, 238, 365]],
  ["👩‍👩‍👧", [172, 253, 239, 102, 158, 222, 235, 172, 253, 239, 102, 158, 222, 235, 172, 253, 239, 356]],
  // Digits are single pieces: "2024" → 2</w> 0</w> 2</w> 4</w>; "3.5" → 3</w> .</w> 5</w>.
  ["2024 was 3.5x", [273, 271, 273, 275, 86, 64, 338, 274, 269, 276, 343]],
  ["Ⅻ ½ ٣", [158, 227, 375, 126, 377, 149, 352]],
  ["<|startoftext|>the<|endoftext|>", [BOS, 516, EOS]],
  ["non\u00a0breaking", [77, 78, 333, 65, 519, 64, 74, 72, 77, 326]],
  ["ΟΔΟΣ", [138, 123, 138, 112, 138, 123, 139, 480]], // final sigma: ς, as Python's str.lower
  ["C++ & C#", [322, 10, 266, 261, 322, 258]],
  ["e-mail@example.com", [324, 268, 76, 64, 72, 331, 287, 68, 87, 64, 76, 79, 75, 324, 269, 66, 78, 332]],
  ["a\u0000b", [320, 444, 321]],
  ["Straße STRASSE", [82, 83, 81, 64, 127, 253, 324, 82, 83, 81, 64, 82, 82, 324]],
  ["bat at cat", [65, 514, 514, 513]],
];

describe("CLIP tokenizer on tricky strings", () => {
  it.each(TRICKY)("%j", (text, expected) => {
    expect(tokenizer.encodeTokens(text)).toEqual(expected);
  });

  it("normalises and pre-tokenises like CLIP", () => {
    expect(normalizeClipText("  Hello\u3000WORLD\n")).toBe("hello world");
    expect(preTokenize("it's 12 o'clock!!")).toEqual(["it", "'s", "1", "2", "o", "'", "clock", "!!"]);
  });
});

describe("loading tokenizer files", () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  async function folder(files: Record<string, string>) {
    const dir = await mkdtemp(path.join(tmpdir(), "photogenic-tok-"));
    dirs.push(dir);
    await writeFile(path.join(dir, "vocab.json"), tiny.vocabJson);
    await writeFile(path.join(dir, "merges.txt"), tiny.mergesTxt);
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
    return dir;
  }

  it("pads with the end token by default (SD 1.x) and with the configured pad token (SD 2.x, SDXL's second)", async () => {
    const sd1 = await loadClipTokenizer(await folder({}));
    expect([sd1.bosId, sd1.eosId, sd1.padId, sd1.maxLength]).toEqual([BOS, EOS, EOS, 77]);
    const sd2 = await loadClipTokenizer(
      await folder({ "tokenizer_config.json": JSON.stringify({ pad_token: "!", model_max_length: 77 }) }),
    );
    expect(sd2.padId).toBe(0);
    expect(sd2.encode("cat").slice(0, 5)).toEqual([BOS, 513, EOS, 0, 0]);
    const mapped = await loadClipTokenizer(
      await folder({
        "tokenizer_config.json": JSON.stringify({ pad_token: "<|endoftext|>" }),
        "special_tokens_map.json": JSON.stringify({ pad_token: { content: "!", lstrip: false } }),
      }),
    );
    expect(mapped.padId).toBe(0);
    const short = await loadClipTokenizer(
      await folder({ "tokenizer_config.json": JSON.stringify({ model_max_length: 8 }) }),
    );
    expect(short.encode("cat ".repeat(20))).toEqual([BOS, 513, 513, 513, 513, 513, 513, EOS]);
  });

  it("names the file when something is wrong", async () => {
    const dir = await folder({});
    await writeFile(path.join(dir, "merges.txt"), "#version: 0.2\na b c\n");
    await expect(loadClipTokenizer(dir)).rejects.toThrow(/merges\.txt.*line 2/);
    await expect(loadClipTokenizer(path.join(dir, "nope"))).rejects.toThrow(/vocab\.json: missing/);
    expect(parseMerges("#version: 0.2\nx y\n\n")).toEqual([["x", "y"]]);
  });
});

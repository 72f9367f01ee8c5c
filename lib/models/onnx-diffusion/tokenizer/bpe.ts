/**
 * Byte-pair encoding of one pre-token, exactly as CLIP's `bpe()` (OpenAI simple_tokenizer.py and
 * transformers' CLIPTokenizer): the last symbol carries the end-of-word marker `</w>`; then,
 * repeatedly, the adjacent pair with the lowest merge rank is merged everywhere (left to right)
 * until no adjacent pair has a rank.
 */
export const END_OF_WORD = "</w>";

export class BytePairEncoder {
  private readonly ranks = new Map<string, number>();
  private readonly cache = new Map<string, string[]>();

  /** `merges` in file order: earlier lines merge first. */
  constructor(merges: readonly (readonly [string, string])[]) {
    merges.forEach(([a, b], rank) => {
      // As Python's dict(zip(merges, range(n))): a repeated line keeps its later rank.
      this.ranks.set(pairKey(a, b), rank);
    });
  }

  /** `word` is a pre-token already mapped to byte characters; returns its BPE symbols. */
  encode(word: string): string[] {
    const hit = this.cache.get(word);
    if (hit) return hit;
    const chars = Array.from(word);
    let symbols = [...chars.slice(0, -1), chars[chars.length - 1] + END_OF_WORD];
    while (symbols.length > 1) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i < symbols.length - 1; i++) {
        const rank = this.ranks.get(pairKey(symbols[i], symbols[i + 1]));
        if (rank !== undefined && rank < bestRank) {
          bestRank = rank;
          best = i;
        }
      }
      if (best < 0) break;
      const first = symbols[best];
      const second = symbols[best + 1];
      const merged: string[] = [];
      for (let i = 0; i < symbols.length;) {
        if (symbols[i] === first && i + 1 < symbols.length && symbols[i + 1] === second) {
          merged.push(first + second);
          i += 2;
        } else {
          merged.push(symbols[i]);
          i += 1;
        }
      }
      symbols = merged;
    }
    if (this.cache.size < 50_000) this.cache.set(word, symbols);
    return symbols;
  }
}

// Symbols never contain a space (bytes_to_unicode maps the space byte to 'Ġ'), so a space is a safe separator.
function pairKey(a: string, b: string): string {
  return `${a} ${b}`;
}

/** Parse merges.txt: one `a b` pair per line; a leading `#version` line and blank lines are skipped. */
export function parseMerges(text: string): [string, string][] {
  const merges: [string, string][] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === "" || (index === 0 && line.startsWith("#version"))) return;
    const parts = line.split(" ");
    if (parts.length !== 2 || !parts[0] || !parts[1])
      throw new Error(
        `merges.txt line ${index + 1}: expected two symbols separated by one space, got ${JSON.stringify(line.slice(0, 80))}`,
      );
    merges.push([parts[0], parts[1]]);
  });
  return merges;
}

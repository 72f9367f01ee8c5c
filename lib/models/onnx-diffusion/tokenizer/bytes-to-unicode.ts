/**
 * GPT-2 / CLIP `bytes_to_unicode`: every byte 0–255 gets a printable unicode character, so BPE
 * can work on strings without whitespace or control characters. Printable Latin-1 bytes map to
 * themselves; the rest map to U+0100 onwards, in byte order.
 *
 * The order of `BYTE_ORDER` matters: CLIP's vocab.json starts with these 256 characters in this
 * order (ids 0–255), then the same characters with `</w>` (ids 256–511).
 */
function build(): { byteToChar: string[]; byteOrder: number[] } {
  const printable: number[] = [];
  const push = (from: number, to: number) => {
    for (let b = from; b <= to; b++) printable.push(b);
  };
  push(0x21, 0x7e); // '!'..'~'
  push(0xa1, 0xac); // '¡'..'¬'
  push(0xae, 0xff); // '®'..'ÿ'
  const byteToChar = new Array<string>(256);
  for (const b of printable) byteToChar[b] = String.fromCodePoint(b);
  const byteOrder = [...printable];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (byteToChar[b] !== undefined) continue;
    byteToChar[b] = String.fromCodePoint(256 + n++);
    byteOrder.push(b);
  }
  return { byteToChar, byteOrder };
}

const built = build();

/** `BYTE_TO_CHAR[b]` is the character standing for byte `b`. */
export const BYTE_TO_CHAR: readonly string[] = built.byteToChar;

/** Bytes in the order bytes_to_unicode() lists them (printable ranges first, then the rest). */
export const BYTE_ORDER: readonly number[] = built.byteOrder;

const encoder = new TextEncoder();

/** UTF-8 encode `text` and map each byte to its stand-in character. */
export function toByteChars(text: string): string {
  let out = "";
  for (const b of encoder.encode(text)) out += BYTE_TO_CHAR[b];
  return out;
}

import { describe, expect, it } from "vitest";
import { chunksOf } from "../test-helpers";
import { readLines, type DecodedLine } from "./byte-lines";

async function collect(content: string | Uint8Array, chunkSize: number): Promise<DecodedLine[]> {
  const out: DecodedLine[] = [];
  for await (const l of readLines(chunksOf(content, chunkSize))) out.push(l);
  return out;
}

describe("readLines", () => {
  it.each([1, 2, 3, 5, 64])("splits LF and CRLF lines and strips a BOM at any chunk size (%i)", async (size) => {
    const lines = await collect("\ufeffa\r\nbé\n\nc", size);
    expect(lines).toEqual([
      { line: 1, text: "a", invalidUtf8: false },
      { line: 2, text: "bé", invalidUtf8: false },
      { line: 3, text: "", invalidUtf8: false },
      { line: 4, text: "c", invalidUtf8: false },
    ]);
  });

  it("keeps multi-byte characters split across chunks intact", async () => {
    const lines = await collect("日本語の猫\n🐈 emoji\n", 1);
    expect(lines.map((l) => l.text)).toEqual(["日本語の猫", "🐈 emoji"]);
  });

  it("pins invalid UTF-8 to its line and keeps decoding the others", async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode("ok\nbad "),
      0xe9,
      0x0a,
      ...new TextEncoder().encode("fine\n"),
    ]);
    for (const size of [1, 4, 100]) {
      const lines = await collect(bytes, size);
      expect(lines.map((l) => [l.line, l.invalidUtf8])).toEqual([
        [1, false],
        [2, true],
        [3, false],
      ]);
      expect(lines[1].text).toBe("bad \ufffd");
    }
  });

  it("treats a BOM only at the start of the file", async () => {
    const lines = await collect("a\n\ufeffb\n", 100);
    expect(lines[1].text).toBe("\ufeffb");
  });

  it("yields nothing for an empty stream", async () => {
    expect(await collect("", 10)).toEqual([]);
  });
});

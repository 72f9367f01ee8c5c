import { describe, expect, it } from "vitest";
import { parsePromptFile, parsePromptRows } from "./index";

const CATEGORIES = ["Animals", "Artifacts", "People", "Vehicles", "Food & Beverage"];

/** A CSV of `rows` prompts, generated chunk by chunk so the test never holds the whole file. */
async function* generatedCsv(rows: number, onChunk?: () => void): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode("\ufeffid,Prompt,Category,Challenge,Note\r\n");
  const perChunk = 500;
  for (let start = 0; start < rows; start += perChunk) {
    let text = "";
    for (let i = start; i < Math.min(rows, start + perChunk); i++) {
      const prompt =
        i % 10 === 0
          ? `"A ""quoted"" prompt, number ${i},\r\nspanning two lines"`
          : `A photo of prompt number ${i} in the style of ${i % 7}`;
      text += `q${i},${prompt},${CATEGORIES[i % CATEGORIES.length]},Basic,${i % 3 === 0 ? "a note" : ""}\r\n`;
    }
    onChunk?.();
    yield encoder.encode(text);
  }
}

describe("a 100,000-prompt CSV", () => {
  it("parses completely, with quoted multi-line prompts, within a generous 20 s bound (about 1 s on a laptop)", async () => {
    const started = performance.now();
    const { prompts, report } = await parsePromptFile({ fileName: "big.csv", stream: generatedCsv(100_000) });
    const seconds = (performance.now() - started) / 1000;
    expect(report).toMatchObject({ ok: true, accepted: 100_000, errorCount: 0, warningCount: 0 });
    expect(prompts[10]).toMatchObject({
      id: "q10",
      text: 'A "quoted" prompt, number 10,\nspanning two lines',
      line: 13,
      category: "Animals",
    });
    expect(prompts.filter((p) => p.note === "a note")).toHaveLength(33_334);
    expect(prompts[99_999]).toMatchObject({ id: "q99999", line: 100_000 + 10_000 + 1 });
    expect(seconds).toBeLessThan(20);
  }, 60_000);

  it("is read as a stream: the first row arrives after a couple of chunks, not the whole file", async () => {
    let chunksRead = 0;
    const events = parsePromptRows(
      generatedCsv(100_000, () => chunksRead++),
      "csv",
    );
    for await (const event of events) {
      expect(event).toMatchObject({ kind: "row", line: 2 });
      break;
    }
    expect(chunksRead).toBeLessThanOrEqual(2);
  });
});

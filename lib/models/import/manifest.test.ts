import { describe, expect, it } from "vitest";
import { parseManifest } from "./manifest";

describe("parseManifest (CSV)", () => {
  it("handles quotes, doubled quotes, CRLF, a BOM, blank lines and newlines inside quotes, keeping start lines", () => {
    const text = '\uFEFFprompt_id,file\r\n"x, ""y""",a.png\r\n\r\n   \r\n"multi\nline",b.png\nlast,c.png';
    const { entries, issues } = parseManifest(text, "m.csv");
    expect(issues).toEqual([]);
    expect(entries).toEqual([
      { line: 2, promptId: 'x, "y"', file: "a.png" },
      { line: 5, promptId: "multi\nline", file: "b.png" },
      { line: 7, promptId: "last", file: "c.png" },
    ]);
  });

  it("reports an unterminated quote at the line where the record starts", () => {
    expect(parseManifest('file\n"open,1\nmore', "m.csv").issues).toContainEqual({
      line: 2,
      reason: "unterminated quoted field",
    });
  });
});

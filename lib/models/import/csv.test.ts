import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv";

describe("parseCsv", () => {
  it("handles quotes, doubled quotes, CRLF, a BOM, blank lines and newlines inside quotes, keeping start lines", () => {
    const { records, error } = parseCsv('\uFEFFa,b\r\n"x, ""y""",2\r\n\r\n"multi\nline",3\nlast,4');
    expect(error).toBeUndefined();
    expect(records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ['x, "y"', "2"] },
      { line: 4, fields: ["multi\nline", "3"] },
      { line: 6, fields: ["last", "4"] },
    ]);
  });

  it("reports an unterminated quote at the line where the record starts", () => {
    expect(parseCsv('a\n"open,1\nmore').error).toEqual({ line: 2, reason: "unterminated quoted field" });
  });
});

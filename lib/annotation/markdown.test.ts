import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./markdown";

describe("parseMarkdown", () => {
  it("reads paragraphs, headings, lists and inline marks", () => {
    expect(parseMarkdown("# Task\n\nPick the **nicer** image.\nTake *your* time.\n\n- one\n- two `x`")).toEqual([
      { t: "h", inline: [{ t: "text", v: "Task" }] },
      {
        t: "p",
        inline: [
          { t: "text", v: "Pick the " },
          { t: "strong", v: "nicer" },
          { t: "text", v: " image. Take " },
          { t: "em", v: "your" },
          { t: "text", v: " time." },
        ],
      },
      {
        t: "ul",
        items: [
          [{ t: "text", v: "one" }],
          [
            { t: "text", v: "two " },
            { t: "code", v: "x" },
          ],
        ],
      },
    ]);
  });

  it("keeps HTML as text and only allows http(s) links", () => {
    const [p] = parseMarkdown("<img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](https://example.org)");
    expect(p).toEqual({
      t: "p",
      inline: [
        { t: "text", v: "<img src=x onerror=alert(1)> [a](javascript:alert(1)) " },
        { t: "link", v: "b", href: "https://example.org" },
      ],
    });
  });
});

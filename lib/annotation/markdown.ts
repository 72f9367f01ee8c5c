/**
 * A tiny, safe subset of Markdown for campaign instructions: paragraphs, `#` headings, `-`/`*`
 * lists, **bold**, *italic*, `code` and [links](https://…). It yields a tree that React renders
 * as text nodes, so no HTML from a researcher ever reaches the annotator's page as markup.
 */
export type Inline = { t: "text" | "strong" | "em" | "code"; v: string } | { t: "link"; v: string; href: string };
export type Block = { t: "p" | "h"; inline: Inline[] } | { t: "ul"; items: Inline[][] };

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of source.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const lines = chunk
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length === 0) continue;
    if (lines.every((l) => /^[-*]\s+/.test(l)))
      blocks.push({ t: "ul", items: lines.map((l) => parseInline(l.replace(/^[-*]\s+/, ""))) });
    else if (lines.length === 1 && /^#{1,6}\s+/.test(lines[0]))
      blocks.push({ t: "h", inline: parseInline(lines[0].replace(/^#+\s+/, "")) });
    else blocks.push({ t: "p", inline: parseInline(lines.join(" ")) });
  }
  return blocks;
}

const INLINE = /\*\*(.+?)\*\*|\*(.+?)\*|`(.+?)`|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push({ t: "text", v: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ t: "strong", v: m[1] });
    else if (m[2] !== undefined) out.push({ t: "em", v: m[2] });
    else if (m[3] !== undefined) out.push({ t: "code", v: m[3] });
    else out.push({ t: "link", v: m[4], href: m[5] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ t: "text", v: text.slice(last) });
  return out;
}

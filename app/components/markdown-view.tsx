import { parseMarkdown, type Inline } from "@/lib/annotation/markdown";

/** Renders campaign instructions from the safe Markdown tree: text nodes only, never raw HTML. */
export function MarkdownView({ source, className }: { source: string; className?: string }) {
  return (
    <div className={className}>
      {parseMarkdown(source).map((block, i) =>
        block.t === "ul" ? (
          <ul key={i} className="ml-5 list-disc">
            {block.items.map((item, j) => (
              <li key={j}>{renderInline(item)}</li>
            ))}
          </ul>
        ) : block.t === "h" ? (
          <h2 key={i} className="font-semibold">
            {renderInline(block.inline)}
          </h2>
        ) : (
          <p key={i} className="mb-1">
            {renderInline(block.inline)}
          </p>
        ),
      )}
    </div>
  );
}

function renderInline(parts: Inline[]) {
  return parts.map((part, i) => {
    if (part.t === "strong") return <strong key={i}>{part.v}</strong>;
    if (part.t === "em") return <em key={i}>{part.v}</em>;
    if (part.t === "code") return <code key={i}>{part.v}</code>;
    if (part.t === "link")
      return (
        <a
          key={i}
          href={part.href}
          target="_blank"
          rel="noopener noreferrer nofollow"
          className="text-indigo-700 underline"
        >
          {part.v}
        </a>
      );
    return <span key={i}>{part.v}</span>;
  });
}

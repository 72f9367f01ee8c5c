/**
 * The results page's export links, shared by every task type: the HTML report and the figures (JSON,
 * CSV) under the page's settings `query` ("" or "?…"), then the task's own `rows` (paths under the
 * campaign's API, e.g. "/results/ratings").
 */
export function ExportLinks({
  campaignId,
  query,
  rows,
}: {
  campaignId: string;
  query: string;
  rows: { path: string; label: string }[];
}) {
  const api = `/api/campaigns/${campaignId}`;
  const and = query ? `${query}&` : "?";
  const links = [
    { href: `${api}/report${query}`, label: "HTML report" },
    { href: `${api}/results${query}`, label: "Figures (JSON)" },
    { href: `${api}/results${and}format=csv`, label: "Figures (CSV)" },
    ...rows.map((r) => ({ href: `${api}${r.path}`, label: r.label })),
  ];
  return (
    <nav aria-label="Exports" className="flex flex-wrap gap-3 text-sm">
      {links.map((l) => (
        <a key={l.label} className="rounded border bg-white px-3 py-1" href={l.href} download>
          {l.label}
        </a>
      ))}
    </nav>
  );
}

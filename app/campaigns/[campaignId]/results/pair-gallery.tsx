import Link from "next/link";
import type { Gallery } from "@/lib/results/gallery";
import { pct } from "@/lib/results/format";
import { GALLERY_SORTS } from "@/lib/results/gallery";
import { SelectField } from "./select-field";

/**
 * The researcher's gallery: pairs with both images, which model made each, and every judgment.
 * Filter and sort are GET parameters beside the settings, so a view can be linked.
 */
export function PairGallery({
  campaignId,
  gallery,
  query,
  baseQuery,
}: {
  campaignId: string;
  gallery: Gallery;
  query: { gcat?: string; gsort: string };
  baseQuery: URLSearchParams;
}) {
  const href = (over: Record<string, string | undefined>) => {
    const q = new URLSearchParams(baseQuery);
    for (const [k, v] of Object.entries({ gcat: query.gcat, gsort: query.gsort, ...over })) if (v) q.set(k, v);
    return `?${q.toString()}#gallery`;
  };
  const pages = Math.max(1, Math.ceil(gallery.total / gallery.pageSize));
  return (
    <section id="gallery" aria-label="Pair gallery" className="space-y-3 rounded bg-white p-4 shadow">
      <h2 className="text-xl font-semibold">Pairs</h2>
      <form method="get" action="#gallery" className="flex flex-wrap items-end gap-3 text-sm">
        {[...baseQuery.entries()].map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <SelectField name="gcat" label="Category" value={query.gcat ?? ""} options={gallery.categories} empty="all" />
        <SelectField name="gsort" label="Sort by" value={query.gsort} options={GALLERY_SORTS} />
        <button type="submit" className="rounded border px-3 py-1">
          Show
        </button>
        <span className="text-slate-500">
          {gallery.total} pairs · page {gallery.page} of {pages}
        </span>
      </form>
      <div className="grid gap-4 md:grid-cols-2">
        {gallery.pairs.map((p) => (
          <article key={p.pairId} className="rounded border p-2" data-testid="gallery-pair">
            <div className="flex gap-2">
              {[
                [p.imageAId, p.modelA],
                [p.imageBId, p.modelB],
              ].map(([id, model]) => (
                <figure key={id} className="w-1/2">
                  <img
                    src={`/api/campaigns/${campaignId}/images/${id}`}
                    alt={`${model}: ${p.prompt}`}
                    className="w-full rounded"
                    loading="lazy"
                  />
                  <figcaption className="text-xs font-medium">{model}</figcaption>
                </figure>
              ))}
            </div>
            <p className="mt-1 text-sm">
              <span className="text-slate-500">
                {p.promptId}
                {p.category ? ` · ${p.category}` : ""}
                {p.challenge ? ` · ${p.challenge}` : ""} · seed {p.seed}
              </span>
              <br />“{p.prompt}”
            </p>
            <p className="text-xs text-slate-500">
              disagreement {pct(p.disagreement, 0)} · decisiveness {pct(p.decisiveness, 0)} · {p.votes} analysed votes
            </p>
            <ul className="mt-1 text-xs">
              {p.judgments.map((j, i) => (
                <li key={i} className={j.excluded ? "text-slate-400 line-through" : ""}>
                  {j.criterion}: {j.winningModel} ({j.choice}) · {j.annotator}
                  {j.latencyMs !== null ? ` · ${(j.latencyMs / 1000).toFixed(1)} s` : ""}
                </li>
              ))}
            </ul>
          </article>
        ))}
      </div>
      <nav className="flex gap-3 text-sm">
        {gallery.page > 1 && <Link href={href({ gpage: String(gallery.page - 1) })}>← previous</Link>}
        {gallery.page < pages && <Link href={href({ gpage: String(gallery.page + 1) })}>next →</Link>}
      </nav>
    </section>
  );
}

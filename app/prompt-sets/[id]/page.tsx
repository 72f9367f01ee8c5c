import Link from "next/link";
import { guardPage, orNotFound } from "@/lib/auth/page-guard";
import { AppError } from "@/lib/errors";
import { countPrompts } from "@/lib/prompts/count-prompts";
import { findPromptSet } from "@/lib/prompts/find-prompt-set";
import { listPrompts, NONE_FILTER, parsePromptQuery, type PromptQuery } from "@/lib/prompts/list-prompts";
import { DataTable } from "../../components/data-table";
import { Field, INPUT } from "../../components/form-parts";
import type { RoutePageProps } from "../../components/page-props";
import { PageShell } from "../../components/page-shell";
import { ImportReportView } from "../import-report-view";

export const dynamic = "force-dynamic";

export default async function PromptSetPage({ params, searchParams }: RoutePageProps<{ id: string }>) {
  const user = await guardPage("prompts:read");
  const { id } = await params;
  const set = await orNotFound(() => findPromptSet(id));
  let query: PromptQuery;
  let queryError: string | null = null;
  try {
    query = parsePromptQuery(await searchParams);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    queryError = error.message;
    query = parsePromptQuery({});
  }
  const [counts, page] = await Promise.all([countPrompts(set.id), listPrompts(set.id, query)]);
  const maxCategory = Math.max(1, ...counts.categories.map((c) => c.count));
  const filtered = query.category !== undefined || query.challenge !== undefined || query.q !== undefined;

  /** This page's URL with some parameters changed (undefined removes one); page resets unless given. */
  const href = (change: Partial<Record<"category" | "challenge" | "q" | "page", string | undefined>>) => {
    const next = new URLSearchParams();
    const merged = {
      category: query.category,
      challenge: query.challenge,
      q: query.q,
      page: undefined as string | undefined,
      ...change,
    };
    for (const [key, value] of Object.entries(merged))
      if (value !== undefined && value !== "" && !(key === "page" && value === "1")) next.set(key, value);
    const qs = next.toString();
    return `/prompt-sets/${set.id}${qs ? `?${qs}` : ""}`;
  };
  const label = (name: string | null) => name ?? NONE_FILTER;

  return (
    <PageShell user={user} className="max-w-6xl space-y-6">
      <div>
        <Link href="/prompt-sets" className="text-sm text-indigo-700">
          ← Prompt sets
        </Link>
        <h1 className="text-2xl font-semibold">
          {set.name} <span className="text-slate-500">v{set.version}</span>
        </h1>
        <p className="text-sm text-slate-600">
          {set.promptCount.toLocaleString("en")} prompts · {counts.categories.filter((c) => c.name !== null).length}{" "}
          categories · {counts.challenges.filter((c) => c.name !== null).length} challenges ·{" "}
          {counts.notes.toLocaleString("en")} notes · from {set.sourceFile ?? "?"} ({set.format})
          {set.versions.length > 1 && (
            <>
              {" "}
              · versions:{" "}
              {set.versions.map((v) => (
                <Link
                  key={v.id}
                  href={`/prompt-sets/${v.id}`}
                  className={`ml-1 ${v.id === set.id ? "font-semibold" : "text-indigo-700"}`}
                >
                  v{v.version}
                </Link>
              ))}
            </>
          )}
        </p>
      </div>

      <section aria-labelledby="chart-heading" className="rounded bg-white p-4 shadow">
        <h2 id="chart-heading" className="mb-3 text-lg font-semibold">
          Prompts per category
        </h2>
        <ul aria-label="Prompts per category" className="space-y-1 text-sm">
          {counts.categories.map((c) => {
            const active = query.category === label(c.name);
            return (
              <li key={label(c.name)}>
                <Link
                  href={href({ category: active ? undefined : label(c.name) })}
                  className="grid grid-cols-[12rem_1fr_4rem] items-center gap-3 hover:bg-slate-50"
                  aria-current={active ? "true" : undefined}
                >
                  <span className={`truncate ${active ? "font-semibold text-indigo-700" : ""}`}>{label(c.name)}</span>
                  <span className="h-4 rounded bg-slate-100">
                    <span
                      className={`block h-4 rounded ${active ? "bg-indigo-600" : "bg-indigo-300"}`}
                      style={{ width: `${(100 * c.count) / maxCategory}%` }}
                    />
                  </span>
                  <span className="text-right tabular-nums" data-testid={`category-count-${label(c.name)}`}>
                    {c.count.toLocaleString("en")}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="prompts-heading" className="space-y-3">
        <h2 id="prompts-heading" className="text-lg font-semibold">
          Prompts
        </h2>
        <form
          method="get"
          action={`/prompt-sets/${set.id}`}
          className="flex flex-wrap items-end gap-3 rounded bg-white p-4 shadow"
          role="search"
        >
          {FILTERS.map(({ counts: listed, ...f }) => (
            <FilterSelect key={f.name} {...f} value={query[f.name]} options={counts[listed]} label={label} />
          ))}
          <Field label="Search" htmlFor="filter-q" className="grow">
            <input
              type="search"
              id="filter-q"
              name="q"
              defaultValue={query.q ?? ""}
              maxLength={500}
              placeholder="words in the prompt"
              className={`${INPUT.inline} w-full`}
            />
          </Field>
          <button type="submit" className="rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700">
            Apply
          </button>
          {filtered && (
            <Link
              href={href({ category: undefined, challenge: undefined, q: undefined })}
              className="py-2 text-sm text-indigo-700"
            >
              Clear
            </Link>
          )}
        </form>
        {queryError && (
          <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-700">
            {queryError}
          </p>
        )}
        <p className="text-sm text-slate-600">
          <span data-testid="match-count">{page.total.toLocaleString("en")}</span> {filtered ? "matching " : ""}
          prompts · page {page.page} of {page.pageCount}
        </p>
        <DataTable
          label="Prompts"
          rows={page.items}
          rowKey={(p) => p.id}
          rowClassName="align-top"
          columns={[
            { header: "#", cellClassName: "tabular-nums text-slate-500", cell: (p) => p.position + 1 },
            {
              header: "Prompt",
              cellClassName: "whitespace-pre-wrap break-words",
              testId: "prompt-text",
              cell: (p) => p.text,
            },
            { header: "Category", cell: (p) => p.category ?? "" },
            { header: "Challenge", cell: (p) => p.challenge ?? "" },
            { header: "Note", cellClassName: "text-slate-600", cell: (p) => p.note ?? "" },
            { header: "Id", cellClassName: "font-mono text-xs text-slate-500", cell: (p) => p.externalId },
          ]}
        />
        {page.items.length === 0 && <p className="text-slate-600">No prompts match.</p>}
        <nav aria-label="Pages" className="flex items-center gap-4 text-sm">
          {page.page > 1 ? (
            <Link href={href({ page: String(page.page - 1) })} className="text-indigo-700">
              ← Previous
            </Link>
          ) : (
            <span className="text-slate-400">← Previous</span>
          )}
          <span>
            Page {page.page} of {page.pageCount}
          </span>
          {page.page < page.pageCount ? (
            <Link href={href({ page: String(page.page + 1) })} className="text-indigo-700">
              Next →
            </Link>
          ) : (
            <span className="text-slate-400">Next →</span>
          )}
        </nav>
      </section>

      {set.report && (
        <details className="rounded bg-white p-4 shadow">
          <summary className="cursor-pointer font-medium">Import report</summary>
          <div className="mt-2">
            <ImportReportView report={set.report} />
          </div>
        </details>
      )}
    </PageShell>
  );
}

/** A category or challenge filter: the option values are the labels the query expects. */
/** The prompt table's two drop-down filters: query parameter, label, "all" option, and the counts they list. */
const FILTERS = [
  { name: "category", title: "Category", all: "All categories", counts: "categories" },
  { name: "challenge", title: "Challenge", all: "All challenges", counts: "challenges" },
] as const;

function FilterSelect(props: {
  name: string;
  title: string;
  all: string;
  value: string | undefined;
  options: { name: string | null; count: number }[];
  label: (name: string | null) => string;
}) {
  const { name, title, all, value, options, label } = props;
  return (
    <Field label={title} htmlFor={`filter-${name}`}>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className={INPUT.inline}>
        <option value="">{all}</option>
        {options.map((c) => (
          <option key={label(c.name)} value={label(c.name)}>
            {label(c.name)} ({c.count})
          </option>
        ))}
      </select>
    </Field>
  );
}

import Link from "next/link";
import { guardAndLoad } from "@/lib/auth/page-guard";
import { roleMay } from "@/lib/auth/permissions";
import { listPromptSets } from "@/lib/prompts/list-prompt-sets";
import { DataTable } from "../components/data-table";
import { PageShell } from "../components/page-shell";
import { UploadForm } from "./upload-form";

export const dynamic = "force-dynamic";

export default async function PromptSetsPage() {
  const { user, data: sets } = await guardAndLoad("prompts:read", listPromptSets);
  return (
    <PageShell user={user} title="Prompt sets" className="max-w-5xl space-y-6">
      {roleMay(user.role, "prompts:write") && <UploadForm />}
      <section aria-labelledby="sets-heading">
        <h2 id="sets-heading" className="mb-2 text-lg font-semibold">
          Imported sets
        </h2>
        {sets.length === 0 ? (
          <p className="text-slate-600">No prompt sets yet. Upload a TSV, CSV, JSONL or TXT file above.</p>
        ) : (
          <DataTable
            label="Prompt sets"
            padding="roomy"
            rows={sets}
            rowKey={(s) => s.id}
            columns={[
              {
                header: "Name",
                cell: (s) => (
                  <Link href={`/prompt-sets/${s.id}`} className="font-medium text-indigo-700">
                    {s.name}
                  </Link>
                ),
              },
              {
                header: "Version",
                cell: (s) => (
                  <>
                    v{s.version}
                    {s.latest && (
                      <span className="ml-2 rounded bg-emerald-50 px-1.5 text-xs text-emerald-700">latest</span>
                    )}
                  </>
                ),
              },
              {
                header: "Prompts",
                className: "text-right",
                cellClassName: "tabular-nums",
                cell: (s) => s.promptCount.toLocaleString("en"),
              },
              {
                header: "Categories",
                className: "text-right",
                cellClassName: "tabular-nums",
                cell: (s) => s.categoryCount,
              },
              {
                header: "Challenges",
                className: "text-right",
                cellClassName: "tabular-nums",
                cell: (s) => s.challengeCount,
              },
              {
                header: "Source",
                cellClassName: "text-slate-600",
                cell: (s) => (
                  <>
                    {s.sourceFile ?? "—"} ({s.format})
                  </>
                ),
              },
              {
                header: "Imported",
                cellClassName: "text-slate-600",
                cell: (s) => (
                  <>
                    {s.createdAt.toISOString().slice(0, 16).replace("T", " ")}
                    {s.createdBy ? ` · ${s.createdBy}` : ""}
                  </>
                ),
              },
            ]}
          />
        )}
      </section>
    </PageShell>
  );
}

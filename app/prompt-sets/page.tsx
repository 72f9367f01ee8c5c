import Link from "next/link";
import { guardPage } from "@/lib/auth/page-guard";
import { roleMay } from "@/lib/auth/permissions";
import { listPromptSets } from "@/lib/prompts/list-prompt-sets";
import { Header } from "../components/header";
import { UploadForm } from "./upload-form";

export const dynamic = "force-dynamic";

export default async function PromptSetsPage() {
  const user = await guardPage("prompts:read");
  const sets = await listPromptSets();
  return (
    <>
      <Header user={user} />
      <main className="mx-auto max-w-5xl space-y-6 p-6">
        <h1 className="text-2xl font-semibold">Prompt sets</h1>
        {roleMay(user.role, "prompts:write") && <UploadForm />}
        <section aria-labelledby="sets-heading">
          <h2 id="sets-heading" className="mb-2 text-lg font-semibold">
            Imported sets
          </h2>
          {sets.length === 0 ? (
            <p className="text-slate-600">No prompt sets yet. Upload a TSV, CSV, JSONL or TXT file above.</p>
          ) : (
            <table className="w-full rounded bg-white text-left text-sm shadow" aria-label="Prompt sets">
              <thead>
                <tr className="border-b text-slate-500">
                  <th className="p-3">Name</th>
                  <th className="p-3">Version</th>
                  <th className="p-3 text-right">Prompts</th>
                  <th className="p-3 text-right">Categories</th>
                  <th className="p-3 text-right">Challenges</th>
                  <th className="p-3">Source</th>
                  <th className="p-3">Imported</th>
                </tr>
              </thead>
              <tbody>
                {sets.map((s) => (
                  <tr key={s.id} className="border-b last:border-0">
                    <td className="p-3">
                      <Link href={`/prompt-sets/${s.id}`} className="font-medium text-indigo-700">
                        {s.name}
                      </Link>
                    </td>
                    <td className="p-3">
                      v{s.version}
                      {s.latest && (
                        <span className="ml-2 rounded bg-emerald-50 px-1.5 text-xs text-emerald-700">latest</span>
                      )}
                    </td>
                    <td className="p-3 text-right tabular-nums">{s.promptCount.toLocaleString("en")}</td>
                    <td className="p-3 text-right tabular-nums">{s.categoryCount}</td>
                    <td className="p-3 text-right tabular-nums">{s.challengeCount}</td>
                    <td className="p-3 text-slate-600">
                      {s.sourceFile ?? "—"} ({s.format})
                    </td>
                    <td className="p-3 text-slate-600">
                      {s.createdAt.toISOString().slice(0, 16).replace("T", " ")}
                      {s.createdBy ? ` · ${s.createdBy}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </main>
    </>
  );
}

import { guardPage } from "@/lib/auth/page-guard";
import { listModels } from "@/lib/model-registry/list-models";
import { Header } from "../components/header";
import { RegisterModelForm } from "./register-model-form";

export const dynamic = "force-dynamic";

export default async function ModelsPage() {
  const user = await guardPage("models:read");
  const models = await listModels();
  return (
    <>
      <Header user={user} />
      <main className="mx-auto max-w-5xl space-y-6 p-6">
        <h1 className="text-2xl font-semibold">Models</h1>
        <table className="w-full rounded bg-white text-left text-sm shadow">
          <thead>
            <tr className="border-b text-slate-500">
              <th className="p-2">Name</th>
              <th className="p-2">Version</th>
              <th className="p-2">Adapter</th>
              <th className="p-2">Config (secrets redacted)</th>
              <th className="p-2">Images</th>
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr key={m.id} className="border-b align-top last:border-0">
                <td className="p-2 font-medium">{m.name}</td>
                <td className="p-2">{m.version}</td>
                <td className="p-2">{m.kind}</td>
                <td className="p-2">
                  <code className="text-xs break-all">{JSON.stringify(m.config)}</code>
                </td>
                <td className="p-2">{m.images}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {user.role !== "annotator" && <RegisterModelForm />}
      </main>
    </>
  );
}

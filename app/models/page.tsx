import { guardAndLoad } from "@/lib/auth/page-guard";
import { adapterForms } from "@/lib/model-registry/config-form";
import { listModels } from "@/lib/model-registry/list-models";
import { imagesText } from "@/lib/campaigns/count-labels";
import { DataTable } from "../components/data-table";
import { PageShell } from "../components/page-shell";
import { RegisterModelForm } from "./register-model-form";

export const dynamic = "force-dynamic";

export default async function ModelsPage() {
  const { user, data: models } = await guardAndLoad("models:read", listModels);
  return (
    <PageShell user={user} title="Models" className="max-w-5xl space-y-6">
      <DataTable
        rows={models}
        rowKey={(m) => m.id}
        rowClassName="align-top"
        columns={[
          { header: "Name", cell: (m) => m.name, cellClassName: "font-medium" },
          { header: "Version", cell: (m) => m.version },
          { header: "Adapter", cell: (m) => m.kind },
          {
            header: "Config (secrets redacted)",
            cell: (m) => <code className="text-xs break-all">{JSON.stringify(m.config)}</code>,
          },
          { header: "Images", cell: (m) => imagesText(m.images) },
        ]}
      />
      {user.role !== "annotator" && <RegisterModelForm forms={adapterForms()} />}
    </PageShell>
  );
}

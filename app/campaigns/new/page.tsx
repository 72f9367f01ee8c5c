import { guardAndLoad } from "@/lib/auth/page-guard";
import { wizardOptions } from "@/lib/campaigns/wizard-options";
import { EMU_CRITERIA } from "@/lib/campaigns/emu-criteria";
import { PageShell } from "../../components/page-shell";
import { CampaignWizard } from "./campaign-wizard";

export const dynamic = "force-dynamic";

export default async function NewCampaignPage() {
  const { user, data: options } = await guardAndLoad("campaign:write", wizardOptions);
  return (
    <PageShell user={user} title="New campaign" className="max-w-3xl space-y-4">
      <CampaignWizard promptSets={options.promptSets} models={options.models} defaultCriteria={EMU_CRITERIA} />
    </PageShell>
  );
}

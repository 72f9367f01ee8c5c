import { guardPage } from "@/lib/auth/page-guard";
import { wizardOptions } from "@/lib/campaigns/wizard-options";
import { EMU_CRITERIA } from "@/lib/campaigns/emu-criteria";
import { Header } from "../../components/header";
import { CampaignWizard } from "./campaign-wizard";

export const dynamic = "force-dynamic";

export default async function NewCampaignPage() {
  const user = await guardPage("campaign:write");
  const options = await wizardOptions();
  return (
    <>
      <Header user={user} />
      <main className="mx-auto max-w-3xl p-6">
        <h1 className="mb-4 text-2xl font-semibold">New campaign</h1>
        <CampaignWizard promptSets={options.promptSets} models={options.models} defaultCriteria={EMU_CRITERIA} />
      </main>
    </>
  );
}

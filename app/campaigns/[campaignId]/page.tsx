import { guardPage, orNotFound } from "@/lib/auth/page-guard";
import { findOwnedCampaign } from "@/lib/campaigns/owned-campaign";
import { campaignSummary } from "@/lib/campaigns/campaign-summary";
import { Header } from "../../components/header";
import { LiveSummary } from "./live-summary";
import { CampaignControls } from "./campaign-controls";
import { GenerationProgress } from "./generation-progress";
import { JoinLinksSection } from "./join-links";

export const dynamic = "force-dynamic";

export default async function CampaignPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const user = await guardPage("campaign:read");
  const { campaignId } = await params;
  const campaign = await orNotFound(() => findOwnedCampaign(user, campaignId));
  const summary = await campaignSummary(campaign.id);
  return (
    <>
      <Header user={user} />
      <main className="mx-auto max-w-4xl p-6">
        <h1 className="text-2xl font-semibold">{campaign.name}</h1>
        <a href={`/campaigns/${campaign.id}/results`} className="text-sm text-indigo-700" data-testid="results-link">
          Results and reports →
        </a>
        <CampaignControls campaignId={campaign.id} status={campaign.status} />
        <GenerationProgress campaignId={campaign.id} />
        <LiveSummary initial={summary} />
        <JoinLinksSection user={user} campaignId={campaign.id} />
      </main>
    </>
  );
}

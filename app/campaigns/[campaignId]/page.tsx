import { guardPage, orNotFound } from "@/lib/auth/page-guard";
import { findOwnedCampaign } from "@/lib/campaigns/owned-campaign";
import { campaignSummary } from "@/lib/campaigns/campaign-summary";
import { PageShell } from "../../components/page-shell";
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
    <PageShell user={user} title={campaign.name} className="max-w-4xl">
      <a href={`/campaigns/${campaign.id}/results`} className="text-sm text-indigo-700" data-testid="results-link">
        Results and reports →
      </a>
      <CampaignControls campaignId={campaign.id} status={campaign.status} />
      <GenerationProgress campaignId={campaign.id} />
      <LiveSummary initial={summary} />
      <JoinLinksSection user={user} campaignId={campaign.id} />
    </PageShell>
  );
}

import { guardPage, orNotFound } from "@/lib/auth/page-guard";
import { campaignSummary } from "@/lib/campaigns/campaign-summary";
import { findOwnedCampaign } from "@/lib/campaigns/owned-campaign";
import { PageShell } from "../../components/page-shell";
import { LiveSummary } from "./live-summary";
import { CampaignControls } from "./campaign-controls";
import { GenerationProgress } from "./generation-progress";
import { JoinLinksSection } from "./join-links";
import { ProtocolReview } from "./protocol-review";
import { CurationExperts } from "./curation-experts";

export const dynamic = "force-dynamic";

export default async function CampaignPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const user = await guardPage("campaign:read");
  const { campaignId } = await params;
  const summary = await orNotFound(() => campaignSummary(user, campaignId));
  const { taskType } = await findOwnedCampaign(user, campaignId);
  return (
    <PageShell user={user} title={summary.name} className="max-w-4xl">
      <a href={`/campaigns/${summary.id}/results`} className="text-sm text-indigo-700" data-testid="results-link">
        Results and reports →
      </a>
      <CampaignControls campaignId={summary.id} status={summary.status} />
      <ProtocolReview user={user} campaignId={summary.id} draft={summary.status === "draft"} />
      <GenerationProgress campaignId={summary.id} />
      <LiveSummary initial={summary} />
      <JoinLinksSection user={user} campaignId={summary.id} />
      {taskType === "curation" && <CurationExperts user={user} campaignId={summary.id} />}
    </PageShell>
  );
}

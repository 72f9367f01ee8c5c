import { guardPage, orNotFound } from "@/lib/auth/page-guard";
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
  const summary = await orNotFound(() => campaignSummary(user, campaignId));
  return (
    <>
      <Header user={user} />
      <main className="mx-auto max-w-4xl p-6">
        <h1 className="text-2xl font-semibold">{summary.name}</h1>
        <a href={`/campaigns/${summary.id}/results`} className="text-sm text-indigo-700" data-testid="results-link">
          Results and reports →
        </a>
        <CampaignControls campaignId={summary.id} status={summary.status} />
        <GenerationProgress campaignId={summary.id} />
        <LiveSummary initial={summary} />
        <JoinLinksSection user={user} campaignId={summary.id} />
      </main>
    </>
  );
}

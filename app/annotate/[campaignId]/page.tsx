import { guardPage, orNotFound } from "@/lib/auth/page-guard";
import { requireParticipation } from "@/lib/annotation/participation";
import { requireConsent } from "@/lib/access/consent-gate";
import { VotingApp } from "./voting-app";
import { RatingApp } from "./rating-app";
import { RankingApp } from "./ranking-app";
import { CurationApp } from "./curation-app";
import { curationRubric } from "@/lib/curation/curation-view";

export const dynamic = "force-dynamic";

export default async function AnnotatePage({ params }: { params: Promise<{ campaignId: string }> }) {
  const user = await guardPage("vote");
  const { campaignId } = await params;
  const participation = await orNotFound(() => requireParticipation(campaignId, user.id));
  requireConsent(participation);
  if (participation.campaign.taskType === "rating")
    return (
      <main className="mx-auto max-w-4xl p-4">
        <h1 className="sr-only">Rate one image</h1>
        <RatingApp campaignId={campaignId} instructions={participation.campaign.instructions} />
      </main>
    );
  if (participation.campaign.taskType === "ranking")
    return (
      <main className="mx-auto max-w-6xl p-4">
        <h1 className="sr-only">Order images</h1>
        <RankingApp campaignId={campaignId} instructions={participation.campaign.instructions} />
      </main>
    );
  if (participation.campaign.taskType === "curation")
    return (
      <main className="mx-auto max-w-6xl p-4">
        <h1 className="sr-only">Accept or reject images</h1>
        <CurationApp
          campaignId={campaignId}
          instructions={participation.campaign.instructions}
          rubric={await curationRubric(campaignId)}
        />
      </main>
    );
  return (
    <main className="mx-auto max-w-6xl p-2 md:p-4">
      <h1 className="sr-only">Compare two images</h1>
      <VotingApp campaignId={campaignId} instructions={participation.campaign.instructions} />
    </main>
  );
}

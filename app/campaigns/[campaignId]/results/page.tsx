import Link from "next/link";
import { guardPage, orNotFound } from "@/lib/auth/page-guard";
import { findOwnedCampaign } from "@/lib/campaigns/owned-campaign";
import { AppError } from "@/lib/errors";
import { analyseCampaign } from "@/lib/results/campaign-results";
import { crowdIdentities, crowdLabel } from "@/lib/results/crowd-ids";
import { galleryPairs, galleryQuerySchema } from "@/lib/results/gallery";
import { describeSettings } from "@/lib/results/report-view";
import { criterionLabel, inProtocolOrder, readMatchup } from "@/lib/results/criterion-reading";
import { parseResultsSettings, settingsQuery } from "@/lib/results/settings";
import type { RoutePageProps } from "../../../components/page-props";
import { PageShell } from "../../../components/page-shell";
import { AnnotatorTable } from "./annotator-table";
import { CriterionSection, ExclusionComparison } from "./criterion-section";
import { PairGallery } from "./pair-gallery";
import { SettingsForm } from "./settings-form";
import { ExportLinks } from "./export-links";
import { RatingResultsView } from "./rating-results-view";
import { RankingResultsView } from "./ranking-results-view";
import { ratingResults } from "@/lib/rating/rating-results";
import { rankingResults } from "@/lib/ranking/ranking-results";
import { CurationResultsView } from "./curation-results-view";
import { curationResults } from "@/lib/curation/curation-results";

export const dynamic = "force-dynamic";

/** Bad settings in the URL: say which field and how, with a way back to the defaults. */
function SettingsError({ error, campaignId }: { error: AppError; campaignId: string }) {
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-4 text-sm">
      <p className="font-semibold">These results settings are not valid: {error.message}</p>
      <ul className="list-disc pl-5">
        {error.issues.map((i) => (
          <li key={i.field}>
            <code>{i.field}</code>: {i.message}
          </li>
        ))}
      </ul>
      <Link href={`/campaigns/${campaignId}/results`} className="text-indigo-700">
        Show the results with the default settings
      </Link>
    </div>
  );
}

export default async function ResultsPage({ params, searchParams }: RoutePageProps<{ campaignId: string }>) {
  const user = await guardPage("results:read");
  const { campaignId } = await params;
  const campaign = await orNotFound(() => findOwnedCampaign(user, campaignId));
  const sp = await searchParams;
  const one = (k: string) => (Array.isArray(sp[k]) ? sp[k][0] : sp[k]) || undefined;
  let body: React.ReactNode;
  try {
    if (campaign.taskType === "curation")
      return (
        <PageShell user={user} className="max-w-6xl space-y-4" title={`${campaign.name} · results`}>
          <CurationResultsView report={await curationResults(user, campaign.id)} />
        </PageShell>
      );
    const settings = parseResultsSettings(sp);
    if (campaign.taskType === "rating" || campaign.taskType === "ranking") {
      const q = settingsQuery(settings).toString();
      const query = q ? `?${q}` : "";
      return (
        <PageShell user={user} className="max-w-6xl space-y-4" title={`${campaign.name} · results`}>
          {campaign.taskType === "rating" ? (
            <RatingResultsView report={await ratingResults(user, campaign.id, settings)} query={query} />
          ) : (
            <RankingResultsView report={await rankingResults(user, campaign.id, settings)} query={query} />
          )}
        </PageShell>
      );
    }
    const gq = galleryQuerySchema.safeParse({ gcat: one("gcat"), gsort: one("gsort"), gpage: one("gpage") });
    if (!gq.success) throw AppError.fromZod(gq.error, "gallery query");
    const analysis = await analyseCampaign(user, campaign.id, settings);
    const gallery = await galleryPairs(analysis, gq.data);
    // Crowd ids are the owner's (to pay by), read apart from the kept results so no report or export carries them.
    const crowd = await crowdIdentities(user, campaign.id);
    const crowdIds = Object.fromEntries([...crowd.values()].map((c) => [c.pseudonym, crowdLabel(c)!]));
    const { report } = analysis;
    const q = settingsQuery(settings);
    const qs = q.toString() ? `?${q.toString()}` : "";
    body = (
      <>
        <SettingsForm settings={settings} models={report.protocol.models} reference={report.settings.reference} />
        <p className="text-sm text-slate-600" data-testid="settings-summary" data-results-cache={analysis.cache}>
          {report.dataSnapshot.analysed} of {report.dataSnapshot.judgments} judgments analysed (
          {report.dataSnapshot.gold} on gold pairs, {report.dataSnapshot.excluded} from excluded annotators
          {report.settings.flaggedAnnotatorsExcluded.length > 0
            ? `: ${report.settings.flaggedAnnotatorsExcluded.join(", ")} flagged`
            : ""}
          {report.settings.flagSignals !== null
            ? `; flags that exclude: ${report.settings.flagSignals.join(", ") || "none"}`
            : ""}
          ) · {settings.aggregation} · {describeSettings(settings)} · {settings.rounds} bootstrap rounds, seed{" "}
          {settings.seed} · data as of {report.dataSnapshot.time ?? "—"} · photogenic {report.codeVersion.version}
          {report.codeVersion.commit ? ` (${report.codeVersion.commit.slice(0, 8)})` : ""}
        </p>
        <ExportLinks
          campaignId={campaign.id}
          query={qs}
          rows={[
            { path: `/results/judgments${qs}`, label: "Every judgment (CSV)" },
            { path: `/results/prolific${qs}`, label: "Prolific approve / reject (CSV)" },
          ]}
        />
        {report.stats.criteria.length === 0 && !report.withExcludedAnnotators && (
          <p className="rounded bg-white p-4 shadow">No judgments yet: results appear with the first votes.</p>
        )}
        {report.withExcludedAnnotators?.criteria
          .filter((x) => !report.stats.criteria.some((c) => c.criterion === x.criterion))
          .map((x) => (
            <section
              key={x.criterion}
              className="space-y-3 rounded bg-white p-4 shadow"
              aria-label={`Criterion ${criterionLabel(x.criterion)}`}
            >
              <h2 className="text-xl font-semibold">{criterionLabel(x.criterion)}</h2>
              <p className="text-sm">
                Every judgment on this criterion comes from an excluded annotator: nothing is left to analyse under
                these settings.
              </p>
              <ExclusionComparison
                criterion={x.criterion}
                analysed={[]}
                withExcluded={x.headToHead}
                settings={settings}
                read={(h) => readMatchup(h, h.opponent === report.settings.reference)}
              />
            </section>
          ))}
        {inProtocolOrder(report).map(({ c, protocol }) => (
          <CriterionSection
            key={c.criterion}
            c={c}
            protocol={protocol}
            settings={settings}
            reference={report.settings.reference}
            withExcluded={
              report.withExcludedAnnotators
                ? (report.withExcludedAnnotators.criteria.find((x) => x.criterion === c.criterion)?.headToHead ?? [])
                : null
            }
          />
        ))}
        <section aria-label="Annotators" className="rounded bg-white p-4 shadow">
          <h2 className="text-xl font-semibold">Annotators</h2>
          <AnnotatorTable annotators={report.annotators} crowdIds={crowdIds} />
        </section>
        <PairGallery campaignId={campaign.id} gallery={gallery} query={gq.data} baseQuery={q} />
      </>
    );
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "VALIDATION") throw error;
    body = <SettingsError error={error} campaignId={campaign.id} />;
  }
  return (
    <PageShell
      user={user}
      className="max-w-6xl space-y-4"
      title={
        <>
          <Link href={`/campaigns/${campaign.id}`} className="text-indigo-700">
            {campaign.name}
          </Link>{" "}
          · results
        </>
      }
    >
      {body}
    </PageShell>
  );
}

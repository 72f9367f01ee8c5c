import type { ReactNode } from "react";
import type { CurrentUser } from "@/lib/auth/guard";
import { campaignProtocol } from "@/lib/campaigns/campaign-protocol";
import { BudgetSummary } from "../../components/budget-summary";
import { MarkdownView } from "../../components/markdown-view";
import { FILL_POLICY_TEXT } from "../new/fill-policy-field";
import { ruleWords } from "@/lib/curation/curation-spec";

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="contents">
      <dt className="font-medium">{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/**
 * The campaign's whole protocol, for review before Launch: open on a draft, folded away once the
 * campaign runs (the protocol no longer changes under judgments; a new version copies it).
 */
export async function ProtocolReview({
  user,
  campaignId,
  draft,
}: {
  user: CurrentUser;
  campaignId: string;
  draft: boolean;
}) {
  const p = await campaignProtocol(user, campaignId);
  // Rating and ranking campaigns answer images or sets, not pairs (issue 22).
  const item = p.taskType === "rating" ? "image" : p.taskType === "ranking" ? "set" : null;
  // What the item lease engine hands out (rating, ranking and curation), for the assignment rows.
  const leased = item ?? (p.curation ? "image" : null);
  return (
    <section aria-label="Protocol" className="mt-6 rounded bg-white p-4 shadow">
      <details open={draft}>
        <summary className="cursor-pointer text-lg font-semibold">
          Protocol{draft ? ": review before Launch" : ""}
        </summary>
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
          <Row label="Prompts" testId="protocol-prompts">
            {p.prompts} from {p.promptSet.name}@{p.promptSet.version} ({p.subset}) in {p.categories.length}{" "}
            {p.categories.length === 1 ? "category" : "categories"}:{" "}
            {p.categories.map((c) => `${c.category} ${c.prompts}`).join(" · ")}
          </Row>
          <Row label="Models" testId="protocol-models">
            {p.models.map((m) => `${m.name}@${m.version}${m.baseline ? " (baseline)" : ""}`).join(", ")} —{" "}
            {item === "image"
              ? "each image rated on its own"
              : item === "set"
                ? `sets of ${p.models.length} images, one per model`
                : PAIR_DESIGN_WORDS[p.pairDesign]}
          </Row>
          <Row label="Seeds" testId="protocol-seeds">
            {p.seedsPerPrompt} per prompt ({p.seedsPerPrompt === 1 ? "seed 0" : `seeds 0–${p.seedsPerPrompt - 1}`})
          </Row>
          <Row
            label={item === "image" ? "Rating aspects" : item === "set" ? "Question" : "Criteria"}
            testId="protocol-criteria"
          >
            <ol className="ml-5 list-decimal space-y-1">
              {p.criteria.map((c) => (
                <li key={c.key}>
                  <span className="font-mono">{c.key}</span>: “{c.question}” —{" "}
                  {c.scale
                    ? `rated on ${c.scale.replace("_", "-")}`
                    : item === "set"
                      ? "images put in order, ties allowed"
                      : c.choices.join(" / ")}
                  ; {c.showPrompt ? "prompt shown" : "prompt hidden"}; {c.judgmentsPerPair}{" "}
                  {item ? `${item === "image" ? "ratings" : "rankings"} per ${item}` : "judgments per pair"}
                </li>
              ))}
            </ol>
            <p className="mt-1 text-slate-600">
              {item === "image"
                ? "Aspects that hide the prompt are asked first, on their own; then the others together."
                : item === "set"
                  ? "The images are shown in a random order per annotator."
                  : `Asked ${p.criteriaMode === "sequential" ? "one after another" : "together on one view"}.`}
            </p>
          </Row>
          {p.curation && (
            <Row label="Curation" testId="protocol-curation">
              <p>Images from {p.curation.imageFolder ? `the folder ${p.curation.imageFolder}` : "the models above"}.</p>
              <ol className="ml-5 list-decimal">
                {p.curation.stages.map((s, i) => (
                  <li key={i}>
                    {i === 0 ? "Everyone" : "Experts, the survivors only"}: {ruleWords(s)}
                  </li>
                ))}
              </ol>
              <MarkdownView source={p.curation.rubric} className="mt-1 rounded border border-dashed p-2" />
            </Row>
          )}
          {!item && !p.curation && (
            <Row label="Gold pairs" testId="protocol-gold">
              {p.goldRate > 0 ? `${(p.goldRate * 100).toFixed(1)}% of the pairs an annotator sees` : "none"}
            </Row>
          )}
          <Row label="Fill policy" testId="protocol-fill-policy">
            {leased
              ? `The least-answered ${leased} next: every ${leased} gets a first answer before any gets a second.`
              : `${FILL_POLICY_TEXT[p.fillPolicy].label}: ${FILL_POLICY_TEXT[p.fillPolicy].help}`}
          </Row>
          <Row label="Per annotator">
            {p.perAnnotatorCap === null ? "no cap" : `at most ${p.perAnnotatorCap} ${leased ?? "pair"}s`}; leases last{" "}
            {p.leaseSeconds} s
          </Row>
          <Row label="Completion">
            {p.completionCode ? (
              <>
                code <code>{p.completionCode}</code>
              </>
            ) : (
              "no code"
            )}
            {p.completionUrl ? (
              <>
                , then back to <code className="break-all">{p.completionUrl}</code>
              </>
            ) : (
              ", no completion URL"
            )}
          </Row>
          <Row label="Instructions">
            {p.instructions ? (
              <MarkdownView source={p.instructions} className="rounded border border-dashed p-2" />
            ) : (
              "none beyond the standard ones"
            )}
          </Row>
          <Row label="Budget">
            {p.curation ? (
              "each image by its stages' votes (no pairs)"
            ) : item ? (
              <span data-testid="protocol-item-budget">{itemBudget(p, item)}</span>
            ) : (
              <BudgetSummary
                budget={p.budget}
                prompts={p.prompts}
                seedsPerPrompt={p.seedsPerPrompt}
                perAnnotatorCap={p.perAnnotatorCap}
              />
            )}
          </Row>
        </dl>
      </details>
    </section>
  );
}

const PAIR_DESIGN_WORDS = {
  all_pairs: "all pairs",
  baseline: "each against the baseline",
  adaptive: "adaptive (all pairs generated; the least resolved served first)",
} as const;

/** A rating or ranking campaign's budget in words: its images or sets and the answers they need. */
function itemBudget(p: Awaited<ReturnType<typeof campaignProtocol>>, item: "image" | "set"): string {
  const sets = p.prompts * p.seedsPerPrompt;
  const answers = p.criteria.reduce((n, c) => n + c.judgmentsPerPair, 0);
  if (item === "set")
    return `${sets} sets of ${p.models.length} images (prompts × seeds), each ordered by ${answers} annotators = ${sets * answers} rankings`;
  const images = sets * p.models.length;
  return `${images} images (prompts × seeds × models), rated on ${p.criteria.length} aspects = ${images * answers} ratings`;
}

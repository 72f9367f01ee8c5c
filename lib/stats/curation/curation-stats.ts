import { fleissKappa } from "../agreement/fleiss-kappa";
import { gwetAC1 } from "../agreement/gwet-ac1";
import { krippendorffAlpha } from "../agreement/krippendorff-alpha";
import { rawAgreement } from "../agreement/raw-agreement";
import { buildRatingTable } from "../agreement/rating-table";
import { groupBy } from "../../group-by";
import { wilsonInterval } from "../wilson";
import type { Interval } from "../types";

/** One annotator's accept / reject of one image at one curation stage. */
export interface CurationVote {
  imageId: string;
  /** 1 = the first (crowd) stage, 2 = the next (experts), … */
  stage: number;
  accept: boolean;
  annotatorId?: string;
}

/**
 * How a stage decides an image from its votes: "majority" — accepted when accepts > rejects (a tie
 * rejects), or "threshold" — accepted with at least `minAccepts` accepts.
 */
export type AcceptanceRule = { kind: "majority" } | { kind: "threshold"; minAccepts: number };

export interface StageRule {
  stage: number;
  /** N: votes each image gets at this stage. */
  votesPerImage: number;
  rule: AcceptanceRule;
}

/**
 * Emu-style two stages (Dai et al. 2023, §3.3: generalists first, for recall; then specialists, for
 * precision). Emu does not publish votes per image or thresholds; these are Photogenic's defaults:
 * stage 1, three crowd votes, kept when any one accepts; stage 2, two expert votes, kept only when
 * both accept.
 */
export const EMU_STYLE_STAGES: readonly StageRule[] = [
  { stage: 1, votesPerImage: 3, rule: { kind: "threshold", minAccepts: 1 } },
  { stage: 2, votesPerImage: 2, rule: { kind: "threshold", minAccepts: 2 } },
];

export type StageDecision = "accepted" | "rejected" | "pending";

export interface ImageDecision {
  imageId: string;
  votes: number;
  accepts: number;
  decision: StageDecision;
  /** Annotators who accepted / rejected (those with an id), sorted: who decided what, for a manifest. */
  acceptedBy: string[];
  rejectedBy: string[];
}

/**
 * The decision on one image from its votes at a stage, final as soon as the remaining votes cannot
 * change it. With N = votesPerImage, a accepts, r rejects and m = max(0, N − a − r) votes to come:
 * majority — accepted when a > r + m, rejected when r ≥ a + m (a tie rejects), otherwise pending;
 * threshold t — accepted when a ≥ t, rejected when a + m < t, otherwise pending.
 * Votes beyond N count like the others.
 * Complexity: O(1).
 */
export function decideImage(accepts: number, rejects: number, rule: StageRule): StageDecision {
  const more = Math.max(0, rule.votesPerImage - accepts - rejects);
  if (rule.rule.kind === "majority") {
    if (accepts > rejects + more) return "accepted";
    if (rejects >= accepts + more) return "rejected";
    return "pending";
  }
  const t = rule.rule.minAccepts;
  if (accepts >= t) return "accepted";
  if (accepts + more < t) return "rejected";
  return "pending";
}

export interface CurationAgreement {
  /** Images with at least two votes at this stage. */
  images: number;
  rawAgreement: number | null;
  fleissKappa: number | null;
  krippendorffAlpha: number | null;
  /** Gwet's AC1: stable when nearly every image is rejected (or accepted), where κ and α collapse. */
  gwetAC1: number | null;
}

export interface StageSummary {
  stage: number;
  rule: StageRule;
  /** Images eligible at this stage: stage 1 every image in the pool, later stages the previous stage's survivors. */
  candidates: number;
  /** Candidates with at least one vote. */
  voted: number;
  accepted: number;
  rejected: number;
  /** Candidates not yet decided (including those without a vote). */
  pending: number;
  /** accepted / (accepted + rejected), with a Wilson interval; null before any decision. */
  acceptance: { rate: number; interval: Interval } | null;
  agreement: CurationAgreement;
  /** Votes on images that were not candidates of this stage (left out of every figure). */
  votesOutsideStage: number;
  /** Per candidate, in pool order. */
  decisions: ImageDecision[];
}

export interface CurationSummary {
  stages: StageSummary[];
  /** Images accepted at the last stage, in pool order. */
  survivors: string[];
}

/**
 * Multi-stage curation: each stage decides its candidates from their votes (decideImage), only the
 * accepted ones go on to the next stage, and the last stage's accepted images are the survivors.
 * Per stage: acceptance rate = accepted / decided with a Wilson interval (images as independent
 * trials), and agreement among the stage's voters — raw agreement, Fleiss' κ, Krippendorff's α
 * (nominal), Gwet's AC1 (see lib/stats/agreement) on the images × {reject, accept} table. A voter
 * voting twice on one image counts once (the last vote).
 * `pool` lists the stage-1 images in order (images without votes are pending); without it, the
 * images with stage-1 votes in order of first vote. The figures depend only on the pool's order,
 * not on the order of the votes.
 * Reference: Dai et al. (2023), Emu, §3.3 (two-stage human filtering); Fleiss (1971); Krippendorff
 * (2011); Gwet (2008); Wilson (1927).
 * Complexity: O(v + i·s) for v votes, i images, s stages.
 * Throws on stages that are not 1, 2, … in order, N < 1, a threshold outside 1..N, or a vote at an
 * unknown stage — each naming the stage or vote.
 */
export function curationSummary(
  votes: readonly CurationVote[],
  stages: readonly StageRule[],
  pool?: readonly string[],
): CurationSummary {
  stages.forEach((s, i) => {
    if (s.stage !== i + 1) throw new RangeError(`stage ${i + 1}: numbered ${s.stage}; stages must be 1, 2, … in order`);
    if (!(Number.isInteger(s.votesPerImage) && s.votesPerImage >= 1))
      throw new RangeError(`stage ${s.stage}: votesPerImage must be a whole number ≥ 1, got ${s.votesPerImage}`);
    if (s.rule.kind === "threshold") {
      const t = s.rule.minAccepts;
      if (!(Number.isInteger(t) && t >= 1 && t <= s.votesPerImage))
        throw new RangeError(`stage ${s.stage}: minAccepts must be a whole number in 1..${s.votesPerImage}, got ${t}`);
    }
  });
  votes.forEach((v, i) => {
    if (!(v.stage >= 1 && v.stage <= stages.length && Number.isInteger(v.stage)))
      throw new RangeError(`vote ${i + 1} (image ${v.imageId}): stage ${v.stage} is not one of 1..${stages.length}`);
    if (typeof v.imageId !== "string" || v.imageId === "") throw new RangeError(`vote ${i + 1}: empty imageId`);
  });
  // The last vote of an annotator on an image at a stage wins; anonymous votes are all kept.
  const latest = new Map<string, CurationVote>();
  votes.forEach((v, i) => latest.set(`${v.stage}\u0000${v.imageId}\u0000${v.annotatorId ?? `\u0001${i}`}`, v));
  const byStage = groupBy(latest.values(), (v) => v.stage);
  let candidates = pool ? [...new Set(pool)] : [...new Set(votes.filter((v) => v.stage === 1).map((v) => v.imageId))];
  const summaries: StageSummary[] = [];
  for (const rule of stages) {
    const stageVotes = byStage.get(rule.stage) ?? [];
    const eligible = new Set(candidates);
    const inStage = stageVotes.filter((v) => eligible.has(v.imageId));
    const perImage = groupBy(inStage, (v) => v.imageId);
    const decisions = candidates.map((imageId): ImageDecision => {
      const vs = perImage.get(imageId) ?? [];
      const accepts = vs.filter((v) => v.accept).length;
      const ids = (accept: boolean) =>
        vs
          .filter((v) => v.accept === accept && v.annotatorId !== undefined)
          .map((v) => v.annotatorId!)
          .sort();
      return {
        imageId,
        votes: vs.length,
        accepts,
        decision: decideImage(accepts, vs.length - accepts, rule),
        acceptedBy: ids(true),
        rejectedBy: ids(false),
      };
    });
    const count = (d: StageDecision) => decisions.filter((x) => x.decision === d).length;
    const accepted = count("accepted");
    const rejected = count("rejected");
    // Images in candidate (pool) order, so the figures do not depend on the order votes are read in.
    const table = buildRatingTable(
      candidates
        .flatMap((id) => perImage.get(id) ?? [])
        .map((v, i) => ({
          item: v.imageId,
          rater: v.annotatorId ?? `\u0001${i}`,
          label: v.accept ? "accept" : "reject",
        })),
      ["reject", "accept"],
    );
    summaries.push({
      stage: rule.stage,
      rule,
      candidates: candidates.length,
      voted: decisions.filter((d) => d.votes > 0).length,
      accepted,
      rejected,
      pending: count("pending"),
      acceptance:
        accepted + rejected > 0
          ? { rate: accepted / (accepted + rejected), interval: wilsonInterval(accepted, accepted + rejected) }
          : null,
      agreement: {
        images: table.counts.filter((row) => row[0] + row[1] >= 2).length,
        rawAgreement: rawAgreement(table),
        fleissKappa: fleissKappa(table),
        krippendorffAlpha: krippendorffAlpha(table, "nominal"),
        gwetAC1: gwetAC1(table),
      },
      votesOutsideStage: stageVotes.length - inStage.length,
      decisions,
    });
    candidates = decisions.filter((d) => d.decision === "accepted").map((d) => d.imageId);
  }
  return { stages: summaries, survivors: stages.length > 0 ? candidates : [] };
}

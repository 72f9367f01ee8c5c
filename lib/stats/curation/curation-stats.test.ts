import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../wilson";
import { curationSummary, decideImage, EMU_STYLE_STAGES, type CurationVote, type StageRule } from "./curation-stats";
import { EMU_PHOTOGRAPHY_RUBRIC } from "./rubric";

const MAJORITY_OF_3: StageRule = { stage: 1, votesPerImage: 3, rule: { kind: "majority" } };
const BOTH_OF_2: StageRule = { stage: 2, votesPerImage: 2, rule: { kind: "threshold", minAccepts: 2 } };

describe("decideImage", () => {
  it("majority of 3: final as soon as the remaining votes cannot change it", () => {
    expect(decideImage(2, 0, MAJORITY_OF_3)).toBe("accepted");
    expect(decideImage(0, 2, MAJORITY_OF_3)).toBe("rejected");
    expect(decideImage(1, 1, MAJORITY_OF_3)).toBe("pending");
    expect(decideImage(2, 1, MAJORITY_OF_3)).toBe("accepted");
    // An even split rejects.
    expect(decideImage(2, 2, { ...MAJORITY_OF_3, votesPerImage: 4 })).toBe("rejected");
  });
  it("threshold t of N", () => {
    expect(decideImage(1, 0, BOTH_OF_2)).toBe("pending");
    expect(decideImage(1, 1, BOTH_OF_2)).toBe("rejected");
    expect(decideImage(2, 0, BOTH_OF_2)).toBe("accepted");
    expect(decideImage(1, 2, EMU_STYLE_STAGES[0])).toBe("accepted"); // any one of three keeps it
    expect(decideImage(0, 3, EMU_STYLE_STAGES[0])).toBe("rejected");
  });
});

describe("curationSummary: two stages by hand", () => {
  const A = true,
    R = false;
  const v = (imageId: string, stage: number, annotatorId: string, accept: boolean): CurationVote => ({
    imageId,
    stage,
    annotatorId,
    accept,
  });
  const votes = [
    v("img1", 1, "a", A),
    v("img1", 1, "b", A),
    v("img1", 1, "c", R), // accepted 2–1
    v("img2", 1, "a", R),
    v("img2", 1, "b", R), // rejected early: 2 rejects of 3
    v("img3", 1, "a", A), // pending
    v("img4", 1, "b", A),
    v("img4", 1, "c", A), // accepted early
    v("img5", 1, "a", A),
    v("img5", 1, "b", R),
    v("img5", 1, "c", R), // rejected 1–2
    v("img1", 2, "x", A),
    v("img1", 2, "y", A), // accepted by both experts
    v("img4", 2, "x", A),
    v("img4", 2, "y", R), // rejected
    v("img2", 2, "x", A), // img2 was not a stage-2 candidate
  ];
  const s = curationSummary(votes, [MAJORITY_OF_3, BOTH_OF_2], ["img1", "img2", "img3", "img4", "img5", "img6"]);
  const [one, two] = s.stages;
  it("decisions, acceptance and survivors", () => {
    expect(one.decisions.map((d) => d.decision)).toEqual([
      "accepted",
      "rejected",
      "pending",
      "accepted",
      "rejected",
      "pending",
    ]);
    expect([one.candidates, one.voted, one.accepted, one.rejected, one.pending]).toEqual([6, 5, 2, 2, 2]);
    expect(one.acceptance!.rate).toBe(0.5);
    expect(one.acceptance!.interval).toEqual(wilsonInterval(2, 4));
    expect([two.candidates, two.accepted, two.rejected, two.votesOutsideStage]).toEqual([2, 1, 1, 1]);
    expect(s.survivors).toEqual(["img1"]);
    expect(two.decisions[1]).toMatchObject({ imageId: "img4", acceptedBy: ["x"], rejectedBy: ["y"] });
  });
  it("stage-1 agreement by hand", () => {
    // Images with ≥ 2 votes: img1 (A A R), img2 (R R), img4 (A A), img5 (A R R).
    // Raw: (1/3 + 1 + 1 + 1/3)/4 = 2/3. Fleiss: p_accept = 5/10, P̄ₑ = ½, κ = (2/3 − ½)/(½) = 1/3.
    // Krippendorff: o_AR + o_RA = 2 + 2, n_A = n_R = 5, n = 10: α = 1 − 9·4/(2·25) = 0.28.
    // Gwet: π_A over the five voted images = (2/3 + 0 + 1 + 1 + 1/3)/5 = 0.6, p_e = 2·0.6·0.4 = 0.48,
    //   AC1 = (2/3 − 0.48)/0.52.
    expect(one.agreement.images).toBe(4);
    expect(one.agreement.rawAgreement).toBeCloseTo(2 / 3, 12);
    expect(one.agreement.fleissKappa).toBeCloseTo(1 / 3, 12);
    expect(one.agreement.krippendorffAlpha).toBeCloseTo(0.28, 12);
    expect(one.agreement.gwetAC1).toBeCloseTo((2 / 3 - 0.48) / 0.52, 12);
  });
  it("a changed vote counts once (the last)", () => {
    const again = curationSummary([...votes, v("img5", 1, "b", A)], [MAJORITY_OF_3, BOTH_OF_2]);
    expect(again.stages[0].decisions.find((d) => d.imageId === "img5")!.decision).toBe("accepted");
  });
  it("rejects malformed stages and votes, naming them", () => {
    expect(() => curationSummary(votes, [BOTH_OF_2])).toThrow(/stage 1: numbered 2/);
    expect(() =>
      curationSummary([], [{ stage: 1, votesPerImage: 2, rule: { kind: "threshold", minAccepts: 3 } }]),
    ).toThrow(/minAccepts must be a whole number in 1..2, got 3/);
    expect(() => curationSummary([v("img9", 3, "a", A)], [MAJORITY_OF_3])).toThrow(
      /vote 1 \(image img9\): stage 3 is not one of 1..1/,
    );
  });
});

describe("Emu rubric", () => {
  it("has Emu's five principles", () => {
    expect(EMU_PHOTOGRAPHY_RUBRIC.principles.map((p) => p.key)).toEqual([
      "composition",
      "lighting",
      "color_contrast",
      "subject_background",
      "story",
    ]);
  });
});

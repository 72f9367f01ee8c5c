import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import type { CurrentUser } from "../../lib/auth/guard";
import { createJoinLink, listJoinLinks, revokeJoinLink } from "../../lib/access/join-links";
import { assignmentImage } from "../../lib/annotation/assignment-image";
import { nextAssignmentView } from "../../lib/annotation/assignment-view";
import { campaignProtocol } from "../../lib/campaigns/campaign-protocol";
import { campaignSummary } from "../../lib/campaigns/campaign-summary";
import { exportCampaignSpec } from "../../lib/campaigns/export-campaign-spec";
import { findOwnedCampaign } from "../../lib/campaigns/owned-campaign";
import { transitionCampaign } from "../../lib/campaigns/transition-campaign";
import { createCampaignVersion, updateCampaign } from "../../lib/campaigns/update-campaign";
import { retryFailedJobs } from "../../lib/generation/enqueue-campaign-jobs";
import { generationProgress } from "../../lib/generation/generation-progress";
import { submitJudgment } from "../../lib/judgments/submit-judgment";
import { undoJudgment } from "../../lib/judgments/undo-judgment";
import { loadCampaignData } from "../../lib/results/campaign-data";
import { campaignImage } from "../../lib/results/campaign-image";
import { campaignReport } from "../../lib/results/campaign-report";
import { crowdIdentities } from "../../lib/results/crowd-ids";
import { analyseCampaign } from "../../lib/results/campaign-results";
import { judgmentsCsvStream } from "../../lib/results/judgments-csv";
import { DEFAULT_RESULTS_SETTINGS } from "../../lib/results/settings";
import { joinCampaign, makeAnnotatingCampaign, makeAnnotators, makeUser } from "../../tests/support/factories";

/**
 * The use-case half of the probe suite: authorization lives where the data is read, so each use
 * case that touches a researcher's campaign, or an annotator's assignment or judgment, is called
 * directly — no route, no page in front of it — by someone else, and must answer NOT_FOUND
 * (someone else's campaign looks like no campaign) and change nothing. The owner's calls succeed,
 * so a refusal here is the ownership check and not a broken call.
 */
const settings = { ...DEFAULT_RESULTS_SETTINGS, rounds: 50 };
let campaignId: string;
let imageId: string;
let linkId: string;
let owner: CurrentUser;
let admin: CurrentUser;
let strangers: { name: string; user: CurrentUser }[];
let annotator: string;
let otherAnnotator: string;
let assignmentId: string;
let judgmentId: string;

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => "resolved",
    (error: unknown) => (error as { code?: string }).code ?? error,
  );
}

const RESEARCHER_USE_CASES: Record<string, (user: CurrentUser) => Promise<unknown>> = {
  findOwnedCampaign: (user) => findOwnedCampaign(user, campaignId),
  campaignSummary: (user) => campaignSummary(user, campaignId),
  campaignProtocol: (user) => campaignProtocol(user, campaignId),
  crowdIdentities: (user) => crowdIdentities(user, campaignId),
  exportCampaignSpec: (user) => exportCampaignSpec(user, campaignId),
  generationProgress: (user) => generationProgress(user, campaignId),
  retryFailedJobs: (user) => retryFailedJobs(user, campaignId),
  transitionCampaign: (user) => transitionCampaign(user, campaignId, { action: "pause" }),
  updateCampaign: (user) => updateCampaign(user, campaignId, { name: "taken over" }),
  createCampaignVersion: (user) => createCampaignVersion(user, campaignId),
  campaignImage: (user) => campaignImage(user, campaignId, imageId),
  loadCampaignData: (user) => loadCampaignData(user, campaignId),
  analyseCampaign: (user) => analyseCampaign(user, campaignId, settings),
  campaignReport: (user) => campaignReport(user, campaignId, settings, "json"),
  judgmentsCsvStream: (user) => judgmentsCsvStream(user, campaignId, settings),
  listJoinLinks: (user) => listJoinLinks(user, campaignId),
  createJoinLink: (user) => createJoinLink(user, campaignId, { label: "taken over" }),
  revokeJoinLink: (user) => revokeJoinLink(user, campaignId, linkId),
};

/** The read-only ones, which the owner and an admin may call any number of times. */
const READS = [
  "findOwnedCampaign",
  "campaignSummary",
  "campaignProtocol",
  "crowdIdentities",
  "generationProgress",
  "campaignImage",
  "loadCampaignData",
  "analyseCampaign",
  "campaignReport",
  "judgmentsCsvStream",
  "listJoinLinks",
];

beforeAll(async () => {
  const made = await makeAnnotatingCampaign({ pairs: 2, realImages: true });
  campaignId = made.campaignId;
  owner = made.owner;
  admin = await makeUser("admin");
  strangers = [
    { name: "a researcher of another campaign", user: await makeUser("researcher") },
    { name: "an annotator", user: await makeUser("annotator") },
  ];
  imageId = (await db.image.findFirstOrThrow({ where: { campaignId } })).id;
  linkId = (await createJoinLink(owner, campaignId, { label: "owner's" })).id;
  [annotator, otherAnnotator] = await makeAnnotators(2);
  await joinCampaign(campaignId, [annotator, otherAnnotator]);
  const next = await nextAssignmentView(campaignId, annotator);
  if (next.kind !== "pair") throw new Error(next.kind);
  assignmentId = next.view.assignmentId;
  ({ judgmentId } = await submitJudgment(annotator, {
    assignmentId,
    criterionId: next.view.criteria[0].id,
    choice: next.view.criteria[0].choices[0],
    idempotencyKey: `scope-${assignmentId}`,
    latencyMs: 3000,
  }));
});

async function campaignState() {
  const campaign = await db.campaign.findUniqueOrThrow({
    where: { id: campaignId },
    select: { name: true, status: true, updatedAt: true },
  });
  return {
    ...campaign,
    versions: await db.campaign.count({ where: { previousVersionId: campaignId } }),
    links: await db.joinLink.findMany({ where: { campaignId }, select: { id: true, revokedAt: true } }),
  };
}

describe("use cases of a researcher's campaign, called directly by someone else", () => {
  for (const name of Object.keys(RESEARCHER_USE_CASES)) {
    it(`${name} answers NOT_FOUND and changes nothing`, async () => {
      const before = await campaignState();
      for (const stranger of strangers) {
        expect(await refusal(RESEARCHER_USE_CASES[name](stranger.user)), stranger.name).toBe("NOT_FOUND");
      }
      expect(await campaignState()).toEqual(before);
    });
  }

  it("the owner and an admin may read what strangers may not", async () => {
    for (const name of READS) {
      expect(await refusal(RESEARCHER_USE_CASES[name](owner)), `${name} as owner`).toBe("resolved");
      expect(await refusal(RESEARCHER_USE_CASES[name](admin)), `${name} as admin`).toBe("resolved");
    }
    expect((await campaignSummary(owner, campaignId)).judgments).toBe(1);
  });
});

describe("an annotator's assignment and judgment, used directly by another annotator", () => {
  it("assignmentImage answers NOT_FOUND to another annotator and the image to its own", async () => {
    for (const side of ["left", "right"]) {
      expect(await refusal(assignmentImage(otherAnnotator, assignmentId, side))).toBe("NOT_FOUND");
      expect((await assignmentImage(annotator, assignmentId, side)).length).toBeGreaterThan(0);
    }
  });

  it("undoJudgment answers NOT_FOUND to another annotator and keeps the judgment; its own may undo", async () => {
    expect(await refusal(undoJudgment(otherAnnotator, judgmentId))).toBe("NOT_FOUND");
    expect(await db.judgment.count({ where: { id: judgmentId } })).toBe(1);
    expect(await undoJudgment(annotator, judgmentId)).toEqual({ assignmentId });
    expect(await db.judgment.count({ where: { id: judgmentId } })).toBe(0);
  });
});

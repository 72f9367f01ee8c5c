import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { parseCsv } from "../stats";
import { makeDemoModel, makePromptSet, makeUser } from "../../tests/support/factories";
import { analyseCampaign } from "./campaign-results";
import { figuresCsv } from "./figures-csv";
import { JUDGMENT_COLUMNS, judgmentsCsvStream } from "./judgments-csv";
import { PROLIFIC_COLUMNS, prolificDecisionsCsv } from "./prolific-decisions";
import { annotatorPseudonym } from "./pseudonyms";
import { seedResultsCampaign } from "./seed-results-campaign";
import { DEFAULT_RESULTS_SETTINGS, parseResultsSettings, type ResultsSettings } from "./settings";

let campaignId: string;
let users: string[];
const pseudonym = (i: number) => annotatorPseudonym(campaignId, users[i]);
const settings = (query = ""): ResultsSettings => ({
  ...parseResultsSettings(new URLSearchParams(query)),
  rounds: 200,
});

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  let out = "";
  const decoder = new TextDecoder();
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>)
    out += decoder.decode(chunk, { stream: true });
  return out;
}

let owner: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  owner = await makeUser("researcher");
  const set = await makePromptSet(10, { categories: ["Animals", "People"] });
  const models = [await makeDemoModel("demo-smooth"), await makeDemoModel("demo-noisy")];
  users = (await Promise.all([1, 2, 3, 4, 5].map(() => makeUser("annotator")))).map((u) => u.id);
  ({ campaignId } = await seedResultsCampaign({
    ownerId: owner.id,
    promptSetId: set.id,
    modelIds: models.map((m) => m.id),
    annotators: users,
  }));
  // Annotators 0 and 1 joined from one address; 0 finished the study.
  await db.participation.updateMany({
    where: { campaignId, userId: { in: users.slice(0, 2) } },
    data: { addressHash: "h-shared" },
  });
  await db.participation.updateMany({ where: { campaignId, userId: users[0] }, data: { completedAt: new Date() } });
}, 120_000);

describe("crowd-quality signals in the results", () => {
  it("default settings: the campaign's rule as before, signals shown, figures with the excluded put back", async () => {
    const { report } = await analyseCampaign(owner, campaignId, settings());
    expect(report.settings).toMatchObject({ excludeFlagged: true, flagSignals: null });
    expect(report.settings.flaggedAnnotatorsExcluded).toEqual([pseudonym(4)]);
    const row = (i: number) => report.annotators.find((a) => a.annotator === pseudonym(i))!;
    expect(row(4).reason).toBe("flagged: gold failures");
    // Shared devices are shown, but do not exclude unless the settings say so.
    expect(row(0).flags).toContain("shared-device");
    expect(row(0).signals.sharedDevice).toEqual({ hash: "h-shared", sharedWith: [pseudonym(1)] });
    expect(row(0).excluded).toBe(false);
    expect(row(2).signals.sideBias.decisive).toBeGreaterThan(0);

    const back = report.withExcludedAnnotators!;
    expect(back.annotators).toEqual([pseudonym(4)]);
    expect(back.judgments).toBe(report.dataSnapshot.excluded);
    const everyone = report.dataSnapshot.analysed + back.judgments;
    expect(back.criteria.reduce((s, c) => s + c.judgments, 0)).toBe(everyone);
    // The put-back figures are computeCampaignStats' head-to-heads over every non-gold judgment.
    const { stats } = (await analyseCampaign(owner, campaignId, settings("excludeFlagged=none"))).report;
    expect(back.criteria.map((c) => c.headToHead)).toEqual(stats.criteria.map((c) => c.headToHead));
    expect(figuresCsv(report)).toContain("withExcludedAnnotators,visual_appeal,");
  });

  it("excludeFlagged=none keeps everyone; named flags exclude by live and computed flags alike", async () => {
    const none = (await analyseCampaign(owner, campaignId, settings("excludeFlagged=none"))).report;
    expect(none.settings).toMatchObject({ excludeFlagged: false, flagSignals: [], flaggedAnnotatorsExcluded: [] });
    expect(none.dataSnapshot.excluded).toBe(0);
    expect(none.withExcludedAnnotators).toBeNull();

    const gold = (await analyseCampaign(owner, campaignId, settings("excludeFlagged=gold"))).report;
    expect(gold.settings.flaggedAnnotatorsExcluded).toEqual([pseudonym(4)]);
    const speed = (await analyseCampaign(owner, campaignId, settings("excludeFlagged=speed"))).report;
    expect(speed.settings.flaggedAnnotatorsExcluded).toEqual([]);

    const shared = await analyseCampaign(owner, campaignId, settings("excludeFlagged=shared-device"));
    expect(shared.report.settings.flaggedAnnotatorsExcluded).toEqual([pseudonym(0), pseudonym(1)].sort());
    const reason = shared.report.annotators.find((a) => a.annotator === pseudonym(0))!.reason;
    expect(reason).toBe("flagged: shared device: same address as 1 other annotator(s)");
    const analysedBy = shared.report.stats.criteria.flatMap((c) => c.annotatorQuality.map((q) => q.annotatorId));
    expect(analysedBy.length).toBeGreaterThan(0);
    expect(analysedBy.some((a) => a === pseudonym(0) || a === pseudonym(1))).toBe(false);

    // The judgments CSV marks the same annotators excluded (it computes the flags first).
    const csv = parseCsv(
      await text(await judgmentsCsvStream(owner, campaignId, settings("excludeFlagged=shared-device"))),
      "j",
    );
    const col = (name: string) => JUDGMENT_COLUMNS.indexOf(name as (typeof JUDGMENT_COLUMNS)[number]);
    const excludedInCsv = new Set(
      csv
        .slice(1)
        .filter((r) => r.fields[col("excluded")] === "true")
        .map((r) => r.fields[col("annotator")]),
    );
    expect([...excludedInCsv].sort()).toEqual([pseudonym(0), pseudonym(1)].sort());
  });

  it("the Prolific CSV: one row per participant, rejected with the reason when excluded, review when unfinished", async () => {
    const rows = parseCsv(await prolificDecisionsCsv(owner, campaignId, DEFAULT_RESULTS_SETTINGS), "p");
    expect(rows[0].fields).toEqual([...PROLIFIC_COLUMNS]);
    const byId = new Map(rows.slice(1).map((r) => [r.fields[0], r.fields]));
    expect([...byId.keys()]).toEqual(["PID0", "PID1", "PID2", "PID3", "PID4"]);
    expect(byId.get("PID0")!.slice(3, 5)).toEqual(["APPROVE", ""]);
    expect(byId.get("PID0")![5]).toContain("shared-device");
    expect(byId.get("PID1")!.slice(3, 5)).toEqual(["REVIEW", "did not finish: no completion code"]);
    expect(byId.get("PID4")!.slice(3, 5)).toEqual(["REJECT", "flagged: gold failures"]);
    expect(Number(byId.get("PID4")![6])).toBeGreaterThan(0);

    const strict = parseCsv(
      await prolificDecisionsCsv(owner, campaignId, settings("excludeFlagged=shared-device")),
      "p",
    );
    expect(strict.find((r) => r.fields[0] === "PID0")!.fields[3]).toBe("REJECT");
    expect(strict.find((r) => r.fields[0] === "PID4")!.fields[3]).toBe("REVIEW");
  });

  it("bad flag lists name the field", () => {
    const field = (q: string) => {
      try {
        parseResultsSettings(new URLSearchParams(q));
        return "accepted";
      } catch (e) {
        return (e as { issues: { field: string }[] }).issues[0]?.field;
      }
    };
    expect(field("excludeFlagged=bogus")).toMatch(/^excludeFlagged/);
    expect(field("excludeFlagged=none,gold")).toBe("excludeFlagged");
    expect(field("excludeFlagged=timing,loo-agreement")).toBe("accepted");
  });
});

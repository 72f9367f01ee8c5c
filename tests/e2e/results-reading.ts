import { expect } from "vitest";
import type { Page } from "playwright-core";
import { agreementNote, criterionLabel, criterionVerdict, inProtocolOrder } from "../../lib/results/criterion-reading";
import type { ReportJson } from "../../lib/results/report-json";

/** How the results page reads (issue 18 items 4 and 5), shared by the results spec and the study journey. */
const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Labels of the chart texts drawn right-aligned (the row labels) that start left of the picture: cut at their start. */
export async function labelsCutAtStart(page: Page): Promise<string[]> {
  return page
    .locator('svg[data-chart] text[text-anchor="end"]')
    .evaluateAll((texts) => texts.filter((t) => (t as SVGTextElement).getBBox().x < 0).map((t) => t.textContent ?? ""));
}

/**
 * The criteria as the user sees them, in protocol order: label, question, verdict toward the
 * reference model, the agreement explanation where agreement is missing, and a leaderboard even
 * for two models — each equal to what lib/results/criterion-reading.ts says of the report JSON.
 * Returns how many criteria carry the agreement explanation.
 */
export async function expectCriteriaRead(page: Page, report: ReportJson): Promise<number> {
  const order = inProtocolOrder(report);
  const keys = report.protocol.criteria.map((c) => c.key);
  expect(order.map(({ c }) => c.criterion)).toEqual(keys.filter((k) => order.some(({ c }) => c.criterion === k)));
  const sections = page.getByTestId("criterion-results");
  expect(await sections.locator("h2").allTextContents()).toEqual(order.map(({ c }) => criterionLabel(c.criterion)));
  let explained = 0;
  for (const [i, { c, protocol }] of order.entries()) {
    const section = sections.nth(i);
    expect(await section.getByTestId("criterion-question").textContent()).toContain(`“${protocol!.question}”`);
    const verdict = (await section.getByTestId("verdict").textContent())!;
    expect(verdict).toBe(criterionVerdict(c, report.settings.reference, report.settings));
    expect(verdict).toMatch(
      new RegExp(
        `^${escape(report.settings.reference!)} (wins \\d+\\.\\d% \\[.+\\] of pairs \\(ties count half\\) over|loses .+ to) .+; (not )?significant`,
      ),
    );
    const note = agreementNote(c, protocol!.judgmentsPerPair);
    expect(await section.getByTestId("agreement-note").count()).toBe(note ? 1 : 0);
    if (note) {
      expect(await section.getByTestId("agreement-note").textContent()).toBe(note);
      explained++;
    }
    if (c.agreement.items === 0) expect(note).toContain("no pair has two judgments on this criterion");
    expect(await section.getByRole("table", { name: /^Leaderboard/ }).count()).toBe(1);
    // Matchups read from the reference model's side.
    const first = section
      .getByRole("table", { name: /^Head-to-head/ })
      .locator("tbody tr td")
      .first();
    expect(await first.textContent()).toMatch(new RegExp(`^${escape(report.settings.reference!)} vs `));
  }
  expect(await labelsCutAtStart(page)).toEqual([]);
  return explained;
}

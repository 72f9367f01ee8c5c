import { disconnectedNote, type CriterionStats } from "../stats";
import { esc } from "./charts/svg";
import { FORMATS, type FormatName } from "./format";
import type { ReportJson } from "./report-json";
import {
  agreementNote,
  criterionLabel,
  criterionVerdict,
  headlinePaths,
  matchupReader,
  readMatchups,
  type MatchupReading,
} from "./criterion-reading";
import {
  breakdownChart,
  breakdownEntries,
  describeSettings,
  leaderboardChart,
  positionChart,
  smallSampleFlag,
  stackedBarsChart,
  winMatrixChart,
} from "./report-view";

/** Reads a dotted path of the report JSON (what a number's data-k names). */
export function valueAt(root: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((v, k) => (v === null || v === undefined ? undefined : (v as Record<string, unknown>)[k]), root);
}

/**
 * A number of the report: its formatted text, and where it comes from (data-k, a JSON path) and
 * how it was formatted (data-f), so a test — or a sceptical reader — can check it against the JSON.
 */
export function num(report: ReportJson, path: string, format: FormatName): string {
  const v = valueAt(report, path) as number | null | undefined;
  return `<span class="num" data-k="${esc(path)}" data-f="${format}">${esc(FORMATS[format](v))}</span>`;
}

const figure = (svg: string | null, caption: string) =>
  svg ? `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>` : "";

function headToHeadTable(
  report: ReportJson,
  base: string,
  list: readonly { m: MatchupReading; path: string; group?: string }[],
  withGroup: string | null,
): string {
  const s = report.settings;
  const head = `<tr>${withGroup ? `<th>${esc(withGroup)}</th>` : ""}<th>model vs opponent</th><th>W</th><th>T</th><th>L</th><th>win</th><th>tie</th><th>loss</th><th>win rate (ties ½)</th><th>win rate (ties excl.)</th><th>headline</th><th>interval</th><th>sign test p</th><th>prompts</th></tr>`;
  const rows = list.map(({ m, path, group }) => {
    const p = headlinePaths(s, m.h);
    const flag = smallSampleFlag(m.h);
    // Each number is a JSON value read from the first-named model's side (criterion-reading.ts).
    const at = (x: string, f: FormatName) => {
      const read = m.field(x, f);
      return read.value === null ? "–" : num(report, `${base}.${path}.${read.rel}`, read.format);
    };
    return (
      `<tr>${withGroup ? `<td>${esc(group ?? "")}</td>` : ""}<td>${esc(m.label)}</td><td>${at("counts.win", "count")}</td><td>${at("counts.tie", "count")}</td><td>${at("counts.loss", "count")}</td>` +
      `<td>${at("winShare.estimate", "pct")}</td><td>${at("tieShare", "pct")}</td><td>${at("lossShare", "pct")}</td><td>${at("winRateTiesHalf.estimate", "pct")}</td>` +
      `<td>${at("winRateTiesExcluded.estimate", "pct")}</td><td>${at(p.rate, "pct")}</td>` +
      `<td>${m.field(p.lower, "pct").value === null ? "–" : `[${at(p.lower, "pct")}, ${at(p.upper, "pct")}]${flag ? ` <span class="flag small-sample">${esc(flag)}</span>` : ""}`}</td><td>${at("signTest.pValue", "pValue")}</td><td>${at("prompts", "count")}</td></tr>`
    );
  });
  return `<table><thead>${head}</thead><tbody>${rows.join("")}</tbody></table>`;
}

/** One criterion's section of the HTML report: heading, question, verdict toward the reference model, figures. */
export function criterionSection(report: ReportJson, c: CriterionStats, ci: number): string {
  const base = `stats.criteria.${ci}`;
  const n = (path: string, f: FormatName) => num(report, `${base}.${path}`, f);
  const s = report.settings;
  const reference = s.reference;
  const protocol = report.protocol.criteria.find((x) => x.key === c.criterion) ?? null;
  const read = matchupReader(c, reference, s);
  const out: string[] = [];
  out.push(
    `<section class="criterion" data-criterion="${esc(c.criterion ?? "")}"><h2>${esc(criterionLabel(c.criterion))}</h2><p class="question">“${esc(protocol?.question ?? "")}” <span class="note">(${esc(c.criterion ?? "all judgments")})</span></p>`,
  );
  out.push(`<p class="verdict"><b>${esc(criterionVerdict(c, reference, s))}</b></p>`);
  out.push(
    `<p>${n("judgments", "count")} judgments on ${n("pairs", "count")} pairs, ${n("prompts", "count")} prompts, ${n("annotators", "count")} annotators. Headline: ${esc(describeSettings(s))}; matchups read from ${esc(reference ?? "the leader")}'s side.</p>`,
  );
  if (c.headToHead.length > 0) {
    out.push(
      figure(
        stackedBarsChart(c, s, reference),
        "Win / tie / loss per pair of models, first-named model's side; dot and whisker: headline win rate and interval; dashed line: 50%.",
      ),
    );
    out.push(
      headToHeadTable(
        report,
        base,
        readMatchups(c, reference, s).map(({ m, i }) => ({ m, path: `headToHead.${i}` })),
        null,
      ),
    );
  } else out.push(`<p>No two models have met yet.</p>`);
  if (c.leaderboard && c.models.length >= 2) {
    out.push(`<h3>Bradley–Terry leaderboard</h3>`);
    const split = c.leaderboard.components.length > 1;
    if (split) out.push(`<p class="note flag components">${esc(disconnectedNote(c.leaderboard.components))}</p>`);
    out.push(
      figure(
        leaderboardChart(c),
        "Arena-scale ratings with bootstrap intervals; models whose intervals overlap share a rank.",
      ),
    );
    out.push(
      `<table><thead><tr>${split ? "<th>group</th>" : ""}<th>rank</th><th>model</th><th>rating</th><th>interval</th><th>games</th><th>W</th><th>T</th><th>L</th></tr></thead><tbody>${c.leaderboard.rows
        .map((r, i) => {
          const at = (x: string, f: FormatName) => n(`leaderboard.rows.${i}.${x}`, f);
          return `<tr>${split ? `<td>${r.component + 1}</td>` : ""}<td>${at("rank", "count")}</td><td>${esc(r.model)}</td><td>${at("rating", "fixed1")}</td><td>[${at("lower", "fixed1")}, ${at("upper", "fixed1")}]</td><td>${at("games", "count")}</td><td>${at("wins", "count")}</td><td>${at("ties", "count")}</td><td>${at("losses", "count")}</td></tr>`;
        })
        .join("")}</tbody></table>`,
    );
    out.push(figure(winMatrixChart(c), "Pairwise win rate (ties half) of the row model against the column model."));
  }
  for (const dimension of ["category", "challenge"] as const) {
    const entries = breakdownEntries(c, dimension);
    if (entries.length === 0) continue;
    out.push(`<h3>By ${dimension}</h3>`);
    out.push(
      figure(breakdownChart(c, dimension, s, reference), `Headline win rate per ${dimension} with its interval.`),
    );
    out.push(
      headToHeadTable(
        report,
        base,
        entries.map(({ h, path, group }) => ({ m: read(h), path, group })),
        dimension,
      ),
    );
  }
  const note = agreementNote(c, protocol?.judgmentsPerPair ?? null);
  out.push(
    `<h3>Agreement and position</h3>${note ? `<p class="agreement-note">${esc(note)}</p>` : ""}<table><tbody>` +
      `<tr><th>pairs with ≥ 2 judgments</th><td>${n("agreement.items", "count")}</td></tr>` +
      `<tr><th>raw agreement</th><td>${n("agreement.rawAgreement", "pct")}</td></tr>` +
      `<tr><th>Krippendorff's α (nominal / ordinal)</th><td>${n("agreement.krippendorffAlphaNominal", "fixed3")} / ${n("agreement.krippendorffAlphaOrdinal", "fixed3")}</td></tr>` +
      `<tr><th>Fleiss' κ</th><td>${n("agreement.fleissKappa", "fixed3")}</td></tr>` +
      `<tr><th>Gwet's AC1</th><td>${n("agreement.gwetAC1", "fixed3")}</td></tr>` +
      `<tr><th>left image wins (decisive votes, raw)</th><td>${n("positionBias.leftShare", "pct")} [${n("positionBias.interval.lower", "pct")}, ${n("positionBias.interval.upper", "pct")}], p = ${n("positionBias.pValue", "pValue")}</td></tr>` +
      (c.positionBias.adjusted
        ? `<tr><th>left image wins, adjusted for the models shown (Bradley–Terry with a left advantage)</th><td>${n("positionBias.adjusted.leftShare", "pct")} [${n("positionBias.adjusted.interval.lower", "pct")}, ${n("positionBias.adjusted.interval.upper", "pct")}], p = ${n("positionBias.adjusted.pValue", "pValue")}</td></tr>`
        : "") +
      `</tbody></table>`,
  );
  out.push(
    figure(
      positionChart(c),
      "Share of decisive votes won by the left image (Wilson interval); 50% = no position bias.",
    ),
  );
  const plans = c.headToHead.map((h, i) => ({ h, i })).filter(({ h }) => h.plan);
  if (plans.length > 0) {
    out.push(
      `<h3>Judgments needed</h3><table><thead><tr><th>model vs opponent</th><th>current ±</th><th>target ±</th><th>outcomes needed</th><th>more</th><th>prompts needed</th><th>design effect</th></tr></thead><tbody>${plans
        .map(({ h, i }) => {
          const at = (x: string, f: FormatName) => n(`headToHead.${i}.plan.${x}`, f);
          return `<tr><td>${esc(read(h).label)}</td><td>${at("halfWidth", "pct")}</td><td>${at("targetHalfWidth", "pct")}</td><td>${at("unitsNeeded", "count")}</td><td>${at("additionalUnits", "count")}</td><td>${at("clustersNeeded", "count")}</td><td>${at("designEffect", "fixed3")}</td></tr>`;
        })
        .join(
          "",
        )}</tbody></table><p class="note">Outcomes are ${s.aggregation === "judgment" ? "judgments" : "pairs (majority per pair)"}.</p>`,
    );
  }
  out.push(`</section>`);
  return out.join("\n");
}

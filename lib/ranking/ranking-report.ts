import { esc } from "../results/charts/svg";
import { csvLine } from "../results/csv";
import type { Leaderboard } from "../stats/leaderboard";
import { bracket, num } from "../rating/rating-figures";
import type { RankingReport } from "./ranking-results";

/** The figures as a tidy CSV: one row per (method, model) of both leaderboards, per slot, and the mean W. */
export function rankingFiguresCsv(report: RankingReport): string {
  const lines = [csvLine(["figure", "method", "model", "slot", "estimate", "lower", "upper", "rank", "n"])];
  for (const board of [report.rankBroken, report.plackettLuce])
    for (const row of board?.rows ?? [])
      lines.push(
        csvLine(["rating", board!.method, row.model, "", row.rating, row.lower, row.upper, row.rank, row.games]),
      );
  for (const group of report.slotBias)
    for (const s of group.slots)
      lines.push(
        csvLine([
          "first-share",
          `k=${group.items}`,
          "",
          s.slot,
          s.firstShare,
          s.interval.lower,
          s.interval.upper,
          "",
          group.rankings,
        ]),
      );
  if (report.concordance)
    lines.push(
      csvLine(["kendall-w-mean", "", "", "", report.concordance.meanW, "", "", "", report.concordance.tasks.length]),
    );
  return lines.join("");
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;max-width:980px;margin:24px auto;padding:0 16px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:20px;margin:28px 0 4px;border-bottom:2px solid #222}
table{border-collapse:collapse;margin:8px 0 12px;font-size:12.5px}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left}
thead th{background:#f3f3f3}.num{font-variant-numeric:tabular-nums;white-space:nowrap}.note{color:#555}
`;

/**
 * The self-contained HTML report of a ranking campaign: both leaderboards with intervals, agreement
 * (Kendall's W) and slot bias. Inline CSS, a CSP that forbids any request, user text escaped, the
 * report JSON embedded as inert data. Pure.
 */
export function rankingReportHtml(report: RankingReport): string {
  const s = report.dataSnapshot;
  const out = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${esc(report.campaign.name)} — ranking results</title><style>${CSS}</style></head><body>`,
    `<h1>${esc(report.campaign.name)}</h1>`,
    `<p class="note">Ranking campaign: “${esc(report.question)}” · ${s.analysed} of ${s.rankings} rankings analysed` +
      ` on ${s.sets} sets by ${s.annotators} annotators · ${report.settings.rounds} bootstrap rounds (whole prompts),` +
      ` seed ${report.settings.seed}, level ${report.settings.level}</p>`,
  ];
  if (!report.rankBroken) out.push(`<p>No rankings yet.</p>`);
  for (const board of [report.plackettLuce, report.rankBroken]) if (board) out.push(leaderboardHtml(board));
  if (report.concordance)
    out.push(
      `<h2>Agreement</h2><p>Kendall's W, mean over ${report.concordance.tasks.length} sets ranked at least twice: ${num(report.concordance.meanW, 3)}` +
        (report.concordance.pooled
          ? ` (pooled χ² ${num(report.concordance.pooled.chiSquare)} on ${report.concordance.pooled.df} df, p ${num(report.concordance.pooled.pValue, 4)})`
          : "") +
        `</p>`,
    );
  for (const group of report.slotBias) {
    out.push(
      `<h2>Position bias, ${group.items} images</h2><p class="note">Share of ${group.rankings} rankings whose first place was in each slot (${num(group.expectedShare * 100, 1)}% without bias); χ² p ${num(group.pValue, 4)}.</p>`,
      `<table><thead><tr><th>slot</th><th>first</th><th>interval</th><th>mean rank</th></tr></thead><tbody>`,
      ...group.slots.map(
        (x) =>
          `<tr><td class="num">${x.slot}</td><td class="num">${num(x.firstShare * 100, 1)}%</td><td class="num">${bracket({ lower: x.interval.lower * 100, upper: x.interval.upper * 100 }, 1)}</td><td class="num">${num(x.meanRank)}</td></tr>`,
      ),
      `</tbody></table>`,
    );
  }
  out.push(
    `<script type="application/json" id="report-json">${JSON.stringify(report).replace(/</g, "\\u003c")}</script></body></html>`,
  );
  return out.join("\n");
}

function leaderboardHtml(board: Leaderboard): string {
  const title =
    board.method === "plackett-luce" ? "Leaderboard: Plackett–Luce" : "Leaderboard: Bradley–Terry on rank-broken pairs";
  return [
    `<h2>${title}</h2>`,
    `<table><thead><tr><th>rank</th><th>model</th><th>rating</th><th>interval</th><th>pairs</th></tr></thead><tbody>`,
    ...board.rows.map(
      (r) =>
        `<tr><td class="num">${r.rank}</td><td>${esc(r.model)}</td><td class="num">${num(r.rating, 0)}</td><td class="num">${bracket({ lower: r.lower, upper: r.upper }, 0)}</td><td class="num">${r.games}</td></tr>`,
    ),
    `</tbody></table>`,
  ].join("\n");
}

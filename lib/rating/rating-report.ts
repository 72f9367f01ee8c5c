import { esc } from "../results/charts/svg";
import { csvLine } from "../results/csv";
import type { AspectRatingStats } from "../stats/rating/rating-stats";
import { bracket, differenceInterval, estimateInterval, excludesZero, num } from "./rating-figures";
import type { RatingReport } from "./rating-results";

/**
 * The figures as a tidy CSV: one row per (category, aspect, model) mean and share, per difference
 * and per aspect's α; `category` is "all" for the whole campaign.
 */
export function ratingFiguresCsv(report: RatingReport): string {
  const lines = [
    csvLine([
      "category",
      "aspect",
      "figure",
      "model",
      "opponent",
      "level",
      "estimate",
      "lower",
      "upper",
      "method",
      "n",
    ]),
  ];
  const emit = (category: string, stats: AspectRatingStats[]) => {
    for (const a of stats) {
      for (const m of a.models) {
        const mean = estimateInterval(m.mean);
        lines.push(
          csvLine([
            category,
            a.aspect,
            "mean",
            m.model,
            "",
            "",
            m.mean.estimate,
            mean.interval?.lower,
            mean.interval?.upper,
            mean.method,
            m.ratings,
          ]),
        );
        m.shares.forEach((s, l) => {
          const share = estimateInterval(s);
          lines.push(
            csvLine([
              category,
              a.aspect,
              "share",
              m.model,
              "",
              a.scale.values[l],
              s.estimate,
              share.interval?.lower,
              share.interval?.upper,
              share.method,
              m.distribution[l],
            ]),
          );
        });
      }
      for (const d of a.differences) {
        const diff = differenceInterval(d);
        lines.push(
          csvLine([
            category,
            a.aspect,
            "difference",
            d.model,
            d.opponent,
            "",
            d.estimate,
            diff.interval?.lower,
            diff.interval?.upper,
            diff.method,
            d.prompts,
          ]),
        );
      }
      lines.push(
        csvLine([
          category,
          a.aspect,
          "alpha-ordinal",
          "",
          "",
          "",
          a.agreement.ordinal,
          "",
          "",
          "krippendorff",
          a.agreement.images,
        ]),
      );
    }
  };
  emit("all", report.stats);
  for (const g of report.byCategory) emit(g.group, g.result);
  return lines.join("");
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;max-width:980px;margin:24px auto;padding:0 16px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:20px;margin:28px 0 4px;border-bottom:2px solid #222}h3{font-size:16px;margin:18px 0 6px}
table{border-collapse:collapse;margin:8px 0 12px;font-size:12.5px}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
thead th{background:#f3f3f3}.num{font-variant-numeric:tabular-nums;white-space:nowrap}.note{color:#555}
`;

/**
 * The self-contained HTML report of a rating campaign: settings, then per aspect the models' means
 * and distributions with intervals, the paired differences and ordinal α, then the per-category
 * means. Inline CSS, a CSP that forbids any request, every user text escaped, the report JSON
 * embedded as inert data. Pure: the same report gives the same bytes.
 */
export function ratingReportHtml(report: RatingReport): string {
  const out: string[] = [];
  out.push(
    `<!doctype html><html lang="en"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${esc(report.campaign.name)} — rating results</title><style>${CSS}</style></head><body>`,
    `<h1>${esc(report.campaign.name)}</h1>`,
    `<p class="note">Rating campaign · ${report.dataSnapshot.analysed} of ${report.dataSnapshot.ratings} ratings analysed` +
      ` (${report.dataSnapshot.excluded} from excluded annotators) on ${report.dataSnapshot.images} images by` +
      ` ${report.dataSnapshot.annotators} annotators · ${report.settings.rounds} bootstrap rounds, seed ${report.settings.seed},` +
      ` level ${report.settings.level} · photogenic ${esc(report.codeVersion.version)}</p>`,
  );
  if (report.stats.length === 0) out.push(`<p>No ratings yet.</p>`);
  for (const a of report.stats) out.push(aspectHtml(report, a));
  if (report.byCategory.length > 0) {
    out.push(`<h2>By category</h2>`);
    for (const g of report.byCategory) {
      out.push(
        `<h3>${esc(g.group)}</h3><table><thead><tr><th>aspect</th><th>model</th><th>mean</th><th>interval</th><th>ratings</th></tr></thead><tbody>`,
      );
      for (const a of g.result)
        for (const m of a.models)
          out.push(
            `<tr><td>${esc(a.aspect)}</td><td>${esc(m.model)}</td><td class="num">${num(m.mean.estimate)}</td><td class="num">${bracket(estimateInterval(m.mean).interval)}</td><td class="num">${m.ratings}</td></tr>`,
          );
      out.push(`</tbody></table>`);
    }
  }
  out.push(
    `<script type="application/json" id="report-json">${JSON.stringify(report).replace(/</g, "\\u003c")}</script>`,
    `</body></html>`,
  );
  return out.join("\n");
}

function aspectHtml(report: RatingReport, a: AspectRatingStats): string {
  const meta = report.aspects.find((x) => x.key === a.aspect);
  const levels = a.scale.values.map((v, i) => `${v}: ${meta?.labels[i] ?? ""}`);
  const out = [
    `<h2>${esc(meta?.label ?? a.aspect)}</h2>`,
    `<p class="note">${esc(meta?.question ?? "")} (${esc(a.scale.kind)}; prompt ${meta?.showPrompt ? "shown" : "hidden"})</p>`,
    `<table><thead><tr><th>model</th><th>ratings</th><th>prompts</th><th>mean</th><th>interval</th>${a.scale.values
      .map((v, i) => `<th title="${esc(levels[i])}">${v}</th>`)
      .join("")}</tr></thead><tbody>`,
  ];
  for (const m of a.models)
    out.push(
      `<tr><td>${esc(m.model)}</td><td class="num">${m.ratings}</td><td class="num">${m.prompts}</td><td class="num">${num(m.mean.estimate)}</td><td class="num">${bracket(estimateInterval(m.mean).interval)}</td>${m.shares
        .map(
          (s) =>
            `<td class="num">${num(s.estimate * 100, 0)}% ${bracket(estimateInterval(s).interval && scalePct(estimateInterval(s).interval!), 0)}</td>`,
        )
        .join("")}</tr>`,
    );
  out.push(`</tbody></table>`);
  if (a.differences.length > 0) {
    out.push(
      `<table><thead><tr><th>model</th><th>opponent</th><th>shared prompts</th><th>mean difference</th><th>interval</th></tr></thead><tbody>`,
    );
    for (const d of a.differences) {
      const i = differenceInterval(d).interval;
      out.push(
        `<tr><td>${esc(d.model)}</td><td>${esc(d.opponent)}</td><td class="num">${d.prompts}</td><td class="num">${num(d.estimate)}</td><td class="num">${bracket(i)}${excludesZero(i) ? " ✱" : ""}</td></tr>`,
      );
    }
    out.push(`</tbody></table><p class="note">✱ the interval excludes 0.</p>`);
  }
  out.push(
    `<p>Agreement: Krippendorff's α (ordinal) ${num(a.agreement.ordinal, 3)} over ${a.agreement.images} images rated at least twice (interval ${num(a.agreement.interval, 3)}, nominal ${num(a.agreement.nominal, 3)}).</p>`,
  );
  return out.join("\n");
}

const scalePct = (i: { lower: number; upper: number }) => ({ lower: i.lower * 100, upper: i.upper * 100 });

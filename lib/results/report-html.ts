import { esc } from "./charts/svg";
import { criterionSection, num } from "./report-html-criterion";
import { describeSettings } from "./report-view";
import { criterionLabel, inProtocolOrder } from "./criterion-reading";
import type { ReportJson } from "./report-json";

/** A pair shown in the report's sample, images already inlined as data: URIs. */
export interface SamplePair {
  promptId: string;
  prompt: string;
  category: string | null;
  modelA: string;
  modelB: string;
  imageA: string;
  imageB: string;
  votes: { criterion: string; winningModel: string; annotator: string }[];
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;max-width:980px;margin:24px auto;padding:0 16px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:20px;margin:28px 0 4px;border-bottom:2px solid #222}h3{font-size:16px;margin:18px 0 6px}
table{border-collapse:collapse;margin:8px 0 12px;font-size:12.5px}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
thead th{background:#f3f3f3}.num{font-variant-numeric:tabular-nums;white-space:nowrap}.question,.note{color:#555}.verdict{font-size:15px;margin:6px 0}
figure{margin:8px 0 12px}figcaption{font-size:12px;color:#555}svg{max-width:100%;height:auto}
.pairs{display:grid;grid-template-columns:repeat(2,1fr);gap:12px}.pair{border:1px solid #ccc;padding:8px;break-inside:avoid}
.pair img{width:48%;height:auto}.meta td,.meta th{border:none;padding:1px 8px 1px 0}
@media print{body{margin:0;max-width:none}section,figure,table{break-inside:avoid}h2{break-after:avoid}a{color:inherit;text-decoration:none}}
`;

/**
 * The self-contained HTML report: protocol, settings, every figure with its chart, the annotator
 * table and a sample of pairs. Inline CSS and SVG, images as data: URIs, a CSP that forbids any
 * request, and the report JSON embedded (as inert data) so the numbers can be checked against it.
 * Pure: the same report and samples give the same bytes.
 */
export function reportHtml(report: ReportJson, samples: readonly SamplePair[]): string {
  const s = report.settings;
  const setting = (k: string, v: string) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`;
  const out: string[] = [];
  out.push(`<!doctype html><html lang="en"><head><meta charset="utf-8">`);
  out.push(
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`,
  );
  out.push(
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(report.campaign.name)} — Photogenic report</title><style>${CSS}</style></head><body>`,
  );
  out.push(
    `<header><h1>${esc(report.campaign.name)}</h1><p>Photogenic human-evaluation report · ${esc(describeSettings(s))}</p></header>`,
  );
  out.push(`<section><h2>Protocol and settings</h2><table class="meta"><tbody>`);
  out.push(setting("models", report.protocol.models.join(", ")));
  out.push(setting("generation", generationLine(report.generation)));
  out.push(setting("prompt set", `${report.campaign.promptSet.name} (version ${report.campaign.promptSet.version})`));
  out.push(
    setting(
      "pair design",
      `${report.protocol.pairDesign}${report.protocol.baselineModel ? ` against ${report.protocol.baselineModel}` : ""}, ${report.protocol.seedsPerPrompt} seed(s) per prompt, gold rate ${report.protocol.goldRate}`,
    ),
  );
  out.push(
    report.protocol.criteria
      .map((c) =>
        setting(
          `criterion: ${criterionLabel(c.key)} (${c.key})`,
          `“${c.question}” — ${c.choices.join(" / ")}, ${c.judgmentsPerPair} judgments per pair, prompt ${c.showPrompt ? "shown" : "hidden"}`,
        ),
      )
      .join(""),
  );
  out.push(setting("protocol version", String(report.campaign.protocolVersion)));
  out.push(
    setting(
      "aggregation",
      s.aggregation === "majority"
        ? "majority per pair (Emu)"
        : s.aggregation === "judgment"
          ? "every judgment"
          : "majority per pair, with Dawid–Skene",
    ),
  );
  out.push(setting("reference model", `${s.reference ?? "none"} (verdicts and matchups read from its side)`));
  out.push(setting("ties", s.ties === "half" ? "counted as half a win" : "excluded"));
  out.push(setting("interval", `${s.interval}, level ${s.level}, ${s.rounds} bootstrap rounds over prompts`));
  out.push(setting("bootstrap seed", String(report.bootstrapSeed)));
  out.push(
    setting(
      "excluded annotators",
      [...s.excludedAnnotators, ...s.flaggedAnnotatorsExcluded.map((a) => `${a} (flagged)`)].join(", ") || "none",
    ),
  );
  out.push(
    setting(
      "code version",
      `photogenic ${report.codeVersion.version}${report.codeVersion.commit ? ` (${report.codeVersion.commit.slice(0, 12)})` : ""}`,
    ),
  );
  out.push(setting("data snapshot", report.dataSnapshot.time ?? "no judgments"));
  out.push(
    `</tbody></table><p>${num(report, "dataSnapshot.judgments", "count")} judgments read: ${num(report, "dataSnapshot.analysed", "count")} analysed, ${num(report, "dataSnapshot.gold", "count")} on gold pairs, ${num(report, "dataSnapshot.excluded", "count")} from excluded annotators.</p></section>`,
  );
  for (const { c, ci } of inProtocolOrder(report)) out.push(criterionSection(report, c, ci));
  out.push(
    `<section><h2>Annotators</h2><table><thead><tr><th>annotator</th><th>judgments</th><th>gold answered</th><th>gold accuracy</th><th>agreement with majority</th><th>median seconds</th><th>quality flags</th><th>excluded</th></tr></thead><tbody>`,
  );
  report.annotators.forEach((a, i) => {
    const at = (x: string, f: Parameters<typeof num>[2]) => num(report, `annotators.${i}.${x}`, f);
    out.push(
      `<tr><td>${esc(a.annotator)}</td><td>${at("judgments", "count")}</td><td>${at("goldAnswered", "count")}</td><td>${at("goldAccuracy", "pct")}</td><td>${at("agreementWithMajority", "pct")}</td><td>${at("medianSeconds", "fixed1")}</td><td>${esc(a.flags.join(", ") || "none")}</td><td>${esc(a.reason ?? "no")}</td></tr>`,
    );
  });
  out.push(`</tbody></table></section>`);
  if (samples.length > 0) {
    out.push(
      `<section><h2>A sample of pairs</h2><p class="note">The pairs annotators disagreed on most (votes compared within each criterion).</p><div class="pairs">`,
    );
    for (const p of samples) {
      const votes = p.votes.map((v) => `${esc(v.criterion)}: ${esc(v.winningModel)}`).join("<br>");
      out.push(
        `<div class="pair"><div><img src="${p.imageA}" alt="${esc(p.modelA)}"> <img src="${p.imageB}" alt="${esc(p.modelB)}"></div><p><b>${esc(p.modelA)}</b> (left) vs <b>${esc(p.modelB)}</b> (right)<br>${esc(p.promptId)}${p.category ? ` · ${esc(p.category)}` : ""}: “${esc(p.prompt)}”</p><p class="note">${votes}</p></div>`,
      );
    }
    out.push(`</div></section>`);
  }
  // Inert data for readers and tests; "<" escaped so no text in it can close the element.
  out.push(
    `<script type="application/json" id="report-json">${JSON.stringify(report).replace(/</g, "\\u003c")}</script>`,
  );
  out.push(`</body></html>\n`);
  return out.join("\n");
}

/** "a 2.1 s/image (queue 0.4 s, generation 1.5 s), cost 0.12; b 0.3 s/image; total cost 0.12". */
function generationLine(g: ReportJson["generation"]): string {
  const models = g.models.map((m) => {
    const split = [
      m.queueSecondsPerImage === null ? null : `queue ${m.queueSecondsPerImage} s`,
      m.generationSecondsPerImage === null ? null : `generation ${m.generationSecondsPerImage} s`,
    ].filter(Boolean);
    const time = m.secondsPerImage === null ? "no image yet" : `${m.secondsPerImage} s/image`;
    return `${m.model} ${time}${split.length ? ` (${split.join(", ")})` : ""}${m.cost === null ? "" : `, cost ${m.cost}`}`;
  });
  return `${models.join("; ")}${g.cost === null ? "" : `; total cost ${g.cost}`}`;
}

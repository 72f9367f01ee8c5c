import { csvLine } from "./csv";
import type { ReportJson } from "./report-json";

export const FIGURE_COLUMNS = [
  "section",
  "criterion",
  "dimension",
  "group",
  "model",
  "opponent",
  "annotator",
  "figure",
  "value",
] as const;

type Cell = string | number | boolean | null;
interface Key {
  section: string;
  criterion?: string | null;
  dimension?: string;
  group?: string;
  model?: string;
  opponent?: string;
  annotator?: string;
}

/** Leaves of a JSON value as [dotted path, value]; arrays of plain values become one ";"-joined value. */
function leaves(value: unknown, prefix = ""): [string, Cell][] {
  if (value === null || typeof value !== "object") return [[prefix, value as Cell]];
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== "object")) return [[prefix, value.join(";")]];
    return value.flatMap((v, i) => leaves(v, `${prefix}${prefix ? "." : ""}${i}`));
  }
  return Object.entries(value).flatMap(([k, v]) => leaves(v, `${prefix}${prefix ? "." : ""}${k}`));
}

/**
 * Every figure of a report as a tidy ("long") table, one number per row, identified by section,
 * criterion, breakdown group, model, opponent or annotator and the figure's JSON path — the shape
 * pandas (`pivot_table`) and R (`tidyr`) take as is. The JSON export holds the same numbers.
 */
export function figuresCsv(report: ReportJson): string {
  const out: string[] = [csvLine(FIGURE_COLUMNS)];
  const emit = (key: Key, value: unknown, skip: string[] = []) => {
    for (const [figure, v] of leaves(value)) {
      if (skip.includes(figure)) continue;
      out.push(
        csvLine([
          key.section,
          key.criterion ?? null,
          key.dimension ?? null,
          key.group ?? null,
          key.model ?? null,
          key.opponent ?? null,
          key.annotator ?? null,
          figure,
          v,
        ]),
      );
    }
  };
  emit({ section: "settings" }, report.settings);
  emit({ section: "codeVersion" }, report.codeVersion);
  emit({ section: "dataSnapshot" }, report.dataSnapshot);
  for (const a of report.annotators) emit({ section: "annotators", annotator: a.annotator }, a, ["annotator"]);
  for (const c of report.stats.criteria) {
    const criterion = c.criterion;
    emit(
      { section: "criterion", criterion },
      { judgments: c.judgments, pairs: c.pairs, prompts: c.prompts, annotators: c.annotators, models: c.models },
    );
    for (const h of c.headToHead)
      emit({ section: "headToHead", criterion, model: h.model, opponent: h.opponent }, h, ["model", "opponent"]);
    if (c.leaderboard) {
      const { rows, ...meta } = c.leaderboard;
      emit({ section: "leaderboard", criterion }, meta);
      for (const r of rows) emit({ section: "leaderboard", criterion, model: r.model }, r, ["model"]);
    }
    emit({ section: "agreement", criterion }, c.agreement);
    emit({ section: "positionBias", criterion }, c.positionBias);
    for (const q of c.annotatorQuality)
      emit({ section: "annotatorQuality", criterion, annotator: q.annotatorId }, q, ["annotatorId"]);
    for (const b of c.breakdowns) {
      for (const h of b.headToHead)
        emit(
          {
            section: "breakdown",
            criterion,
            dimension: b.dimension,
            group: b.group,
            model: h.model,
            opponent: h.opponent,
          },
          h,
          ["model", "opponent"],
        );
    }
    if (c.dawidSkene) {
      emit({ section: "dawidSkene", criterion }, { iterations: c.dawidSkene.iterations });
      for (const a of c.dawidSkene.annotators)
        emit({ section: "dawidSkene", criterion, annotator: a.annotatorId }, a, ["annotatorId"]);
      for (const h of c.dawidSkene.headToHead)
        emit({ section: "dawidSkene", criterion, model: h.model, opponent: h.opponent }, h, ["model", "opponent"]);
    }
  }
  if (report.withExcludedAnnotators) {
    const { criteria, ...meta } = report.withExcludedAnnotators;
    emit({ section: "withExcludedAnnotators" }, meta);
    for (const c of criteria)
      for (const h of c.headToHead)
        emit({ section: "withExcludedAnnotators", criterion: c.criterion, model: h.model, opponent: h.opponent }, h, [
          "model",
          "opponent",
        ]);
  }
  return out.join("");
}

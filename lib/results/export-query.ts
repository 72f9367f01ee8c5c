import { z } from "zod";
import { parseOrThrow } from "../errors";
import { parseResultsSettings, type ResultsSettings } from "./settings";

/** Query of the export routes: the results settings plus what to export. Errors name the field. */
const figuresQuery = z.object({ format: z.enum(["json", "csv"]).default("json") });
const judgmentsQuery = z.object({ rows: z.enum(["all", "analysed"]).default("all") });
const reportQuery = z.object({ format: z.enum(["html", "json", "figures-csv"]).default("html") });

const one = (params: URLSearchParams, key: string) => (params.get(key) ?? undefined) || undefined;

export function parseFiguresQuery(params: URLSearchParams): { settings: ResultsSettings; format: "json" | "csv" } {
  return {
    settings: parseResultsSettings(params),
    ...parseOrThrow(figuresQuery, { format: one(params, "format") }, "query"),
  };
}

export function parseJudgmentsQuery(params: URLSearchParams): { settings: ResultsSettings; rows: "all" | "analysed" } {
  return {
    settings: parseResultsSettings(params),
    ...parseOrThrow(judgmentsQuery, { rows: one(params, "rows") }, "query"),
  };
}

export function parseReportQuery(params: URLSearchParams): {
  settings: ResultsSettings;
  format: "html" | "json" | "figures-csv";
} {
  return {
    settings: parseResultsSettings(params),
    ...parseOrThrow(reportQuery, { format: one(params, "format") }, "query"),
  };
}

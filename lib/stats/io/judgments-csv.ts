import { parseWinner } from "../choices";
import type { Judgment, Winner } from "../types";
import { parseCsvTable } from "./csv";
import { InputError } from "./text-position";

/** Accepted header names (case, spaces and dashes ignored) for each judgment field. */
const COLUMNS = {
  modelA: ["model_a", "modela"],
  modelB: ["model_b", "modelb"],
  winner: ["winner", "choice", "vote", "answer"],
  pairId: ["pair_id", "pair", "pairid"],
  promptId: ["prompt_id", "promptid", "prompt", "question_id"],
  category: ["category"],
  challenge: ["challenge"],
  annotatorId: ["annotator_id", "annotator", "rater", "worker_id", "judge"],
  criterion: ["criterion", "question"],
  leftModel: ["left_model", "left"],
  seconds: ["seconds", "duration_s", "time_s"],
} as const;

type Field = keyof typeof COLUMNS;

function normaliseHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/**
 * Reads judgments from CSV. Required columns: model_a, model_b, and winner (or choice / vote /
 * answer) whose values are A, B, tie, both, neither, model_a, model_b, tie (bothbad), or one of
 * the two model names; "left" / "right" are accepted when a left_model column says which model
 * was on the left. Optional: pair_id (default: one pair per row), prompt_id (default: the pair),
 * category, challenge, annotator, criterion, left_model, seconds.
 * Every problem is reported with its line and column (1-based, column = field number).
 * Complexity: O(length of text).
 */
export function parseJudgmentsCsv(text: string, source = "judgments.csv"): Judgment[] {
  const { header: headerRecord, rows } = parseCsvTable(text, source);
  const header = headerRecord.fields.map(normaliseHeader);
  const col = {} as Record<Field, number>;
  for (const [field, names] of Object.entries(COLUMNS) as [Field, readonly string[]][]) {
    col[field] = header.findIndex((h) => names.includes(h));
  }
  for (const f of ["modelA", "modelB", "winner"] as const) {
    if (col[f] < 0)
      throw new InputError(
        source,
        headerRecord.line,
        undefined,
        `missing column ${COLUMNS[f][0]}${f === "winner" ? " (or choice)" : ""}; found: ${headerRecord.fields.join(", ")}`,
      );
  }
  return rows.map(({ fields, line }) => {
    const get = (f: Field) => (col[f] >= 0 ? fields[col[f]].trim() : "");
    const fail = (f: Field, detail: string): never => {
      throw new InputError(source, line, col[f] + 1, `column ${headerRecord.fields[col[f]]}: ${detail}`);
    };
    const modelA = get("modelA") || fail("modelA", "empty model name");
    const modelB = get("modelB") || fail("modelB", "empty model name");
    const leftModel = get("leftModel") || undefined;
    const rawWinner = get("winner");
    const winner = resolveWinner(rawWinner, modelA, modelB, leftModel);
    if (!winner)
      fail(
        "winner",
        `"${rawWinner}" is not A, B, tie, both, neither, model_a, model_b, a model name, or left/right with a left_model column`,
      );
    const pairId = get("pairId") || `row-${line}`;
    const secondsText = get("seconds");
    const seconds = secondsText === "" ? undefined : Number(secondsText);
    if (seconds !== undefined && !Number.isFinite(seconds)) fail("seconds", `"${secondsText}" is not a number`);
    const j: Judgment = { pairId, promptId: get("promptId") || pairId, modelA, modelB, winner: winner as Winner };
    for (const f of ["category", "challenge", "annotatorId", "criterion"] as const) {
      const v = get(f);
      if (v !== "") j[f] = v;
    }
    if (leftModel) j.leftModel = leftModel;
    if (seconds !== undefined) j.seconds = seconds;
    return j;
  });
}

function resolveWinner(raw: string, modelA: string, modelB: string, leftModel: string | undefined): Winner | undefined {
  const w = parseWinner(raw);
  if (w) return w;
  if (raw === modelA) return "A";
  if (raw === modelB) return "B";
  const v = raw.toLowerCase();
  if ((v === "left" || v === "right") && leftModel && (leftModel === modelA || leftModel === modelB)) {
    const leftIsA = leftModel === modelA;
    return (v === "left") === leftIsA ? "A" : "B";
  }
  return undefined;
}

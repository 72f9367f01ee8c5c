import type { CurationVote, StageRule } from "../curation/curation-stats";
import { parseStageRuleWords, STAGE_RULES_SEPARATOR } from "../curation/curation-figures";
import { parseCsvTable } from "./csv";
import { ANNOTATOR_COLUMN, headerHas, IMAGE_COLUMN, resolveColumns } from "./columns";
import { InputError } from "./text-position";

/** Accepted header names (case, spaces and dashes ignored) for each field of a manifest row. */
const COLUMNS = {
  stage: ["stage"],
  vote: ["vote"],
  stageRules: ["stage_rules"],
  imageId: IMAGE_COLUMN,
  fileName: ["file_name", "file"],
  annotatorId: ANNOTATOR_COLUMN,
} as const;

type Field = keyof typeof COLUMNS;
const REQUIRED: Field[] = ["stage", "imageId", "vote", "stageRules"];

/** Whether a CSV header names a curation manifest (stage and vote columns). */
export function isCurationManifestHeader(firstLine: string): boolean {
  return headerHas(firstLine, COLUMNS.stage, COLUMNS.vote);
}

export interface CurationManifest {
  votes: CurationVote[];
  /** The campaign's stages, from the `stage_rules` column. */
  stages: StageRule[];
  /** The stage-1 images in the order the file first names them (with or without a vote). */
  pool: string[];
  /** Each image's file name in the dataset (the image id when the file has no file_name column). */
  fileNames: Map<string, string>;
}

/**
 * Reads a curation campaign's manifest (lib/curation/export-accepted-set.ts: the results'
 * "Manifest" CSV, or `manifest.csv` of the exported dataset), one row per vote: required stage
 * (1, 2, …), image (its id), vote (`accept`, `reject`, or empty for a candidate nobody has voted on
 * yet, whose annotator is empty too) and stage_rules (every stage's rule in words, "majority of
 * 3 | at least 2 of 2 accept", the same on every row); optional file_name and annotator (votes
 * without one are anonymous). The role, stage_decision, in_dataset and voted_at columns are the
 * campaign's own reading; the figures are recomputed from the votes and the rules.
 * Every problem names the file, line and column (1-based). Complexity: O(length of text).
 */
export function parseCurationManifestCsv(text: string, source = "manifest.csv"): CurationManifest {
  const { header, rows } = parseCsvTable(text, source);
  const col = resolveColumns(header, COLUMNS, REQUIRED, source);
  let stages: StageRule[] | null = null;
  let first = { rules: "", line: 0 };
  const votes: CurationVote[] = [];
  const pool = new Set<string>();
  const fileNames = new Map<string, { name: string; line: number }>();
  for (const { fields, line } of rows) {
    const get = (f: Field) => (col[f] >= 0 ? (fields[col[f]] ?? "").trim() : "");
    const fail = (f: Field, detail: string): never => {
      throw new InputError(source, line, col[f] + 1, `column ${header.fields[col[f]]}: ${detail}`);
    };
    const rules = get("stageRules")
      .split(STAGE_RULES_SEPARATOR.trim())
      .map((words) => words.trim());
    if (stages === null) {
      stages = rules.map((words, i): StageRule => {
        const rule =
          parseStageRuleWords(words) ??
          fail("stageRules", `"${words}" is not "majority of N" or "at least T of N accept"`);
        if (
          rule.votesPerImage < 1 ||
          (rule.rule.kind === "threshold" && (rule.rule.minAccepts < 1 || rule.rule.minAccepts > rule.votesPerImage))
        )
          fail("stageRules", `"${words}": N must be 1 or more, and T from 1 to N`);
        return { stage: i + 1, ...rule };
      });
      first = { rules: rules.join("|"), line };
    } else if (rules.join("|") !== first.rules) fail("stageRules", `differs from line ${first.line}`);
    const stage = Number(get("stage"));
    if (!Number.isInteger(stage) || stage < 1 || stage > stages.length)
      fail(
        "stage",
        `"${get("stage")}" is not a stage of this campaign (1${stages.length > 1 ? `–${stages.length}` : ""}, as stage_rules lists them)`,
      );
    const imageId = get("imageId");
    if (imageId === "") fail("imageId", "empty");
    const fileName = col.fileName >= 0 ? get("fileName") : imageId;
    if (fileName === "") fail("fileName", "empty");
    const known = fileNames.get(imageId);
    if (known && known.name !== fileName)
      fail("fileName", `"${fileName}" differs from "${known.name}" on line ${known.line} for image ${imageId}`);
    if (!known) fileNames.set(imageId, { name: fileName, line });
    if (stage === 1) pool.add(imageId);
    const vote = get("vote").toLowerCase();
    const annotatorId = get("annotatorId");
    if (vote === "") {
      if (annotatorId !== "") fail("vote", `empty, but annotator "${annotatorId}" is given`);
      continue;
    }
    if (vote !== "accept" && vote !== "reject") fail("vote", `"${get("vote")}" is not accept, reject or empty`);
    votes.push({ imageId, stage, accept: vote === "accept", ...(annotatorId ? { annotatorId } : {}) });
  }
  if (stages === null) throw new InputError(source, header.line, undefined, "no rows after the header");
  return {
    votes,
    stages,
    pool: [...pool],
    fileNames: new Map([...fileNames].map(([id, f]) => [id, f.name])),
  };
}

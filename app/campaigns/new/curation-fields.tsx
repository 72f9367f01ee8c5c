"use client";
import type { CampaignSpecInput } from "@/lib/campaigns/campaign-spec";
import { DEFAULT_CURATION_STAGES, rubricMarkdown, type CurationStageSpec } from "@/lib/curation/curation-spec";
import { EMU_PHOTOGRAPHY_RUBRIC } from "@/lib/stats/curation";
import { MarkdownView } from "../../components/markdown-view";
import { NumberField, WIZARD_INPUT } from "./number-field";
import { patchAt } from "./patch-at";

/** What the wizard keeps of a curation campaign (issue 22). */
export interface CurationFieldsValue {
  source: "models" | "folder";
  imageFolder: string;
  rubric: string;
  question: string;
  stages: CurationStageSpec[];
  /** Stage 2 (experts, the survivors only) on or off. */
  expertStage: boolean;
}

export const DEFAULT_CURATION_FIELDS: CurationFieldsValue = {
  source: "folder",
  imageFolder: "",
  rubric: rubricMarkdown(),
  question: EMU_PHOTOGRAPHY_RUBRIC.question,
  stages: DEFAULT_CURATION_STAGES,
  expertStage: true,
};

/**
 * The spec of a curation campaign from the wizard's fields: `curation` with its rubric, question,
 * stages and (from a folder) the folder, which then gives the prompts and images: the prompt set,
 * subset and models are left out.
 */
export function withCuration(spec: CampaignSpecInput, v: CurationFieldsValue): CampaignSpecInput {
  const curation = {
    rubric: v.rubric,
    question: v.question,
    stages: v.expertStage ? v.stages : v.stages.slice(0, 1),
    ...(v.source === "folder" ? { imageFolder: v.imageFolder } : {}),
  };
  if (v.source === "models") return { ...spec, taskType: "curation", curation };
  const { promptSetId: _set, subset: _subset, modelIds: _models, baselineModelId: _baseline, ...rest } = spec;
  return { ...rest, taskType: "curation", curation };
}

/** Image source, rubric (Markdown, Emu's photography principles to start from) and the stages. */
export function CurationFields({
  value,
  onChange,
}: {
  value: CurationFieldsValue;
  onChange: (value: CurationFieldsValue) => void;
}) {
  const set = (patch: Partial<CurationFieldsValue>) => onChange({ ...value, ...patch });
  const setStage = (i: number, patch: Partial<CurationStageSpec>) => set({ stages: patchAt(value.stages, i, patch) });
  return (
    <fieldset className="space-y-3" data-testid="curation-fields">
      <legend className="font-medium">Curation</legend>
      <div className="flex gap-4">
        <label>
          <input type="radio" checked={value.source === "folder"} onChange={() => set({ source: "folder" })} /> Images
          from a folder with captions
        </label>
        <label>
          <input type="radio" checked={value.source === "models"} onChange={() => set({ source: "models" })} /> Images
          the models above generate
        </label>
      </div>
      {value.source === "folder" && (
        <label className="block">
          Folder inside IMPORT_ROOT (images with <code>metadata.jsonl</code> lines{" "}
          <code>{'{"file_name": …, "text": …}'}</code>, or a <code>.txt</code> caption beside each image); the prompt
          set and models above are not used
          <input
            className={WIZARD_INPUT}
            value={value.imageFolder}
            onChange={(e) => set({ imageFolder: e.target.value })}
            placeholder="e.g. harbour-photos"
            data-testid="curation-folder"
          />
        </label>
      )}
      <label className="block">
        Question (accept or reject)
        <input className={WIZARD_INPUT} value={value.question} onChange={(e) => set({ question: e.target.value })} />
      </label>
      <label className="block">
        Rubric (Markdown, shown beside every image)
        <textarea
          className={`${WIZARD_INPUT} h-40 font-mono text-xs`}
          value={value.rubric}
          onChange={(e) => set({ rubric: e.target.value })}
        />
      </label>
      <MarkdownView source={value.rubric} className="rounded border border-dashed p-3 text-sm" />
      {value.stages.map((stage, i) =>
        i > 0 && !value.expertStage ? null : (
          <div key={i} className="flex flex-wrap items-end gap-3" data-testid="curation-stage-fields">
            <span className="font-medium">
              Stage {i + 1} {i === 0 ? "(everyone)" : "(experts, the survivors only)"}
            </span>
            <NumberField
              label="Votes per image"
              min={1}
              max={50}
              value={stage.votes}
              onChange={(votes) => setStage(i, { votes })}
            />
            <label>
              Kept when{" "}
              <select
                className={WIZARD_INPUT}
                value={stage.accept === "majority" ? "majority" : "threshold"}
                onChange={(e) =>
                  setStage(i, { accept: e.target.value === "majority" ? "majority" : Math.min(stage.votes, 1) })
                }
              >
                <option value="majority">a majority accepts (a tie rejects)</option>
                <option value="threshold">at least this many accept</option>
              </select>
            </label>
            {stage.accept !== "majority" && (
              <NumberField
                label="Accepts needed"
                min={1}
                max={stage.votes}
                value={stage.accept}
                onChange={(accept) => setStage(i, { accept })}
              />
            )}
          </div>
        ),
      )}
      <label className="block">
        <input type="checkbox" checked={value.expertStage} onChange={(e) => set({ expertStage: e.target.checked })} /> A
        second stage by experts (mark them on the campaign page once they have joined)
      </label>
    </fieldset>
  );
}

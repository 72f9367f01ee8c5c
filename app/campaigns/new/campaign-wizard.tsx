"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import type { CriterionSpec } from "@/lib/campaigns/emu-criteria";
import type { CampaignSpecInput, FillPolicy } from "@/lib/campaigns/campaign-spec";
import { campaignBudget } from "@/lib/campaigns/budget";
import { MarkdownView } from "../../components/markdown-view";
import { BudgetSummary } from "../../components/budget-summary";
import { CRITERIA } from "./criteria-editor";
import { STOP_RULE_OFF, StopRuleFields, stopRuleSpec } from "./stop-rule-fields";
import { FillPolicyField } from "./fill-policy-field";
import { useSubsetPreview } from "./use-subset-preview";
import { ASPECTS } from "./aspects-editor";
import { NumberField, WIZARD_INPUT } from "./number-field";
import { QuestionList } from "./question-card";
import { heimAspects, type AspectSpec } from "@/lib/rating/aspect-spec";
import { DEFAULT_RANKING_QUESTION } from "@/lib/ranking/ranking-spec";
import { CurationFields, DEFAULT_CURATION_FIELDS, withCuration } from "./curation-fields";

type Option = { id: string; label: string };
type Problem = { detail?: string; issues?: { field: string; message: string }[] };

/** One form, posted once: the server validates everything and names each bad field. */
export function CampaignWizard({
  promptSets,
  models,
  defaultCriteria,
}: {
  promptSets: Option[];
  models: Option[];
  defaultCriteria: CriterionSpec[];
}) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [taskType, setTaskType] = useState<"pairwise" | "rating" | "ranking" | "curation">("pairwise");
  const [curation, setCuration] = useState(DEFAULT_CURATION_FIELDS);
  const [rankingQuestion, setRankingQuestion] = useState(DEFAULT_RANKING_QUESTION);
  const [aspects, setAspects] = useState<AspectSpec[]>(heimAspects);
  // A rating image's or a ranking set's distinct annotators.
  const [answersPerItem, setAnswersPerItem] = useState(3);
  const [promptSetId, setPromptSetId] = useState(promptSets[0]?.id ?? "");
  const [subsetMode, setSubsetMode] = useState<"all" | "per-category" | "fraction">("all");
  const [subsetValue, setSubsetValue] = useState(10);
  const [subsetSeed, setSubsetSeed] = useState(0);
  const [modelIds, setModelIds] = useState<string[]>([]);
  const [pairDesign, setPairDesign] = useState<"all_pairs" | "baseline" | "adaptive">("all_pairs");
  const [baselineModelId, setBaselineModelId] = useState("");
  const [seedsPerPrompt, setSeedsPerPrompt] = useState(1);
  const [criteria, setCriteria] = useState<CriterionSpec[]>(defaultCriteria);
  const [criteriaMode, setCriteriaMode] = useState<"together" | "sequential">("sequential");
  const [fillPolicy, setFillPolicy] = useState<FillPolicy>("breadth_first");
  const [instructions, setInstructions] = useState("");
  const [goldRate, setGoldRate] = useState(0.05);
  const [cap, setCap] = useState("");
  const [completionCode, setCompletionCode] = useState("");
  const [stopRule, setStopRule] = useState(STOP_RULE_OFF);
  const [completionUrl, setCompletionUrl] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const subset: CampaignSpecInput["subset"] =
    subsetMode === "all"
      ? { mode: "all", seed: subsetSeed }
      : subsetMode === "per-category"
        ? { mode: "per-category", perCategory: subsetValue, seed: subsetSeed }
        : { mode: "fraction", fraction: subsetValue / 100, seed: subsetSeed };

  const preview = useSubsetPreview(promptSetId, subset);
  const perAnnotatorCap = cap ? Number(cap) : null;
  const budget = campaignBudget({
    prompts: preview.selected ?? 0,
    seedsPerPrompt,
    models: modelIds.length,
    pairDesign: modelIds.length > 2 ? pairDesign : "all_pairs",
    criteria,
    perAnnotatorCap,
    goldRate,
  });

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    // The API's own schema (lib/campaigns/campaign-spec.ts), which a spec file is read with too.
    const rating = taskType !== "pairwise";
    const base: CampaignSpecInput = {
      name,
      ...(taskType === "rating" ? { taskType, aspects, ratingsPerImage: answersPerItem } : {}),
      ...(taskType === "ranking" ? { taskType, rankingQuestion, rankingsPerItem: answersPerItem } : {}),
      promptSetId,
      subset,
      modelIds,
      pairDesign,
      baselineModelId: pairDesign === "baseline" ? baselineModelId : undefined,
      seedsPerPrompt,
      criteria,
      criteriaMode,
      fillPolicy,
      instructions,
      goldRate: rating ? 0 : goldRate,
      perAnnotatorCap: perAnnotatorCap ?? undefined,
      completionCode: completionCode || undefined,
      stopRule: rating ? undefined : stopRuleSpec(stopRule),
      completionUrl: completionUrl.trim() || undefined,
    };
    const spec = taskType === "curation" ? withCuration({ ...base, criteria: undefined }, curation) : base;
    const response = await fetch("/api/campaigns", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(spec),
    });
    setBusy(false);
    if (!response.ok) return setProblem(await response.json().catch(() => ({ detail: `Failed (${response.status})` })));
    const { id } = await response.json();
    router.push(`/campaigns/${id}`);
  }

  const toggleModel = (id: string) =>
    setModelIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));

  return (
    <form
      onSubmit={submit}
      className="space-y-6 rounded bg-white p-6 shadow"
      aria-describedby={problem ? "wizard-problem" : undefined}
    >
      <label className="block">
        Name <input className={WIZARD_INPUT} value={name} onChange={(e) => setName(e.target.value)} required />
      </label>

      <label className="block">
        Task
        <select
          className={WIZARD_INPUT}
          value={taskType}
          onChange={(e) => setTaskType(e.target.value as typeof taskType)}
          data-testid="task-type"
        >
          <option value="pairwise">Pairwise: which of two images is better</option>
          <option value="rating">Rating: one image at a time, on labelled scales</option>
          <option value="ranking">Ranking: put the images of every model for one prompt in order (2–6 models)</option>
          <option value="curation">
            Curation: accept or reject images against a rubric, in stages (crowd, then experts)
          </option>
        </select>
      </label>

      <fieldset className="space-y-2">
        <legend className="font-medium">Prompts</legend>
        <label className="block">
          Prompt set
          <select className={WIZARD_INPUT} value={promptSetId} onChange={(e) => setPromptSetId(e.target.value)}>
            {promptSets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <div className="flex flex-wrap items-end gap-3">
          <label>
            Subset
            <select
              className={WIZARD_INPUT}
              value={subsetMode}
              onChange={(e) => setSubsetMode(e.target.value as typeof subsetMode)}
            >
              <option value="all">All prompts</option>
              <option value="per-category">At most N per category</option>
              <option value="fraction">A percentage, stratified by category</option>
            </select>
          </label>
          {subsetMode !== "all" && (
            <NumberField
              label={subsetMode === "fraction" ? "Percent" : "N"}
              min={1}
              max={subsetMode === "fraction" ? 100 : undefined}
              value={subsetValue}
              onChange={setSubsetValue}
            />
          )}
          <NumberField label="Sample seed" min={0} value={subsetSeed} onChange={setSubsetSeed} />
        </div>
        {preview.text && (
          <p aria-live="polite" className="text-sm text-slate-600" data-testid="subset-preview">
            {preview.text}
          </p>
        )}
        <NumberField
          label="Seeds per prompt"
          block
          min={1}
          max={16}
          value={seedsPerPrompt}
          onChange={setSeedsPerPrompt}
        />
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="font-medium">Models (two or more)</legend>
        {models.map((m) => (
          <label key={m.id} className="block">
            <input type="checkbox" checked={modelIds.includes(m.id)} onChange={() => toggleModel(m.id)} /> {m.label}
          </label>
        ))}
        {modelIds.length > 2 && (
          <div className="flex gap-4">
            <label>
              <input type="radio" checked={pairDesign === "all_pairs"} onChange={() => setPairDesign("all_pairs")} />{" "}
              All pairs
            </label>
            <label>
              <input type="radio" checked={pairDesign === "baseline"} onChange={() => setPairDesign("baseline")} /> Each
              against a baseline
            </label>
            <label>
              <input type="radio" checked={pairDesign === "adaptive"} onChange={() => setPairDesign("adaptive")} />{" "}
              Adaptive (unresolved pairs first)
            </label>
            {pairDesign === "baseline" && (
              <select
                aria-label="Baseline model"
                value={baselineModelId}
                onChange={(e) => setBaselineModelId(e.target.value)}
              >
                <option value="">choose…</option>
                {models
                  .filter((m) => modelIds.includes(m.id))
                  .map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.label}
                    </option>
                  ))}
              </select>
            )}
          </div>
        )}
      </fieldset>

      {taskType === "ranking" && (
        <label className="block">
          Question above the images{" "}
          <input
            className={WIZARD_INPUT}
            value={rankingQuestion}
            onChange={(e) => setRankingQuestion(e.target.value)}
          />
        </label>
      )}
      {taskType === "rating" && <QuestionList kind={ASPECTS} items={aspects} onChange={setAspects} />}
      {taskType === "curation" && <CurationFields value={curation} onChange={setCuration} />}
      {taskType === "pairwise" ? (
        <>
          <QuestionList kind={CRITERIA} items={criteria} onChange={setCriteria} />
          <label className="block">
            Criteria are asked
            <select
              className={WIZARD_INPUT}
              value={criteriaMode}
              onChange={(e) => setCriteriaMode(e.target.value as typeof criteriaMode)}
            >
              <option value="sequential">one after another (visual appeal before the prompt is shown)</option>
              <option value="together">together on one view</option>
            </select>
          </label>
        </>
      ) : taskType === "curation" ? null : (
        <NumberField
          label={`${taskType === "rating" ? "Ratings per image" : "Rankings per set"} (distinct annotators)`}
          block
          min={1}
          max={50}
          value={answersPerItem}
          onChange={setAnswersPerItem}
        />
      )}

      <label className="block">
        Instructions (Markdown: paragraphs, # headings, - lists, **bold**, *italic*, links)
        <textarea
          className={`${WIZARD_INPUT} h-32`}
          value={instructions}
          onChange={(e) => setInstructions(e.target.value)}
        />
      </label>
      {instructions && <MarkdownView source={instructions} className="rounded border border-dashed p-3 text-sm" />}

      {taskType === "pairwise" && <StopRuleFields value={stopRule} onChange={setStopRule} />}
      {taskType === "pairwise" && <FillPolicyField value={fillPolicy} onChange={setFillPolicy} />}

      <fieldset className="grid grid-cols-3 gap-3">
        <legend className="font-medium">Quality and crowd</legend>
        {taskType === "pairwise" && (
          <NumberField label="Gold-pair rate" step={0.01} min={0} max={0.5} value={goldRate} onChange={setGoldRate} />
        )}
        <label>
          Per-annotator cap{" "}
          <input
            type="number"
            min={1}
            className={WIZARD_INPUT}
            value={cap}
            onChange={(e) => setCap(e.target.value)}
            placeholder="none"
          />
        </label>
        <label>
          Completion code{" "}
          <input className={WIZARD_INPUT} value={completionCode} onChange={(e) => setCompletionCode(e.target.value)} />
        </label>
        <label className="col-span-3">
          Completion URL (where a finished crowd worker is sent, with <code>?cc=</code> the completion code; e.g.
          Prolific&apos;s <code>https://app.prolific.com/submissions/complete</code>){" "}
          <input
            type="url"
            className={WIZARD_INPUT}
            value={completionUrl}
            onChange={(e) => setCompletionUrl(e.target.value)}
            placeholder="https://…"
          />
        </label>
      </fieldset>

      {taskType === "pairwise" ? (
        <section aria-label="Budget" className="space-y-1 rounded border border-slate-200 p-3">
          <h2 className="font-medium">Budget</h2>
          <BudgetSummary
            budget={budget}
            prompts={preview.selected}
            seedsPerPrompt={seedsPerPrompt}
            perAnnotatorCap={perAnnotatorCap}
          />
        </section>
      ) : (
        <p className="text-sm text-slate-600" data-testid="rating-budget">
          {taskType === "curation"
            ? `Each image judged by ${curation.stages[0].votes} annotators${curation.expertStage ? `, then the survivors by ${curation.stages[1].votes} experts` : ""}`
            : taskType === "rating"
              ? `${(preview.selected ?? 0) * seedsPerPrompt * modelIds.length} images, each rated by ${answersPerItem} annotators on ${aspects.length} aspects`
              : `${(preview.selected ?? 0) * seedsPerPrompt} sets of ${modelIds.length} images, each ordered by ${answersPerItem} annotators`}
        </p>
      )}

      {problem && (
        <div id="wizard-problem" role="alert" className="rounded bg-red-50 p-3 text-red-800">
          <p>{problem.detail}</p>
          <ul className="ml-5 list-disc text-sm">
            {problem.issues?.map((i) => (
              <li key={i.field + i.message}>
                {i.field}: {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <button type="submit" disabled={busy} className="rounded bg-indigo-600 px-4 py-2 text-white">
        Create draft
      </button>
    </form>
  );
}

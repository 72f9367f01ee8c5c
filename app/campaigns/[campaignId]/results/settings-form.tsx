import { CROWD_SIGNALS } from "@/lib/stats/crowd-quality/rules";
import { AGGREGATIONS, INTERVAL_METHODS, TIE_RULES, type ResultsSettings } from "@/lib/results/settings";
import { SelectField } from "./select-field";

const LABELS: Record<string, string> = {
  majority: "majority per pair (Emu)",
  judgment: "every judgment",
  "dawid-skene": "majority + Dawid–Skene",
  half: "count half",
  excluded: "exclude",
  "bootstrap-bca": "prompt bootstrap (BCa)",
  "bootstrap-percentile": "prompt bootstrap (percentile)",
  wilson: "Wilson score",
};

/** The settings chosen from a list, in the form's order. */
const CHOICES = [
  { name: "aggregation", label: "Aggregation", options: AGGREGATIONS },
  { name: "ties", label: "Ties", options: TIE_RULES },
  { name: "interval", label: "Interval", options: INTERVAL_METHODS },
] as const;

function TextBox({
  name,
  label,
  value,
  placeholder,
  title,
  wide,
}: {
  name: string;
  label: string;
  value: string | number;
  placeholder?: string;
  title?: string;
  wide?: boolean;
}) {
  return (
    <label className="flex flex-col text-xs text-slate-600">
      {label}
      <input
        name={name}
        defaultValue={value}
        placeholder={placeholder}
        title={title}
        className={`${wide ? "w-56" : "w-16"} rounded border px-2 py-1 text-sm text-slate-900`}
      />
    </label>
  );
}

/** The settings that change results, as a plain GET form: the URL is the record of what is shown. */
export function SettingsForm({
  settings,
  models,
  reference,
}: {
  settings: ResultsSettings;
  /** The campaign's models, for the reference model choice. */
  models: string[];
  /** The reference model in use (the default one when the settings name none). */
  reference: string | null;
}) {
  return (
    <form
      method="get"
      className="flex flex-wrap items-end gap-3 rounded bg-white p-3 shadow"
      aria-label="Results settings"
    >
      <SelectField
        name="reference"
        label="Reference model"
        value={settings.reference ?? ""}
        options={models}
        empty={settings.reference === null && reference ? `leader (${reference})` : "leader"}
        title="Each criterion's verdict and every matchup are read from this model's side"
      />
      {CHOICES.map((c) => (
        <SelectField key={c.name} {...c} value={settings[c.name]} labels={LABELS} />
      ))}
      <TextBox name="level" label="Level" value={settings.level} />
      <TextBox name="seed" label="Seed" value={settings.seed} />
      <TextBox name="target" label="Target ±" value={settings.target} />
      <TextBox
        name="exclude"
        label="Exclude annotators"
        value={settings.exclude.join(",")}
        placeholder="a-0123456789,…"
        wide
      />
      <TextBox
        name="excludeFlagged"
        label="Exclude flagged by"
        value={settings.excludeFlagged === null ? "" : settings.excludeFlagged.join(",") || "none"}
        placeholder="campaign rule"
        title={`Comma-separated: ${CROWD_SIGNALS.join(", ")}; or none. Empty: the campaign's rule.`}
        wide
      />
      <input type="hidden" name="rounds" value={settings.rounds} />
      <button type="submit" className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white">
        Apply
      </button>
    </form>
  );
}

/**
 * A labelled <select> of the results page's GET forms: one option per value (worded by `labels`
 * where it has the value), after an optional first option with the empty value (`empty`).
 */
export function SelectField({
  name,
  label,
  value,
  options,
  labels = {},
  empty,
  title,
}: {
  name: string;
  label: string;
  value: string;
  options: readonly string[];
  labels?: Record<string, string>;
  empty?: string;
  title?: string;
}) {
  return (
    <label className="flex flex-col text-xs text-slate-600">
      {label}
      <select
        name={name}
        defaultValue={value}
        className="rounded border px-2 py-1 text-sm text-slate-900"
        title={title}
      >
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {labels[o] ?? o}
          </option>
        ))}
      </select>
    </label>
  );
}

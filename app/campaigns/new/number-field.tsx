/** The wizard's text and number inputs, one look for every field. */
export const WIZARD_INPUT = "mt-1 w-full rounded border border-slate-300 p-2";

/**
 * A number the wizard keeps in state, labelled like its other fields (the label, then the input);
 * `inputClassName` for an input that sits in a row of controls (a question card's, say).
 */
export function NumberField({
  label,
  value,
  onChange,
  block,
  inputClassName = WIZARD_INPUT,
  ...limits
}: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  block?: boolean;
  inputClassName?: string;
  min?: number;
  max?: number;
  step?: number;
}) {
  return (
    <label className={block ? "block" : undefined}>
      {label}{" "}
      <input
        type="number"
        className={inputClassName}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        {...limits}
      />
    </label>
  );
}

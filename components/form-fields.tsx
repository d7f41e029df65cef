// The labelled controls the portal's forms repeat: a select with an optional "none" choice,
// an input, and a set of checkboxes posting one name. Plain markup, no state, so server pages and client
// forms both use them; they post exactly what hand-written <select>/<input> would.
import type { ComponentProps, ReactNode } from "react";

/** A choice shown as itself, or a value with a label (ids, keys). */
export type Choice = string | { value: string | number; label: string };

const choiceValue = (c: Choice) => (typeof c === "string" ? c : c.value);
const choiceLabel = (c: Choice) => (typeof c === "string" ? c : c.label);

export function SelectField({
  id,
  name,
  label,
  choices,
  none,
  defaultValue,
  className,
  children,
}: {
  id: string;
  name: string;
  label: ReactNode;
  choices: readonly Choice[];
  /** The first option, posting "" (All, Anyone, Nobody …); none when absent. */
  none?: string;
  defaultValue?: string | number | null;
  className?: string;
  /** Options after the choices (e.g. "pending"). */
  children?: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="field-label">{label}</label>
      <select id={id} name={name} defaultValue={defaultValue ?? ""} className="field-input">
        {none !== undefined ? <option value="">{none}</option> : null}
        {choices.map((c) => <option key={choiceValue(c)} value={choiceValue(c)}>{choiceLabel(c)}</option>)}
        {children}
      </select>
    </div>
  );
}

/** A labelled <input>; every other prop goes to the input. */
export function InputField({ id, label, className, ...input }: { id: string; label: ReactNode; className?: string } & Omit<ComponentProps<"input">, "id" | "className">) {
  return (
    <div className={className}>
      <label htmlFor={id} className="field-label">{label}</label>
      <input id={id} className="field-input" {...input} />
    </div>
  );
}

/** Checkboxes sharing one name: the form posts every ticked value. */
export function CheckboxGroup({ legend, name, choices }: { legend: string; name: string; choices: readonly Choice[] }) {
  return (
    <fieldset>
      <legend className="field-label">{legend}</legend>
      <div className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
        {choices.map((c) => (
          <label key={choiceValue(c)} className="inline-flex items-center gap-1">
            <input type="checkbox" name={name} value={choiceValue(c)} /> {choiceLabel(c)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

import { For, Show } from 'solid-js';
import { Field } from './Field';

/** A labelled text input bound to one value of a draft. */
export function TextField(props: {
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  error?: string;
  hint?: string;
  required?: boolean;
  type?: 'text' | 'email' | 'password';
  inputMode?: 'text' | 'decimal';
  autocomplete?: string;
  maxLength?: number;
  class?: string;
}) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error} required={props.required} class={props.class}>
      {(control) => (
        <input
          {...control}
          class="input"
          type={props.type ?? 'text'}
          inputMode={props.inputMode}
          name={props.name}
          autocomplete={props.autocomplete ?? 'off'}
          maxLength={props.maxLength}
          value={props.value}
          onInput={(event) => props.onInput(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** A labelled choice among fixed values (a valibot picklist), each shown with its translated label. */
export function SelectField<V extends string>(props: {
  label: string;
  name: string;
  value: V;
  options: readonly V[];
  optionLabel: (value: V) => string;
  onChange: (value: V) => void;
  error?: string;
  hint?: string;
}) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <select {...control} class="input" name={props.name} value={props.value} onChange={(event) => props.onChange(event.currentTarget.value as V)}>
          <For each={props.options}>{(option) => <option value={option}>{props.optionLabel(option)}</option>}</For>
        </select>
      )}
    </Field>
  );
}

/** A checkbox with its label on the right and an optional hint below. */
export function CheckboxField(props: { label: string; name: string; checked: boolean; onChange: (checked: boolean) => void; hint?: string }) {
  return (
    <label class="checkbox-inline">
      <input type="checkbox" class="checkbox" name={props.name} checked={props.checked} onChange={(event) => props.onChange(event.currentTarget.checked)} />
      <span>
        {props.label}
        <Show when={props.hint}>
          <span class="field-hint">{props.hint}</span>
        </Show>
      </span>
    </label>
  );
}

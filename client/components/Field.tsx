import { createUniqueId, type JSX, Show } from 'solid-js';

/** The attributes a form control needs to be tied to its label, hint and error. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  'aria-required': boolean | undefined;
}

/** Label + control + hint + error; the control comes from `children` so inputs and selects share it. */
export function Field(props: {
  label: string;
  hint?: string;
  error?: string;
  /** Marks the label with an asterisk and the control as required for assistive tech. */
  required?: boolean;
  /** Invalid by a rule said elsewhere (a group's): marked, the message at `describedBy`. */
  invalid?: boolean;
  /** A further description of the control, by element id (a group's rule). */
  describedBy?: string;
  class?: string;
  children: (control: ControlProps) => JSX.Element;
}) {
  const id = createUniqueId();
  const hintId = `${id}-hint`;
  const control: ControlProps = {
    id,
    get 'aria-invalid'() {
      return Boolean(props.error) || Boolean(props.invalid);
    },
    get 'aria-describedby'() {
      return [describedBy(id, props.hint, props.error), props.describedBy].filter(Boolean).join(' ') || undefined;
    },
    get 'aria-required'() {
      return props.required || undefined;
    },
  };
  return (
    <div class={props.class ? `field ${props.class}` : 'field'} classList={{ 'field-invalid': Boolean(props.error) || Boolean(props.invalid) }}>
      <label class="field-label" for={id}>
        {props.label}
        <Show when={props.required}>
          <span class="required-mark" aria-hidden="true">
            {' *'}
          </span>
        </Show>
      </label>
      {props.children(control)}
      <Show when={props.hint}>
        <p class="field-hint" id={hintId}>
          {props.hint}
        </p>
      </Show>
      <FieldError id={id} error={props.error} />
    </div>
  );
}

/** The ids of a control's hint and error, for its aria-describedby (a fieldset's too). */
export function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** A control's error, announced when it appears; `id` is the control's, as in `describedBy`. */
export function FieldError(props: { id: string; error?: string }) {
  return (
    <div aria-live="polite">
      <Show when={props.error}>
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      </Show>
    </div>
  );
}

import { createEffect, createSignal, on, Show, type JSX } from 'solid-js';
import * as v from 'valibot';
import { ApiError } from '../api';
import { errorText, fieldErrorText, useI18n } from '../i18n';
import { issuesToFields } from '../lib/formErrors';
import { Dialog } from './Dialog';

/**
 * The state of one dialog form: field codes from the schema or the API land at their fields, any
 * other failure above the form, and a second submit while saving is ignored.
 */
export function createFormState() {
  const i18n = useI18n();
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal<string>();
  const [saving, setSaving] = createSignal(false);

  const reset = () => {
    setFields({});
    setFailure(undefined);
  };

  /** Checks `input` against `schema`, then sends the parsed value; undefined when nothing was saved. */
  async function submit<S extends v.GenericSchema, R>(schema: S, input: unknown, send: (value: v.InferOutput<S>) => Promise<R>): Promise<R | undefined> {
    if (saving()) return undefined;
    setFailure(undefined);
    const parsed = v.safeParse(schema, input);
    if (!parsed.success) {
      setFields(issuesToFields(parsed.issues));
      return undefined;
    }
    setFields({});
    setSaving(true);
    try {
      return await send(parsed.output);
    } catch (error) {
      if (error instanceof ApiError) setFields(error.fields);
      setFailure(errorText(i18n, error));
      return undefined;
    } finally {
      setSaving(false);
    }
  }

  return { fields, setFields, failure, saving, reset, submit, error: (name: string) => fieldErrorText(i18n, fields()[name]) };
}

export type FormState = ReturnType<typeof createFormState>;

/** A dialog around one form: every opening starts clean (`onOpen` fills the inputs), Cancel closes. */
export function FormDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  wide?: boolean;
  form: FormState;
  submitLabel?: string;
  onOpen?: () => void;
  onSubmit: () => void;
  testId?: string;
  /** Shown instead of the form once it has done its work (e.g. "order placed" with next steps). */
  done?: JSX.Element;
  children: JSX.Element;
}) {
  const i18n = useI18n();
  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return;
        props.form.reset();
        props.onOpen?.();
      },
    ),
  );
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange} title={props.title} description={props.description} wide={props.wide}>
      <Show when={!props.done} fallback={props.done}>
        <form
          class="form"
          novalidate
          data-testid={props.testId}
          onSubmit={(event) => {
            event.preventDefault();
            props.onSubmit();
          }}
        >
          <div aria-live="polite">
            <Show when={props.form.failure()}>
              <p class="alert alert-error">{props.form.failure()}</p>
            </Show>
          </div>
          {props.children}
          <div class="form-actions">
            <button type="button" class="btn btn-secondary" onClick={() => props.onOpenChange(false)}>
              {i18n.t('common.cancel')}
            </button>
            <button type="submit" class="btn btn-primary" disabled={props.form.saving()}>
              {props.form.saving() ? i18n.t('common.saving') : (props.submitLabel ?? i18n.t('common.save'))}
            </button>
          </div>
        </form>
      </Show>
    </Dialog>
  );
}

import { createEffect, createSignal, For, on, Show } from 'solid-js';
import * as v from 'valibot';
import { customFieldInput, customFieldTypes, customFieldUpdateInput, type CustomField, type CustomFieldInput, type CustomFieldUpdateInput } from '../../../schema/customFields';
import { ApiError } from '../../api';
import { createCustomField, updateCustomField } from '../../api/customFields';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { errorText, fieldErrorText, useI18n } from '../../i18n';
import { issuesToFields } from '../../lib/formErrors';

type FieldType = CustomField['type'];

/** Errors of single options ("options.2") belong to the options box as a whole. */
function collapseOptionErrors(fields: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, code] of Object.entries(fields)) {
    const target = key.startsWith('options.') ? 'options' : key;
    result[target] ??= code;
  }
  return result;
}

/** Define a custom field, or change label, options and "required" of one (its type stays). */
export function CustomFieldDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  field?: CustomField;
  onSaved: (field: CustomField, created: boolean) => void;
}) {
  const i18n = useI18n();
  const [label, setLabel] = createSignal('');
  const [type, setType] = createSignal<FieldType>('text');
  const [optionsText, setOptionsText] = createSignal('');
  const [required, setRequired] = createSignal(false);
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal<string>();
  const [saving, setSaving] = createSignal(false);

  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return;
        setLabel(props.field?.label ?? '');
        setType(props.field?.type ?? 'text');
        setOptionsText(props.field?.options.join('\n') ?? '');
        setRequired(props.field?.required ?? false);
        setErrors({});
        setFailure(undefined);
      },
    ),
  );

  const options = () =>
    optionsText()
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (saving()) return;
    setFailure(undefined);
    const existing = props.field;
    let body: Record<string, unknown>;
    if (existing) {
      body = { version: existing.version };
      if (label().trim() !== existing.label) body.label = label();
      if (existing.type === 'choice' && options().join('\n') !== existing.options.join('\n')) body.options = options();
      if (required() !== existing.required) body.required = required();
      if (Object.keys(body).length === 1) {
        props.onOpenChange(false);
        return;
      }
    } else {
      body = { label: label(), type: type(), options: type() === 'choice' ? options() : [], required: required() };
    }
    const parsed = existing ? v.safeParse(customFieldUpdateInput, body) : v.safeParse(customFieldInput, body);
    if (!parsed.success) {
      setErrors(collapseOptionErrors(issuesToFields(parsed.issues)));
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const field = existing
        ? await updateCustomField(existing.id, parsed.output as CustomFieldUpdateInput)
        : await createCustomField(parsed.output as CustomFieldInput);
      props.onSaved(field, !existing);
      props.onOpenChange(false);
    } catch (error) {
      if (error instanceof ApiError) setErrors(collapseOptionErrors(error.fields));
      setFailure(errorText(i18n, error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={props.field ? i18n.t('customFields.editTitle') : i18n.t('customFields.createTitle')}
      description={i18n.t('customFields.dialogDescription')}
    >
      <form class="form" novalidate onSubmit={submit}>
        <div aria-live="polite">
          <Show when={failure()}>
            <p class="alert alert-error">{failure()}</p>
          </Show>
        </div>
        <Field label={i18n.t('customFields.label')} required error={fieldErrorText(i18n, errors().label)}>
          {(control) => (
            <input {...control} class="input" name="label" autocomplete="off" maxLength={200} value={label()} onInput={(event) => setLabel(event.currentTarget.value)} />
          )}
        </Field>
        <Field
          label={i18n.t('customFields.type')}
          hint={props.field ? i18n.t('customFields.typeFixed') : undefined}
          error={fieldErrorText(i18n, errors().type)}
        >
          {(control) => (
            <select {...control} class="input" name="type" disabled={Boolean(props.field)} onChange={(event) => setType(event.currentTarget.value as FieldType)}>
              <For each={customFieldTypes}>
                {(option) => (
                  <option value={option} selected={type() === option}>
                    {i18n.t(`customFields.types.${option}`)}
                  </option>
                )}
              </For>
            </select>
          )}
        </Field>
        <Show when={type() === 'choice'}>
          <Field label={i18n.t('customFields.options')} required hint={i18n.t('customFields.optionsHint')} error={fieldErrorText(i18n, errors().options)}>
            {(control) => (
              <textarea {...control} class="input textarea" name="options" rows={5} value={optionsText()} onInput={(event) => setOptionsText(event.currentTarget.value)} />
            )}
          </Field>
        </Show>
        <label class="checkbox-line">
          <input type="checkbox" class="checkbox" checked={required()} onChange={(event) => setRequired(event.currentTarget.checked)} />
          <span>{i18n.t('customFields.required')}</span>
        </label>
        <div class="form-actions">
          <button type="button" class="btn btn-secondary" onClick={() => props.onOpenChange(false)}>
            {i18n.t('common.cancel')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={saving()}>
            {saving() ? i18n.t('common.saving') : i18n.t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

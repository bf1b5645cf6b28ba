import { For, Show } from 'solid-js';
import { type CustomField, customFieldInput, customFieldTypes, customFieldUpdateInput } from '../../../schema/customFields';
import { createCustomField, updateCustomField } from '../../api/customFields';
import { Field } from '../../components/Field';
import { TextField } from '../../components/FormControls';
import { FormDialog } from '../../components/FormDialog';
import { useI18n } from '../../i18n';
import { atList } from '../../lib/form';
import { createRowForm, type RowDialogProps } from '../../lib/rowForm';

type FieldType = CustomField['type'];

interface FieldDraft {
  label: string;
  type: FieldType;
  /** One option per line. */
  optionsText: string;
  required: boolean;
}

const optionsOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Define a custom field, or change label, options and "required" of one (its type stays). */
export function CustomFieldDialog(props: RowDialogProps<CustomField> & { field?: CustomField }) {
  const i18n = useI18n();
  const { form, dialog } = createRowForm(props, {
    row: () => props.field,
    values: (field): FieldDraft => ({ label: field?.label ?? '', type: field?.type ?? 'text', optionsText: field?.options.join('\n') ?? '', required: field?.required ?? false }),
    toInput: ({ label, type, optionsText, required }) => ({ label, type, options: type === 'choice' ? optionsOf(optionsText) : [], required }),
    createSchema: customFieldInput,
    updateSchema: customFieldUpdateInput,
    create: createCustomField,
    update: updateCustomField,
    // Errors of single options ("options.2") belong to the options box as a whole.
    fieldOf: atList('options'),
  });

  return (
    <FormDialog {...dialog} title={props.field ? i18n.t('customFields.editTitle') : i18n.t('customFields.createTitle')} description={i18n.t('customFields.dialogDescription')}>
      <TextField label={i18n.t('customFields.label')} required maxLength={200} {...form.field('label')} />
      <Field label={i18n.t('customFields.type')} hint={props.field ? i18n.t('customFields.typeFixed') : undefined} error={form.error('type')}>
        {(control) => (
          <select {...control} class="input" name="type" disabled={Boolean(props.field)} onChange={(event) => form.set('type', event.currentTarget.value as FieldType)}>
            <For each={customFieldTypes}>
              {(option) => (
                <option value={option} selected={form.values.type === option}>
                  {i18n.t(`customFields.types.${option}`)}
                </option>
              )}
            </For>
          </select>
        )}
      </Field>
      <Show when={form.values.type === 'choice'}>
        <Field label={i18n.t('customFields.options')} required hint={i18n.t('customFields.optionsHint')} error={form.error('options')}>
          {(control) => (
            <textarea
              {...control}
              class="input textarea"
              name="options"
              rows={5}
              value={form.values.optionsText}
              onInput={(event) => form.set('optionsText', event.currentTarget.value)}
            />
          )}
        </Field>
      </Show>
      <label class="checkbox-line">
        <input type="checkbox" class="checkbox" checked={form.values.required} onChange={(event) => form.set('required', event.currentTarget.checked)} />
        <span>{i18n.t('customFields.required')}</span>
      </label>
    </FormDialog>
  );
}

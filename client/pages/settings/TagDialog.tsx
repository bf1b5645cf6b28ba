import { createUniqueId, For, Show } from 'solid-js';
import { type Tag, tagColors, tagInput, tagUpdateInput } from '../../../schema/tags';
import { createTag, updateTag } from '../../api/tags';
import { TextField } from '../../components/FormControls';
import { FormDialog } from '../../components/FormDialog';
import { tagColorClass } from '../../components/TagBadge';
import { useI18n } from '../../i18n';
import { createRowForm, type RowDialogProps } from '../../lib/rowForm';
import './tags.css';

/** Create a tag, or rename / recolour one (`tag` given). */
export function TagDialog(props: RowDialogProps<Tag> & { tag?: Tag }) {
  const i18n = useI18n();
  const radioName = createUniqueId();
  const { form, field, dialog } = createRowForm(props, {
    row: () => props.tag,
    values: (tag) => ({ name: tag?.name ?? '', color: tag?.color ?? 'blue' }),
    createSchema: tagInput,
    updateSchema: tagUpdateInput,
    create: createTag,
    update: updateTag,
  });

  return (
    <FormDialog {...dialog} title={props.tag ? i18n.t('tags.editTitle') : i18n.t('tags.createTitle')}>
      <TextField label={i18n.t('tags.name')} required maxLength={200} {...field('name')} />
      <fieldset class="form-group">
        <legend class="field-label">{i18n.t('tags.color')}</legend>
        <div class="color-options">
          <For each={tagColors}>
            {(option) => (
              <label class="color-option">
                <input type="radio" class="radio" name={radioName} value={option} checked={form.values.color === option} onChange={() => form.set('color', option)} />
                <span class={tagColorClass(option)}>{i18n.t(`tags.colors.${option}`)}</span>
              </label>
            )}
          </For>
        </div>
        <Show when={form.error('color')}>
          <p class="field-error">{form.error('color')}</p>
        </Show>
      </fieldset>
      <div class="tag-preview">
        <span class="muted">{i18n.t('tags.preview')}</span> <span class={tagColorClass(form.values.color)}>{form.values.name.trim() || i18n.t('tags.name')}</span>
      </div>
    </FormDialog>
  );
}

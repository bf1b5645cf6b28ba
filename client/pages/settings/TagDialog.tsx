import { createEffect, createSignal, createUniqueId, For, on, Show } from 'solid-js';
import * as v from 'valibot';
import { tagColors, tagInput, tagUpdateInput, type Tag } from '../../../schema/tags';
import { api, ApiError } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { tagColorClass } from '../../components/TagBadge';
import { errorText, fieldErrorText, useI18n } from '../../i18n';
import { issuesToFields } from '../../lib/formErrors';
import './tags.css';

/** Create a tag, or rename / recolour one (`tag` given). */
export function TagDialog(props: { open: boolean; onOpenChange: (open: boolean) => void; tag?: Tag; onSaved: (tag: Tag, created: boolean) => void }) {
  const i18n = useI18n();
  const radioName = createUniqueId();
  const [name, setName] = createSignal('');
  const [color, setColor] = createSignal<string>('gray');
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal<string>();
  const [saving, setSaving] = createSignal(false);

  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return;
        setName(props.tag?.name ?? '');
        setColor(props.tag?.color ?? 'blue');
        setFields({});
        setFailure(undefined);
      },
    ),
  );

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (saving()) return;
    setFailure(undefined);
    const existing = props.tag;
    const body = existing
      ? { version: existing.version, ...(name().trim() !== existing.name ? { name: name() } : {}), ...(color() !== existing.color ? { color: color() } : {}) }
      : { name: name(), color: color() };
    if (existing && Object.keys(body).length === 1) {
      props.onOpenChange(false);
      return;
    }
    const parsed = existing ? v.safeParse(tagUpdateInput, body) : v.safeParse(tagInput, body);
    if (!parsed.success) {
      setFields(issuesToFields(parsed.issues));
      return;
    }
    setFields({});
    setSaving(true);
    try {
      const { tag } = existing
        ? await api.patch<{ tag: Tag }>(`/api/v1/tags/${encodeURIComponent(existing.id)}`, parsed.output)
        : await api.post<{ tag: Tag }>('/api/v1/tags', parsed.output);
      props.onSaved(tag, !existing);
      props.onOpenChange(false);
    } catch (error) {
      if (error instanceof ApiError) setFields(error.fields);
      setFailure(errorText(i18n, error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange} title={props.tag ? i18n.t('tags.editTitle') : i18n.t('tags.createTitle')}>
      <form class="form" novalidate onSubmit={submit}>
        <div aria-live="polite">
          <Show when={failure()}>
            <p class="alert alert-error">{failure()}</p>
          </Show>
        </div>
        <Field label={i18n.t('tags.name')} required error={fieldErrorText(i18n, fields().name)}>
          {(control) => (
            <input
              {...control}
              class="input"
              name="name"
              autocomplete="off"
              maxLength={200}
              value={name()}
              onInput={(event) => setName(event.currentTarget.value)}
            />
          )}
        </Field>
        <fieldset class="form-group">
          <legend class="field-label">{i18n.t('tags.color')}</legend>
          <div class="color-options">
            <For each={tagColors}>
              {(option) => (
                <label class="color-option">
                  <input type="radio" class="radio" name={radioName} value={option} checked={color() === option} onChange={() => setColor(option)} />
                  <span class={tagColorClass(option)}>{i18n.t(`tags.colors.${option}`)}</span>
                </label>
              )}
            </For>
          </div>
          <Show when={fields().color}>
            <p class="field-error">{fieldErrorText(i18n, fields().color)}</p>
          </Show>
        </fieldset>
        <div class="tag-preview">
          <span class="muted">{i18n.t('tags.preview')}</span> <span class={tagColorClass(color())}>{name().trim() || i18n.t('tags.name')}</span>
        </div>
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

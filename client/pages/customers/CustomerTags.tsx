import { createSignal, createUniqueId, For, Show } from 'solid-js';
import type { Customer, TagRef } from '../../../schema/customers';
import type { Tag } from '../../../schema/tags';
import { TagBadge } from '../../components/TagBadge';
import { useToast } from '../../components/Toast';
import { errorText, useI18n } from '../../i18n';

/**
 * The customer's tags as chips; editors remove one with its ×, or add one from the select. `onChange`
 * shows the change at once and puts it back when the server refuses (the customer record's action).
 */
export function CustomerTags(props: { customer: Customer; tags: Tag[]; canEdit: boolean; onChange: (tag: TagRef, mode: 'add' | 'remove') => Promise<void> }) {
  const i18n = useI18n();
  const toast = useToast();
  const selectId = createUniqueId();
  const [busy, setBusy] = createSignal(false);
  const shown = () => props.customer.tags;
  const available = () => props.tags.filter((tag) => !shown().some((carried) => carried.id === tag.id));

  async function change(tag: TagRef, mode: 'add' | 'remove') {
    setBusy(true);
    try {
      await props.onChange(tag, mode);
      toast.show('success', i18n.t(mode === 'add' ? 'tags.added' : 'tags.removed', { name: tag.name }));
    } catch (error) {
      toast.show('error', errorText(i18n, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="tag-list" data-testid="customer-tags">
      <For each={shown()}>{(tag) => <TagBadge name={tag.name} color={tag.color} removing={busy()} onRemove={props.canEdit ? () => void change(tag, 'remove') : undefined} />}</For>
      <Show when={props.canEdit && available().length > 0}>
        <label class="visually-hidden" for={selectId}>
          {i18n.t('tags.add')}
        </label>
        <select
          id={selectId}
          class="input input-compact tag-add"
          disabled={busy()}
          onChange={(event) => {
            const select = event.currentTarget;
            const tag = props.tags.find((candidate) => candidate.id === select.value);
            select.value = '';
            if (tag) void change({ id: tag.id, name: tag.name, color: tag.color }, 'add');
          }}
        >
          <option value="" selected>
            {i18n.t('tags.addPlaceholder')}
          </option>
          <For each={available()}>{(tag) => <option value={tag.id}>{tag.name}</option>}</For>
        </select>
      </Show>
    </div>
  );
}

import { createSignal, createUniqueId, For, Show } from 'solid-js';
import type { Customer } from '../../../schema/customers';
import type { Tag } from '../../../schema/tags';
import { api } from '../../api';
import { TagBadge } from '../../components/TagBadge';
import { useToast } from '../../components/Toast';
import { errorText, useI18n } from '../../i18n';

/** The customer's tags as chips; editors remove one with its ×, or add one from the select. */
export function CustomerTags(props: { customer: Customer; tags: Tag[]; canEdit: boolean; onChanged: () => void | Promise<void> }) {
  const i18n = useI18n();
  const toast = useToast();
  const selectId = createUniqueId();
  const [busy, setBusy] = createSignal(false);
  const available = () => props.tags.filter((tag) => !props.customer.tags.some((carried) => carried.id === tag.id));

  async function change(tagId: string, name: string, mode: 'add' | 'remove') {
    setBusy(true);
    try {
      await api.post('/api/v1/customers/bulk-tags', {
        customerIds: [props.customer.id],
        addTagIds: mode === 'add' ? [tagId] : [],
        removeTagIds: mode === 'remove' ? [tagId] : [],
      });
      await props.onChanged();
      toast.show('success', i18n.t(mode === 'add' ? 'tags.added' : 'tags.removed', { name }));
    } catch (error) {
      toast.show('error', errorText(i18n, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="tag-list" data-testid="customer-tags">
      <For each={props.customer.tags}>
        {(tag) => (
          <TagBadge
            name={tag.name}
            color={tag.color}
            removing={busy()}
            onRemove={props.canEdit ? () => void change(tag.id, tag.name, 'remove') : undefined}
          />
        )}
      </For>
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
            if (tag) void change(tag.id, tag.name, 'add');
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

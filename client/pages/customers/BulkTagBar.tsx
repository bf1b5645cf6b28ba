import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { Menu } from '../../components/Menu';
import { A } from '@solidjs/router';
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { Customer } from '../../../schema/customers';
import type { Tag } from '../../../schema/tags';
import { api } from '../../api';
import { tagColorClass } from '../../components/TagBadge';
import { useToast } from '../../components/Toast';
import { errorText, useI18n, type TextKey } from '../../i18n';

export interface BulkTagResult {
  customerIds: string[];
  tag: Tag;
  mode: 'add' | 'remove';
}

function TagMenu(props: { label: string; tags: Tag[]; empty: TextKey; disabled: boolean; onPick: (tag: Tag) => void; testId: string }) {
  const i18n = useI18n();
  return (
    <Menu placement="bottom-start">
      <DropdownMenu.Trigger class="btn btn-secondary btn-small" disabled={props.disabled} data-testid={props.testId}>
        {props.label}
        <span class="caret" aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu">
          <For each={props.tags} fallback={<p class="menu-note">{i18n.t(props.empty)}</p>}>
            {(tag) => (
              <DropdownMenu.Item class="menu-item" textValue={tag.name} onSelect={() => props.onPick(tag)}>
                <span class={tagColorClass(tag.color)}>{tag.name}</span>
              </DropdownMenu.Item>
            )}
          </For>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </Menu>
  );
}

/** Appears while rows are selected: tag or untag them all in one request (POST /customers/bulk-tags). */
export function BulkTagBar(props: {
  selectedIds: string[];
  selectedCustomers: Customer[];
  tags: Tag[];
  canManageTags: boolean;
  onDone: (result: BulkTagResult) => void;
  onClear: () => void;
  /** More actions for the selection, e.g. a new order when one customer is selected. */
  children?: JSX.Element;
}) {
  const i18n = useI18n();
  const toast = useToast();
  const [busy, setBusy] = createSignal(false);
  // Only tags that at least one selected (loaded) customer carries can be removed.
  const removable = () => props.tags.filter((tag) => props.selectedCustomers.some((customer) => customer.tags.some((carried) => carried.id === tag.id)));

  async function apply(tag: Tag, mode: 'add' | 'remove') {
    const customerIds = [...props.selectedIds];
    setBusy(true);
    try {
      const { updated } = await api.post<{ updated: number }>('/api/v1/customers/bulk-tags', {
        customerIds,
        addTagIds: mode === 'add' ? [tag.id] : [],
        removeTagIds: mode === 'remove' ? [tag.id] : [],
      });
      const forms: { one: TextKey; other: TextKey } =
        mode === 'add' ? { one: 'customers.bulk.assigned.one', other: 'customers.bulk.assigned.other' } : { one: 'customers.bulk.removed.one', other: 'customers.bulk.removed.other' };
      toast.show('success', i18n.plural(forms, updated, { name: tag.name }));
      props.onDone({ customerIds, tag, mode });
    } catch (error) {
      toast.show('error', errorText(i18n, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="bulk-bar" role="region" aria-label={i18n.t('customers.bulk.label')} data-testid="bulk-bar">
      <p class="bulk-count" aria-live="polite">
        {i18n.plural({ one: 'customers.bulk.selected.one', other: 'customers.bulk.selected.other' }, props.selectedIds.length)}
      </p>
      <TagMenu label={i18n.t('customers.bulk.assign')} tags={props.tags} empty="tags.none" disabled={busy()} onPick={(tag) => void apply(tag, 'add')} testId="bulk-assign" />
      <TagMenu
        label={i18n.t('customers.bulk.remove')}
        tags={removable()}
        empty="customers.bulk.noTagsOnSelection"
        disabled={busy()}
        onPick={(tag) => void apply(tag, 'remove')}
        testId="bulk-remove"
      />
      <Show when={props.tags.length === 0 && props.canManageTags}>
        <A href="/settings#tags" class="btn btn-ghost btn-small">
          {i18n.t('tags.manage')}
        </A>
      </Show>
      {props.children}
      <button type="button" class="btn btn-ghost btn-small" onClick={props.onClear}>
        {i18n.t('customers.bulk.clear')}
      </button>
    </div>
  );
}

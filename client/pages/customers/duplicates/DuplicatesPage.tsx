import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { customerDisplayName } from '../../../../schema/customers';
import type { DuplicateGroup } from '../../../../schema/duplicates';
import { dismissDuplicates, listDuplicateGroups } from '../../../api/duplicates';
import { CursorListSection } from '../../../components/CursorListSection';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { useToast } from '../../../components/Toast';
import { errorText, useI18n } from '../../../i18n';
import { createCursorList } from '../../../lib/cursorList';
import { onLiveEvent } from '../../../live/LiveProvider';
import { useSession } from '../../../session';
import { mergeHref } from '../merge/mergeHref';
import '../customers.css';

const groupKey = (group: DuplicateGroup) => `${group.reason}:${group.key}`;

/** The shared value as people read it: a folded company name ("elektroneumann") shows as its first customer's name. */
const sharedValue = (group: DuplicateGroup) => (group.reason === 'name' && group.customers[0] ? customerDisplayName(group.customers[0]) : group.key);

/** "Mögliche Duplikate": groups of customers sharing a key, with the reason; a group can be marked "kein Duplikat". */
export default function DuplicatesPage() {
  const i18n = useI18n();
  const session = useSession();
  const toast = useToast();
  const list = createCursorList<DuplicateGroup>(listDuplicateGroups());
  const [busy, setBusy] = createSignal<string>();

  // Colleagues' new, changed and deleted customers change the groups: read the loaded pages again.
  onLiveEvent(
    (event) => {
      if (['customer.created', 'customer.updated', 'customer.deleted', 'customer.merged', 'customer.merge_undone'].includes(event.kind)) void list.refresh();
    },
    () => void list.refresh(),
  );

  async function dismiss(group: DuplicateGroup) {
    setBusy(groupKey(group));
    try {
      await dismissDuplicates(group.customers.map((customer) => customer.id));
      list.update((groups) => groups.filter((candidate) => groupKey(candidate) !== groupKey(group)));
      toast.show('success', i18n.t('duplicates.page.dismissed'));
      // Other groups of the same customers may have gone too.
      void list.refresh();
    } catch (error) {
      toast.show('error', errorText(i18n, error));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <>
      <PageHeader
        title={i18n.t('duplicates.page.title')}
        description={i18n.t('duplicates.page.description')}
        actions={
          <A href="/customers" class="btn btn-secondary">
            {i18n.t('duplicates.page.back')}
          </A>
        }
      />
      <CursorListSection
        list={list}
        label={i18n.t('duplicates.page.title')}
        empty={<EmptyState title={i18n.t('duplicates.page.emptyTitle')} text={i18n.t('duplicates.page.emptyText')} />}
      >
        <ul class="duplicate-groups" data-testid="duplicate-groups">
          <For each={list.items()}>
            {(group) => (
              <li class="duplicate-group" data-testid="duplicate-group">
                <header class="duplicate-group-header">
                  <h2 class="duplicate-group-title">{i18n.t('duplicates.page.group', { reason: i18n.t(`duplicates.reasons.${group.reason}`), key: sharedValue(group) })}</h2>
                  <span class="muted">{i18n.t('duplicates.page.members', { count: i18n.formatNumber(group.memberCount) })}</span>
                  <Show when={session.can('customers.write') && group.customers.length === group.memberCount}>
                    <button type="button" class="btn btn-secondary" disabled={busy() === groupKey(group)} onClick={() => void dismiss(group)}>
                      {i18n.t('duplicates.page.dismiss')}
                    </button>
                  </Show>
                </header>
                <ul class="duplicate-members">
                  <For each={group.customers}>
                    {(customer, index) => (
                      <li>
                        <A href={`/customers/${customer.id}`}>{customerDisplayName(customer)}</A> <span class="muted">{customer.customerNumber}</span>
                        <span>{[customer.email, customer.phone, customer.city].filter(Boolean).join(' · ')}</span>
                        <Show when={customer.archivedAt}>
                          <span class="badge">{i18n.t('duplicates.page.archived')}</span>
                        </Show>
                        {/* Each other member can be merged into the group's first; the merge view can swap which stays. */}
                        <Show when={index() > 0 && session.can('customers.delete') && group.customers[0]}>
                          {(first) => (
                            <A
                              href={mergeHref(first().id, customer.id)}
                              class="btn btn-secondary btn-small"
                              aria-label={i18n.t('merges.actionFor', { number: customer.customerNumber, survivor: first().customerNumber })}
                              data-testid="duplicate-merge"
                            >
                              {i18n.t('merges.action')}
                            </A>
                          )}
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
                <Show when={group.customers.length < group.memberCount}>
                  <p class="muted">{i18n.t('duplicates.page.moreMembers', { shown: i18n.formatNumber(group.customers.length), count: i18n.formatNumber(group.memberCount) })}</p>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </CursorListSection>
    </>
  );
}

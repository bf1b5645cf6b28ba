import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { Tabs } from '@kobalte/core/tabs';
import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { type Customer, customerDisplayName, type DeleteBlocker } from '../../../schema/customers';
import type { CustomerMergeEventData } from '../../../schema/merges';
import { ApiError } from '../../api';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { Menu } from '../../components/Menu';
import { NotFound } from '../../components/NotFound';
import { useToast } from '../../components/Toast';
import { errorText, type TextKey, useI18n } from '../../i18n';
import { fetchCustomFields, fetchTags } from '../../lib/resources';
import { colleaguesOn, onLiveEvent, useLive, usePresence } from '../../live/LiveProvider';
import { useSession } from '../../session';
import { InviteDialog } from '../invitations/InviteDialog';
import { NewOrderDialog } from '../orders/NewOrderDialog';
import { CustomerInfoTab } from './CustomerInfoTab';
import { CustomerTags } from './CustomerTags';
import { RelationshipBadge } from './columns';
import { createCustomerRecord } from './customerRecord';
import { DeleteCustomerDialog } from './DeleteCustomerDialog';
import { IncompleteBadge } from './IncompleteNotice';
import { MergedAwayNotice, MergedAwayOr, MergeUndoBanner } from './merge/MergeNotices';
import { listHref, ModuleRecordPage } from './moduleGate';
import { RelationshipPanel } from './RelationshipPanel';
import { RemoveRelationshipDialog } from './RemoveRelationshipDialog';
import { HoldingsMenuItems, HoldingsTabPanel } from './tabs';
import './customers.css';
import './customerView.css';

/** How long the toast offers "Rückgängig" after archiving or deleting. */
const UNDO_VISIBLE_MS = 30_000;

const tabs = ['info', 'orders', 'subscriptions', 'assets', 'services', 'domains', 'users'] as const;
type TabId = (typeof tabs)[number];

/** Seeds 003/004: ask for the relationship, look at its invitations, open the account, remove it. */
function RelationshipItems(props: { customer: Customer; onInvite: () => void; onRemove: () => void }) {
  const i18n = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const state = () => props.customer.relationshipState;
  const id = () => encodeURIComponent(props.customer.id);
  const canOpenAccount = () => state() === 'active' && props.customer.grantedRights.includes('delegated_admin') && session.can('customer_account.access');
  const canRemove = () => state() === 'active' && session.can('relationships.remove');
  return (
    <>
      <Show when={session.can('invitations.manage')}>
        <Show when={state() !== 'active'}>
          <DropdownMenu.Item class="menu-item" onSelect={props.onInvite} data-testid="request-relationship">
            <DropdownMenu.ItemLabel>{i18n.t('invitations.request')}</DropdownMenu.ItemLabel>
          </DropdownMenu.Item>
        </Show>
        <DropdownMenu.Item class="menu-item" onSelect={() => navigate(`/invitations?customer=${id()}`)}>
          <DropdownMenu.ItemLabel>{i18n.t('invitations.showForCustomer')}</DropdownMenu.ItemLabel>
        </DropdownMenu.Item>
      </Show>
      <Show when={canOpenAccount()}>
        <DropdownMenu.Item class="menu-item" onSelect={() => navigate(`/customers/${id()}/account`)} data-testid="open-account">
          <DropdownMenu.ItemLabel>{i18n.t('customers.account.open')}</DropdownMenu.ItemLabel>
        </DropdownMenu.Item>
      </Show>
      <Show when={canRemove()}>
        <DropdownMenu.Separator class="menu-separator" />
        <DropdownMenu.Item class="menu-item menu-item-danger" onSelect={props.onRemove} data-testid="remove-relationship">
          <DropdownMenu.ItemLabel>{i18n.t('customers.removeRelationship.action')}</DropdownMenu.ItemLabel>
        </DropdownMenu.Item>
      </Show>
      <Show when={session.can('invitations.manage') || canOpenAccount() || canRemove()}>
        <DropdownMenu.Separator class="menu-separator" />
      </Show>
    </>
  );
}

function ActionsMenu(props: {
  customer: Customer;
  blockers: DeleteBlocker[];
  onDelete: () => void;
  onArchive: (archived: boolean) => void;
  onNewOrder: () => void;
  onInvite: () => void;
  onRemoveRelationship: () => void;
}) {
  const i18n = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  // What the role can never do is left out; a delete the customer's data blocks stays, with the reason.
  const deleteBlockedBy = () => (props.blockers.length === 0 ? undefined : props.blockers.map((blocker) => i18n.t(`customers.deleteBlockers.${blocker}`)).join(' '));
  return (
    <Menu placement="bottom-end">
      <DropdownMenu.Trigger class="btn btn-secondary" data-testid="customer-actions">
        {i18n.t('customers.view.actions')}
        <span class="caret" aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu menu-wide menu-full-height">
          <HoldingsMenuItems customerId={props.customer.id} onNewOrder={props.onNewOrder} />
          <Show when={session.can('audit.read')}>
            <DropdownMenu.Item class="menu-item" onSelect={() => navigate(`/activity?customer=${encodeURIComponent(props.customer.id)}`)}>
              <DropdownMenu.ItemLabel>{i18n.t('customers.view.showActivity')}</DropdownMenu.ItemLabel>
            </DropdownMenu.Item>
            <DropdownMenu.Separator class="menu-separator" />
          </Show>
          <RelationshipItems customer={props.customer} onInvite={props.onInvite} onRemove={props.onRemoveRelationship} />
          <Show when={session.can('customers.write')}>
            <DropdownMenu.Item
              class="menu-item"
              onSelect={() => props.onArchive(!props.customer.archivedAt)}
              data-testid={props.customer.archivedAt ? 'restore-customer' : 'archive-customer'}
            >
              <span>{i18n.t(props.customer.archivedAt ? 'customers.archive.restore' : 'customers.archive.action')}</span>
              <Show when={!props.customer.archivedAt}>
                <span class="menu-item-description">{i18n.t('customers.archive.actionHint')}</span>
              </Show>
            </DropdownMenu.Item>
          </Show>
          <Show when={session.can('customers.delete')}>
            <DropdownMenu.Item class="menu-item menu-item-danger" disabled={Boolean(deleteBlockedBy())} onSelect={props.onDelete} data-testid="delete-customer">
              {/* Plain spans: the item's name is all its visible text, the reason included. */}
              <span>{i18n.t('customers.delete.action')}</span>
              <Show when={deleteBlockedBy()}>
                {(reason) => (
                  <span class="menu-item-description" data-testid="delete-blocked-reason">
                    {reason()}
                  </span>
                )}
              </Show>
            </DropdownMenu.Item>
          </Show>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </Menu>
  );
}

function CustomerView(props: { id: string }) {
  const i18n = useI18n();
  const session = useSession();
  const toast = useToast();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const record = createCustomerRecord(props.id);
  const loaded = record.loaded;
  const tags = fetchTags();
  const customFields = fetchCustomFields();
  const [deleting, setDeleting] = createSignal(false);
  const [ordering, setOrdering] = createSignal(false);
  const [inviting, setInviting] = createSignal(false);
  const [removingRelationship, setRemovingRelationship] = createSignal(false);
  const live = useLive();
  const [editing, setEditing] = createSignal(false);
  usePresence(() => ({ viewing: props.id, editing: editing() ? props.id : null }));
  const colleagues = () => colleaguesOn(live, props.id);
  const [changedBy, setChangedBy] = createSignal<string>();
  const [deletedBy, setDeletedBy] = createSignal<string>();
  const [mergedAway, setMergedAway] = createSignal<{ data: CustomerMergeEventData; person: string }>();
  let changedTimer: number | undefined;
  onCleanup(() => window.clearTimeout(changedTimer));

  const tab = (): TabId => (tabs.includes(params.tab as TabId) ? (params.tab as TabId) : 'info');
  const setCustomer = record.setCustomer;
  // The version moved on (tags, invitations): read the customer again, and the tags' counts.
  const reloadQuietly = async () => {
    await record.reload();
    void tags.refetch();
  };

  // Colleagues' changes to this customer arrive live; the info tab merges them with unsaved input.
  onLiveEvent(
    (event) => {
      const current = loaded.data();
      const byOther = event.actor.userId !== session.info().user.id;
      if (event.kind.startsWith('tag.')) void reloadQuietly();
      if (event.kind.startsWith('custom_field.')) void customFields.refetch();
      if (!current || event.entityId !== props.id) return;
      if (event.kind === 'customer.updated' && (event.version ?? 0) > current.customer.version) {
        record.follow(event.data as Customer);
        if (byOther) {
          setChangedBy(event.actor.displayName);
          window.clearTimeout(changedTimer);
          changedTimer = window.setTimeout(() => setChangedBy(undefined), 6_000);
        }
      } else if (event.kind === 'customer.deleted' && byOther) setDeletedBy(event.actor.displayName);
      else if (event.kind === 'customer.merged') setMergedAway({ data: event.data as CustomerMergeEventData, person: event.actor.displayName });
      else if (event.kind === 'customer.merge_undone') {
        setMergedAway(undefined);
        const merged = (event.data as CustomerMergeEventData).merged;
        if (merged) record.follow(merged);
      } else if (event.kind === 'customer.archived' || event.kind === 'customer.unarchived' || event.kind === 'customer.restored') {
        // Archived or restored (here or by a colleague), or a delete undone: the banner and menu follow.
        if (event.kind === 'customer.restored') setDeletedBy(undefined);
        record.follow(event.data as Customer);
      }
    },
    () => void reloadQuietly(),
  );

  const deleted = (customer: Customer) => {
    setDeleting(false);
    const names = { name: customerDisplayName(customer), number: customer.customerNumber };
    // The server keeps what the delete removed for 10 minutes; the toast offers it for 30 s.
    toast.show('success', i18n.t('customers.delete.done', names), {
      label: i18n.t('customers.archive.undo'),
      visibleMs: UNDO_VISIBLE_MS,
      run: () =>
        void record
          .undoDelete()
          .then(() => toast.show('success', i18n.t('customers.delete.undone', names)))
          .catch((error) => toast.show('error', errorText(i18n, error))),
    });
    navigate(listHref(), { replace: true });
  };

  const [archiving, setArchiving] = createSignal(false);
  /** Archive or restore; the toast after archiving offers to undo it for 30 s. */
  async function setArchived(customer: Customer, archived: boolean, offerUndo = true) {
    setArchiving(true);
    try {
      const next = await record.setArchived(customer, archived);
      const name = customerDisplayName(next);
      if (archived && offerUndo) {
        toast.show('success', i18n.t('customers.archive.done', { name }), {
          label: i18n.t('customers.archive.undo'),
          visibleMs: UNDO_VISIBLE_MS,
          run: () => void setArchived(next, false, false),
        });
      } else toast.show('success', i18n.t(archived ? 'customers.archive.done' : 'customers.archive.restored', { name }));
    } catch (error) {
      toast.show('error', errorText(i18n, error));
      if (error instanceof ApiError && error.status === 409) void reloadQuietly();
    } finally {
      setArchiving(false);
    }
  }

  const tabLabel = (id: TabId): TextKey => `customers.view.tabs.${id}`;

  return (
    <Switch>
      <Match when={loaded.error()}>
        {(error) => (
          <Show when={error() instanceof ApiError && (error() as ApiError).status === 404} fallback={<ErrorState error={error()} onRetry={() => void loaded.refetch()} page />}>
            <MergedAwayOr
              customerId={props.id}
              fallback={
                <NotFound
                  title={i18n.t('customers.view.notFound.title')}
                  text={i18n.t('customers.view.notFound.text')}
                  backLabel={i18n.t('customers.view.backToList')}
                  testId="customer-not-found"
                />
              }
            />
          </Show>
        )}
      </Match>
      <Match when={loaded.data()}>
        {(data) => (
          <Tabs value={tab()} onChange={(value) => setParams({ tab: value === 'info' ? undefined : value }, { replace: true })} class="customer-view">
            <header class="customer-header" data-testid="customer-header">
              <A href={listHref()} class="back-link">
                <span aria-hidden="true">← </span>
                {i18n.t('customers.view.backToList')}
              </A>
              <div class="customer-header-main">
                <div class="customer-heading">
                  <h1 class="page-title">{customerDisplayName(data().customer) || '–'}</h1>
                  <p class="customer-meta">
                    <span>
                      {i18n.t('customers.fields.customerNumber')}: <span class="cell-mono">{data().customer.customerNumber}</span>
                    </span>
                    <Show when={data().customer.microsoftId}>
                      <span data-testid="customer-microsoft-id">
                        {i18n.t('customers.fields.microsoftId')}: <span class="cell-mono">{data().customer.microsoftId}</span>
                      </span>
                    </Show>
                    <RelationshipBadge state={data().customer.relationshipState} />
                    <IncompleteBadge customer={data().customer} />
                    <Show when={data().customer.rightsToReview}>
                      <span class="badge badge-review">{i18n.t('customers.rightsToReviewBadge')}</span>
                    </Show>
                  </p>
                  <Show when={colleagues().length > 0}>
                    <p class="customer-presence" data-testid="customer-presence">
                      <For each={colleagues()}>
                        {(person) => (
                          <span class="presence-note" classList={{ 'presence-editing': person.editing }}>
                            {i18n.t(person.editing ? 'live.editing' : 'live.viewing', { name: person.name })}
                          </span>
                        )}
                      </For>
                    </p>
                  </Show>
                  <Show when={changedBy()}>
                    {(name) => (
                      <p class="live-note" role="status" data-testid="customer-changed-by">
                        {i18n.t('live.changedBy', { name: name() })}
                      </p>
                    )}
                  </Show>
                  <CustomerTags
                    customer={data().customer}
                    tags={tags.data() ?? []}
                    canEdit={session.can('customers.write')}
                    onChange={(tag, mode) => record.changeTag(tag, mode).then(() => void tags.refetch())}
                  />
                </div>
                <ActionsMenu
                  customer={data().customer}
                  blockers={data().deleteBlockers}
                  onDelete={() => setDeleting(true)}
                  onArchive={(archived) => void setArchived(data().customer, archived)}
                  onNewOrder={() => setOrdering(true)}
                  onInvite={() => setInviting(true)}
                  onRemoveRelationship={() => setRemovingRelationship(true)}
                />
              </div>
              <Tabs.List class="tabs-list" aria-label={i18n.t('customers.view.tabsLabel')}>
                <For each={tabs}>
                  {(id) => (
                    <Tabs.Trigger value={id} class="tab">
                      {i18n.t(tabLabel(id))}
                    </Tabs.Trigger>
                  )}
                </For>
              </Tabs.List>
            </header>
            <Show when={data().customer.archivedAt}>
              {(archivedAt) => (
                <div class="alert alert-warning" role="status" data-testid="archived-banner">
                  <div>
                    <p class="alert-title">{i18n.t('customers.archive.bannerTitle')}</p>
                    <p>{i18n.t('customers.archive.banner', { date: i18n.formatDateTime(archivedAt()), person: data().customer.archivedBy ?? '–' })}</p>
                  </div>
                  <Show when={session.can('customers.write')}>
                    <button
                      type="button"
                      class="btn btn-secondary btn-small"
                      disabled={archiving()}
                      onClick={() => void setArchived(data().customer, false)}
                      data-testid="archived-banner-restore"
                    >
                      {archiving() ? i18n.t('customers.archive.restoring') : i18n.t('customers.archive.restore')}
                    </button>
                  </Show>
                </div>
              )}
            </Show>
            <Show when={mergedAway()}>{(merged) => <MergedAwayNotice merge={merged().data.merge} person={merged().person} />}</Show>
            <MergeUndoBanner customerId={props.id} onUndone={() => void reloadQuietly()} />
            <Show when={deletedBy()}>
              {(name) => (
                <div class="alert alert-warning" role="alert" data-testid="customer-deleted-by">
                  <p>{i18n.t('live.deletedBy', { name: name() })}</p>
                  <A href={listHref()} class="btn btn-secondary btn-small">
                    {i18n.t('customers.view.backToList')}
                  </A>
                </div>
              )}
            </Show>
            <Tabs.Content value="info" class="tab-panel card">
              <RelationshipPanel customer={data().customer} onChanged={setCustomer} />
              <Show when={!customFields.loading() || customFields.data()} fallback={<LoadingState />}>
                <CustomerInfoTab
                  customer={data().customer}
                  fields={customFields.data() ?? []}
                  canEdit={session.can('customers.write')}
                  onChanged={setCustomer}
                  onDirtyChange={setEditing}
                />
              </Show>
            </Tabs.Content>
            <For each={tabs.filter((id) => id !== 'info')}>
              {(id) => (
                <Tabs.Content value={id} class="tab-panel card">
                  <HoldingsTabPanel tab={id as Exclude<TabId, 'info'>} customerId={props.id} onNewOrder={() => setOrdering(true)} />
                </Tabs.Content>
              )}
            </For>
            <InviteDialog open={inviting()} onOpenChange={setInviting} customer={data().customer} onCreated={() => void reloadQuietly()} />
            <RemoveRelationshipDialog open={removingRelationship()} onOpenChange={setRemovingRelationship} customer={data().customer} onChanged={setCustomer} />
            <NewOrderDialog open={ordering()} onOpenChange={setOrdering} customer={data().customer} />
            <DeleteCustomerDialog
              open={deleting()}
              onOpenChange={setDeleting}
              customer={data().customer}
              onDeleted={() => deleted(data().customer)}
              onBlocked={(reasons) => record.setBlockers(reasons as DeleteBlocker[])}
            />
          </Tabs>
        )}
      </Match>
      <Match when={loaded.loading()}>
        <LoadingState />
      </Match>
    </Switch>
  );
}

export default function CustomerPage() {
  return <ModuleRecordPage view={(id) => <CustomerView id={id} />} />;
}

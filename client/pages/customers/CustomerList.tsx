import { A } from '@solidjs/router';
import { createEffect, createMemo, createSignal, Match, on, Show, Switch } from 'solid-js';
import { type Customer, customerDisplayName } from '../../../schema/customers';
import type { CustomerImport } from '../../../schema/imports';
import { exportCustomers, listCustomers } from '../../api/customers';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n';
import { createCursorList } from '../../lib/cursorList';
import { fetchCustomFields, fetchTags } from '../../lib/resources';
import { colleaguesOn, onLiveEvent, useLive } from '../../live/LiveProvider';
import { useSession } from '../../session';
import { ExportMenu } from '../ExportMenu';
import { InviteDialog } from '../invitations/InviteDialog';
import { NewOrderButton } from '../orders/NewOrderDialog';
import { BulkTagBar } from './BulkTagBar';
import { CustomerTable } from './CustomerTable';
import { createColumns } from './columns';
import { ImportDialog } from './ImportDialog';
import { ListToolbar, SearchBox } from './ListToolbar';
import { createListQuery } from './listQuery';
import { createLiveCustomerList } from './liveList';
import { mergeHref } from './merge/mergeHref';
import { NewCustomerDialog } from './NewCustomerDialog';
import { SavedViewsMenu } from './SavedViewsMenu';
import { createSavedViews } from './savedViews';
import './customers.css';
import './customerList.css';

export function CustomerList() {
  const i18n = useI18n();
  const session = useSession();
  const toast = useToast();
  const query = createListQuery();
  const list = createCursorList(() => listCustomers(query.filters()));
  const tags = fetchTags();
  const customFields = fetchCustomFields();
  const activeFields = createMemo(() => (customFields.data() ?? []).filter((field) => !field.archived));
  const columns = createColumns(activeFields);
  const savedViews = createSavedViews(query, columns);
  const live = useLive();
  const liveRows = createLiveCustomerList(list, query, { onTagsChanged: () => void tags.refetch(), onFieldsChanged: () => void customFields.refetch() });
  const presenceOf = (customerId: string) => colleaguesOn(live, customerId);
  const canTag = () => session.can('customers.write');
  // Rows can be selected for any bulk action the user may start.
  const canSelect = () => canTag() || session.can('invitations.manage');

  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  const selection = {
    selected,
    toggle: (id: string, on: boolean) =>
      setSelected((current) => {
        const next = new Set(current);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    setAll: (ids: string[], on: boolean) => setSelected(on ? new Set(ids) : new Set<string>()),
  };
  // "All customers of the list": the search and filters as they are when the job starts.
  const [matchAll, setMatchAll] = createSignal(false);
  const clearSelection = () => {
    setSelected(new Set<string>());
    setMatchAll(false);
  };
  // Another search or filter shows other rows: a selection of rows no longer visible would surprise.
  createEffect(on(query.filters, clearSelection, { defer: true }));
  // Unticking a row narrows the selection back to the ticked rows.
  createEffect(on(selected, () => setMatchAll(false), { defer: true }));
  const selectedCustomers = () => list.items().filter((customer) => selected().has(customer.id));

  const [creating, setCreating] = createSignal(false);
  const [inviting, setInviting] = createSignal(false);
  const [importing, setImporting] = createSignal(false);

  const importCounts = (record: Pick<CustomerImport, 'fileName'> & { counts: { create: number; update: number } | null }) => ({
    file: record.fileName,
    created: i18n.formatNumber(record.counts?.create ?? 0),
    updated: i18n.formatNumber(record.counts?.update ?? 0),
  });
  function imported(record: CustomerImport) {
    toast.show('success', i18n.t('imports.done', importCounts({ fileName: record.fileName, counts: record.report?.counts ?? null })));
    void list.reload({ keepRows: true });
  }
  // A colleague's import: its customers arrive one by one as live events; this says where they came from.
  onLiveEvent((event) => {
    if (event.kind !== 'customer_import.changed' || event.actor.userId === session.info().user.id) return;
    const data = event.data as { fileName: string; status: string; counts: { create: number; update: number } | null };
    if (data.status === 'imported') toast.show('info', i18n.t('imports.colleagueDone', { name: event.actor.displayName, ...importCounts(data) }));
  });
  const [freshIds, setFreshIds] = createSignal<ReadonlySet<string>>(new Set());

  async function created(customer: Customer) {
    toast.show('success', i18n.t('customers.new.created', { name: customerDisplayName(customer), number: customer.customerNumber }));
    setFreshIds((ids) => new Set([...ids, customer.id]));
    await list.reload({ keepRows: true });
    // Sorted by number the new customer may sit pages away: show it on top so the user sees it landed.
    if (!list.items().some((row) => row.id === customer.id)) {
      list.update((rows) => [customer, ...rows]);
    }
  }

  const total = () => list.total() ?? list.items().length;

  return (
    <>
      <PageHeader
        title={i18n.t('customers.title')}
        description={i18n.t('customers.description')}
        actions={
          <>
            <Show when={!list.loading() && !list.error()}>
              <p class="count" aria-live="polite" data-testid="customer-count">
                {list.totalCapped()
                  ? i18n.t('customers.totalMore', { count: i18n.formatNumber(total()) })
                  : i18n.plural({ one: 'customers.total.one', other: 'customers.total.other' }, total())}
              </p>
            </Show>
            <SearchBox query={query} />
            <SavedViewsMenu views={savedViews} />
            <Show when={session.can('customers.export')}>
              <ExportMenu
                view={query.filters}
                exportFile={exportCustomers}
                fileNames={{ xls: 'Customer.xls', xlsx: 'Customers.xlsx', csv: 'Customers.csv' }}
                scopeLabels={{ all: 'export.scope.allCustomers', view: 'export.scope.viewCustomers' }}
                rowsFor={(scope) => ((scope === 'view' && !list.totalCapped()) || !query.hasFilters() ? list.total() : undefined)}
                testId="export-customers"
              />
            </Show>
            <Show when={session.can('customers.write')}>
              <button type="button" class="btn btn-secondary" onClick={() => setImporting(true)} data-testid="import-customers">
                {i18n.t('imports.button')}
              </button>
            </Show>
            <Show when={session.can('invitations.manage')}>
              <button type="button" class="btn btn-secondary" onClick={() => setInviting(true)} data-testid="new-relationship">
                {i18n.t('invitations.newRelationship')}
              </button>
            </Show>
            <Show when={session.can('customers.create')}>
              <button type="button" class="btn btn-primary" onClick={() => setCreating(true)} data-testid="new-customer">
                {i18n.t('customers.new.button')}
              </button>
            </Show>
          </>
        }
      />
      <ListToolbar query={query} tags={tags.data() ?? []} columns={columns} />
      <Show when={canSelect() && selected().size > 0}>
        <BulkTagBar
          selectedIds={[...selected()]}
          selectedCustomers={selectedCustomers()}
          matchAll={matchAll()}
          onMatchAll={setMatchAll}
          matching={list.total()}
          matchingCapped={list.totalCapped()}
          query={query}
          tags={tags.data() ?? []}
          onStarted={clearSelection}
          onClear={clearSelection}
        >
          {/* A new order for the one selected customer. */}
          <Show when={session.can('orders.write') && selectedCustomers().length === 1}>
            <NewOrderButton customer={selectedCustomers()[0]!} />
          </Show>
          {/* Two selected customers can be merged: the merge view shows them side by side. */}
          <Show when={session.can('customers.delete') && !matchAll() && selectedCustomers().length === 2 && selected().size === 2}>
            <A href={mergeHref(selectedCustomers()[0]!.id, selectedCustomers()[1]!.id)} class="btn btn-secondary btn-small" data-testid="bulk-merge">
              {i18n.t('merges.action')}
            </A>
          </Show>
        </BulkTagBar>
      </Show>
      <section class="card card-flush" aria-label={i18n.t('customers.tableCaption')}>
        <Switch>
          <Match when={list.loading()}>
            <LoadingState />
          </Match>
          <Match when={list.error()}>{(error) => <ErrorState error={error()} onRetry={() => void list.reload()} />}</Match>
          <Match when={list.items().length === 0 && !query.hasFilters()}>
            <EmptyState title={i18n.t('customers.empty.title')} text={i18n.t('customers.empty.text')}>
              <Show when={session.can('customers.create')}>
                <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
                  {i18n.t('customers.new.button')}
                </button>
              </Show>
            </EmptyState>
          </Match>
          <Match when={list.items().length === 0}>
            <div aria-live="polite">
              <EmptyState title={i18n.t('customers.noMatch.title')} text={query.q() ? i18n.t('customers.noMatch.search', { q: query.q() }) : i18n.t('customers.noMatch.filters')}>
                <button type="button" class="btn btn-secondary" onClick={query.clear}>
                  {i18n.t('customers.filters.clear')}
                </button>
              </EmptyState>
            </div>
          </Match>
          <Match when={true}>
            <CustomerTable
              list={list}
              columns={columns.visible()}
              query={query}
              selection={canSelect() ? selection : undefined}
              freshIds={freshIds()}
              flashIds={liveRows.flashing()}
              presenceOf={presenceOf}
            />
            <div class="table-footer">
              <p class="muted">
                {i18n.t(list.totalCapped() ? 'customers.shownOfMore' : 'customers.shown', { shown: i18n.formatNumber(list.items().length), total: i18n.formatNumber(total()) })}
              </p>
              <LoadMore list={list} />
            </div>
          </Match>
        </Switch>
      </section>
      <Show when={session.can('customers.create')}>
        <NewCustomerDialog open={creating()} onOpenChange={setCreating} customFields={activeFields()} onCreated={(customer) => void created(customer)} />
      </Show>
      <Show when={session.can('customers.write')}>
        <ImportDialog open={importing()} onOpenChange={setImporting} customFields={activeFields()} onImported={imported} />
      </Show>
      <Show when={session.can('invitations.manage')}>
        <InviteDialog open={inviting()} onOpenChange={setInviting} />
      </Show>
    </>
  );
}

import { createEffect, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { type Customer, customerDisplayName } from '../../../schema/customers';
import { useI18n } from '../../i18n';
import type { CursorList } from '../../lib/cursorList';
import type { ColleagueOnCustomer } from '../../live/LiveProvider';
import type { Column } from './columns';
import type { ListQuery } from './listQuery';

export interface Selection {
  selected: () => ReadonlySet<string>;
  toggle: (id: string, on: boolean) => void;
  setAll: (ids: string[], on: boolean) => void;
}

/** Small initials of colleagues who have the customer open; a pencil when they are editing. */
export function PresenceMarks(props: { people: ColleagueOnCustomer[] }) {
  const i18n = useI18n();
  const names = () => props.people.map((person) => person.name).join(', ');
  return (
    <Show when={props.people.length > 0}>
      {' '}
      <span class="presence-marks" data-testid="row-presence" title={i18n.t('live.rowViewing', { names: names() })}>
        <For each={props.people}>
          {(person) => (
            <span class="presence-mark" classList={{ 'presence-editing': person.editing }} aria-hidden="true">
              {initials(person.name)}
              {person.editing ? ' ✎' : ''}
            </span>
          )}
        </For>
        <span class="visually-hidden">{i18n.t('live.rowViewing', { names: names() })}</span>
      </span>
    </Show>
  );
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');

function SortHeader(props: { column: Column; query: ListQuery }) {
  const i18n = useI18n();
  const active = () => props.column.sort !== undefined && props.query.sort() === props.column.sort;
  const ariaSort = () => (active() ? (props.query.dir() === 'asc' ? 'ascending' : 'descending') : undefined);
  return (
    <th scope="col" aria-sort={ariaSort()} classList={{ 'cell-numeric': props.column.numeric }}>
      <Show when={props.column.sort} fallback={props.column.label}>
        {(field) => (
          <button
            type="button"
            class="sort-button"
            classList={{ 'sort-active': active() }}
            title={i18n.t('customers.sortBy', { column: props.column.label })}
            onClick={() => props.query.toggleSort(field())}
          >
            {props.column.label}
            <span class="sort-icon" aria-hidden="true">
              {active() ? (props.query.dir() === 'asc' ? '▲' : '▼') : '↕'}
            </span>
          </button>
        )}
      </Show>
    </th>
  );
}

/**
 * The customer table. Rows come page by page; the next page loads by itself when the end of the
 * list scrolls into view ("Mehr laden" stays as the keyboard and fallback path).
 */
export function CustomerTable(props: {
  list: CursorList<Customer>;
  columns: Column[];
  query: ListQuery;
  selection?: Selection;
  freshIds: ReadonlySet<string>;
  /** Rows a colleague just changed: highlighted briefly. */
  flashIds: ReadonlySet<string>;
  /** Colleagues who have a customer open right now. */
  presenceOf: (customerId: string) => ColleagueOnCustomer[];
}) {
  const i18n = useI18n();
  const items = () => props.list.items();
  const allSelected = () => items().length > 0 && items().every((customer) => props.selection?.selected().has(customer.id));
  const someSelected = () => !allSelected() && items().some((customer) => props.selection?.selected().has(customer.id));

  let sentinel: HTMLDivElement | undefined;
  const [nearEnd, setNearEnd] = createSignal(false);
  onMount(() => {
    if (!sentinel || typeof IntersectionObserver === 'undefined') return;
    // On wide screens the table card scrolls by itself (sticky header); the look-ahead must measure
    // against the card then, against the window when the page scrolls (phones).
    const card = sentinel.closest<HTMLElement>('.card');
    const root = card && /(auto|scroll)/.test(getComputedStyle(card).overflowY) ? card : null;
    const observer = new IntersectionObserver((entries) => setNearEnd(entries.some((entry) => entry.isIntersecting)), { root, rootMargin: '0px 0px 600px 0px' });
    observer.observe(sentinel);
    onCleanup(() => observer.disconnect());
  });
  createEffect(() => {
    const list = props.list;
    if (nearEnd() && list.nextCursor() && !list.loadingMore() && !list.moreError() && !list.refreshing()) void list.loadMore();
  });

  return (
    <>
      <div class="table-scroll">
        <table class="table table-customers" data-testid="customer-list" aria-busy={props.list.refreshing()} classList={{ 'table-refreshing': props.list.refreshing() }}>
          <caption class="visually-hidden">{i18n.t('customers.tableCaption')}</caption>
          <thead>
            <tr>
              <Show when={props.selection}>
                {(selection) => (
                  <th scope="col" class="cell-select">
                    <input
                      type="checkbox"
                      class="checkbox"
                      aria-label={i18n.t('customers.selectAllLoaded')}
                      title={i18n.t('customers.selectAllLoaded')}
                      checked={allSelected()}
                      // indeterminate is a DOM property only, not an attribute
                      ref={(el) => createEffect(() => (el.indeterminate = someSelected()))}
                      onChange={(event) =>
                        selection().setAll(
                          items().map((customer) => customer.id),
                          event.currentTarget.checked,
                        )
                      }
                    />
                  </th>
                )}
              </Show>
              <For each={props.columns}>{(column) => <SortHeader column={column} query={props.query} />}</For>
            </tr>
          </thead>
          <tbody>
            <For each={items()}>
              {(customer) => {
                const isSelected = () => props.selection?.selected().has(customer.id) ?? false;
                return (
                  <tr
                    classList={{ 'row-selected': isSelected(), 'row-fresh': props.freshIds.has(customer.id), 'row-flash': props.flashIds.has(customer.id) }}
                    data-customer-id={customer.id}
                  >
                    <Show when={props.selection}>
                      {(selection) => (
                        <td class="cell-select">
                          <input
                            type="checkbox"
                            class="checkbox"
                            aria-label={i18n.t('customers.selectRow', { number: customer.customerNumber, name: customerDisplayName(customer) })}
                            checked={isSelected()}
                            onChange={(event) => selection().toggle(customer.id, event.currentTarget.checked)}
                          />
                        </td>
                      )}
                    </Show>
                    <For each={props.columns}>
                      {(column) =>
                        column.id === 'name' ? (
                          <th scope="row" class="cell-strong" data-column={column.id}>
                            {column.cell(customer)}
                            <Show when={props.freshIds.has(customer.id)}>
                              {' '}
                              <span class="badge badge-new">{i18n.t('customers.newBadge')}</span>
                            </Show>
                            <PresenceMarks people={props.presenceOf(customer.id)} />
                          </th>
                        ) : (
                          <td classList={{ 'cell-numeric': column.numeric }} data-column={column.id}>
                            {column.cell(customer)}
                          </td>
                        )
                      }
                    </For>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </div>
      <div class="scroll-sentinel" ref={sentinel} aria-hidden="true" />
    </>
  );
}

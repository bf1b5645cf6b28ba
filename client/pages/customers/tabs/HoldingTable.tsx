import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { For, type JSX, Match, Show, Switch } from 'solid-js';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingState } from '../../../components/LoadingState';
import { LoadMore } from '../../../components/LoadMore';
import { Menu } from '../../../components/Menu';
import { useI18n } from '../../../i18n';
import type { PagedRows } from '../../../lib/cursorList';
import type { Fetched } from '../../../lib/fetched';
import './tabs.css';

export interface TableColumn<T> {
  id: string;
  label: string;
  cell: (row: T) => JSX.Element;
  numeric?: boolean;
  /** The column that names the row, read out as the row header. */
  rowHeader?: boolean;
  /** The API's sort field for this column, when it can be sorted by. */
  sort?: string;
}

/** The row actions column, only for staff who may change the rows. */
export const actionsColumn = <T,>(allowed: boolean, label: string, cell: (row: T) => JSX.Element): TableColumn<T>[] => (allowed ? [{ id: 'actions', label, cell }] : []);

export interface TableSort {
  field: () => string;
  dir: () => 'asc' | 'desc';
  toggle: (field: string) => void;
}

export type Tone = 'positive' | 'neutral' | 'warning' | 'negative' | 'info';

/** A state as a coloured pill; the text says it, the colour only repeats it. */
export function StatusBadge(props: { tone: Tone; children: JSX.Element }) {
  return <span class={`badge status-badge status-${props.tone}`}>{props.children}</span>;
}

/** A column header; a sortable one is a button that says its direction to assistive tech via aria-sort. */
export function SortableHeader(props: { label: string; numeric?: boolean; field?: string; sort?: TableSort }) {
  const i18n = useI18n();
  const active = () => props.field !== undefined && props.sort?.field() === props.field;
  const ariaSort = () => (active() ? (props.sort!.dir() === 'asc' ? 'ascending' : 'descending') : undefined);
  return (
    <th scope="col" aria-sort={ariaSort()} classList={{ 'cell-numeric': props.numeric }}>
      <Show when={props.field && props.sort} fallback={props.label}>
        <button
          type="button"
          class="sort-button"
          classList={{ 'sort-active': active() }}
          title={i18n.t('customers.sortBy', { column: props.label })}
          onClick={() => props.sort!.toggle(props.field!)}
        >
          {props.label}
          <span class="sort-icon" aria-hidden="true">
            {active() ? (props.sort!.dir() === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      </Show>
    </th>
  );
}

/** The table of one tab: caption for screen readers, optional sortable headers, muted rows for ended items. */
export function HoldingTable<T>(props: {
  caption: string;
  columns: TableColumn<T>[];
  rows: T[];
  sort?: TableSort;
  muted?: (row: T) => boolean;
  refreshing?: boolean;
  testId: string;
}) {
  return (
    <div class="table-scroll">
      <table class="table holding-table" data-testid={props.testId} aria-busy={props.refreshing} classList={{ 'table-refreshing': props.refreshing }}>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <For each={props.columns}>{(column) => <SortableHeader label={column.label} numeric={column.numeric} field={column.sort} sort={props.sort} />}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <tr classList={{ 'row-muted': props.muted?.(row) ?? false }}>
                <For each={props.columns}>
                  {(column) =>
                    column.rowHeader ? (
                      <th scope="row" data-column={column.id}>
                        {column.cell(row)}
                      </th>
                    ) : (
                      <td classList={{ 'cell-numeric': column.numeric }} data-column={column.id}>
                        {column.cell(row)}
                      </td>
                    )
                  }
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

export type TabName = 'orders' | 'subscriptions' | 'assets' | 'services' | 'domains' | 'users';

/**
 * One tab of the customer view: heading with count and the tab's own controls, then loading,
 * failed, empty or the table, and "Mehr laden" under a paged list that has more; rows already shown
 * stay while a refresh runs. `children` holds dialogs.
 */
export function HoldingsTab<T>(props: {
  /** Names the heading, the test ids and (for a customer tab) the standard empty text. */
  name: TabName | (string & {});
  title: string;
  description?: string;
  /** A list read whole, or a paged one. */
  list: Fetched<T[]> | PagedRows<T>;
  columns: TableColumn<T>[];
  sort?: TableSort;
  muted?: (row: T) => boolean;
  controls?: JSX.Element;
  /** Instead of the tab's standard empty text, e.g. when a search found nothing; required outside the customer view. */
  empty?: { title: string; text: string };
  emptyAction?: JSX.Element;
  children?: JSX.Element;
}) {
  const i18n = useI18n();
  const titleId = `${props.name}-tab-title`;
  const count = () => props.list.data()?.length;
  const paged = () => ('loadMore' in props.list ? props.list : undefined);
  const more = () => Boolean(paged()?.nextCursor());
  const empty = () => props.empty ?? { title: i18n.t(`customers.view.empty.${props.name as TabName}.title`), text: i18n.t(`customers.view.empty.${props.name as TabName}.text`) };
  return (
    <section aria-labelledby={titleId} data-testid={`${props.name}-tab`}>
      <div class="section-header tab-header">
        <div>
          <h2 class="section-title" id={titleId}>
            {props.title}
          </h2>
          <Show when={props.description}>
            <p class="muted">{props.description}</p>
          </Show>
          <Show when={count() !== undefined}>
            <p class="muted" aria-live="polite">
              {more() ? i18n.t('holdings.countMore', { count: i18n.formatNumber(count()!) }) : i18n.plural({ one: 'holdings.count.one', other: 'holdings.count.other' }, count()!)}
            </p>
          </Show>
        </div>
        <Show when={props.controls}>
          <div class="tab-actions">{props.controls}</div>
        </Show>
      </div>
      <Switch>
        <Match when={props.list.error()}>{(error) => <ErrorState error={error()} onRetry={() => void props.list.refetch()} />}</Match>
        <Match when={!props.list.data()}>
          <LoadingState />
        </Match>
        <Match when={count() === 0}>
          <div aria-live="polite">
            <EmptyState title={empty().title} text={empty().text}>
              {props.emptyAction}
            </EmptyState>
          </div>
        </Match>
        <Match when={props.list.data()}>
          {(rows) => (
            <>
              <HoldingTable
                caption={props.title}
                columns={props.columns}
                rows={rows()}
                sort={props.sort}
                muted={props.muted}
                refreshing={props.list.loading()}
                testId={`${props.name}-table`}
              />
              <Show when={paged()}>
                {(list) => (
                  <Show when={list().nextCursor() || list().moreError()}>
                    <LoadMore list={list()} />
                  </Show>
                )}
              </Show>
            </>
          )}
        </Match>
      </Switch>
      {props.children}
    </section>
  );
}

/** The tab's main action (add, order), shown only to staff who may do it. */
export function AddButton(props: { text: string; allowed: boolean; onClick: () => void; testId: string }) {
  return (
    <Show when={props.allowed}>
      <button type="button" class="btn btn-primary" onClick={() => props.onClick()} data-testid={props.testId}>
        {props.text}
      </button>
    </Show>
  );
}

/** A small button in a row's action cell; its accessible name also names the row ("Kündigen – Produkt"). */
export function RowButton(props: { text: string; row: string; disabled?: boolean; danger?: boolean; onClick: () => void }) {
  return (
    <button type="button" class="btn btn-secondary btn-small" classList={{ 'btn-danger-outline': props.danger }} disabled={props.disabled} onClick={() => props.onClick()}>
      {props.text}
      <span class="visually-hidden"> – {props.row}</span>
    </button>
  );
}

export interface RowAction {
  text: string;
  onSelect: () => void;
  danger?: boolean;
}

/** A row's actions behind one small "Aktionen" button, where several would not fit the table. */
export function RowMenu(props: { row: string; actions: RowAction[]; disabled?: boolean }) {
  const i18n = useI18n();
  return (
    <Menu placement="bottom-end">
      <DropdownMenu.Trigger class="btn btn-secondary btn-small" disabled={props.disabled}>
        {i18n.t('holdings.actions')}
        <span class="visually-hidden"> – {props.row}</span>
        <span class="caret" aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu">
          <For each={props.actions}>
            {(action) => (
              <DropdownMenu.Item class="menu-item" classList={{ 'menu-item-danger': action.danger }} onSelect={action.onSelect}>
                <DropdownMenu.ItemLabel>{action.text}</DropdownMenu.ItemLabel>
              </DropdownMenu.Item>
            )}
          </For>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </Menu>
  );
}

import { A } from '@solidjs/router';
import { createSignal, createUniqueId, onCleanup, Show } from 'solid-js';
import type { Order, orderSortFields } from '../../../../schema/orders';
import { exportCustomerOrders, listCustomerOrders } from '../../../api/orders';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { ExportMenu } from '../../ExportMenu';
import { OrderStatusBadge, orderHref } from '../../orders/orderStatus';
import { AddButton, HoldingsTab, type TableColumn, type TableSort } from './HoldingTable';
import { createHoldings, type TabProps } from './holdings';

type SortField = (typeof orderSortFields)[number];
const SEARCH_DELAY_MS = 250;

/** "Bestellungen": number (to the order page), status, dates and total; searchable and sortable. */
export function OrdersTab(props: TabProps) {
  const i18n = useI18n();
  const session = useSession();
  const searchId = createUniqueId();
  const [text, setText] = createSignal('');
  const [q, setQ] = createSignal('');
  const [sort, setSort] = createSignal<SortField>('orderNumber');
  const [dir, setDir] = createSignal<'asc' | 'desc'>('desc');
  let timer: number | undefined;
  onCleanup(() => window.clearTimeout(timer));

  const filters = () => ({ q: q(), sort: sort(), dir: dir() });
  const orders = createHoldings(() => listCustomerOrders(props.customerId, filters()), props.customerId, ['order.changed']);
  // Newest, latest and largest first is what one looks for; the status reads best from A to Z.
  const tableSort: TableSort = {
    field: sort,
    dir,
    toggle: (field) => {
      if (sort() === field) setDir(dir() === 'asc' ? 'desc' : 'asc');
      else {
        setSort(field as SortField);
        setDir(field === 'status' ? 'asc' : 'desc');
      }
    },
  };

  // The server adds the customer number to the name it sends; this is only what the menu shows.
  const ordersFile = () => i18n.t('customers.view.tabs.orders');

  const columns = (): TableColumn<Order>[] => [
    {
      id: 'orderNumber',
      label: i18n.t('orders.columns.orderNumber'),
      sort: 'orderNumber',
      rowHeader: true,
      cell: (order) => (
        <A href={orderHref(order)} class="cell-link cell-mono">
          {order.orderNumber}
        </A>
      ),
    },
    { id: 'status', label: i18n.t('orders.columns.status'), sort: 'status', cell: (order) => <OrderStatusBadge status={order.status} /> },
    { id: 'orderDate', label: i18n.t('orders.columns.orderDate'), sort: 'orderDate', cell: (order) => i18n.formatDate(order.orderDate) },
    { id: 'fulfilledAt', label: i18n.t('orders.columns.fulfilledAt'), sort: 'fulfilledAt', cell: (order) => (order.fulfilledAt ? i18n.formatDate(order.fulfilledAt) : '–') },
    { id: 'total', label: i18n.t('orders.columns.total'), sort: 'totalCents', numeric: true, cell: (order) => i18n.formatMoney(order.totalCents, order.currency) },
  ];

  const newOrderButton = () => <AddButton text={i18n.t('orders.new.button')} allowed={session.can('orders.write')} onClick={props.onNewOrder} testId="tab-new-order" />;

  return (
    <HoldingsTab
      name="orders"
      title={i18n.t('customers.view.tabs.orders')}
      list={orders}
      columns={columns()}
      sort={tableSort}
      empty={q() ? { title: i18n.t('orders.noMatch.title'), text: i18n.t('orders.noMatch.text', { q: q() }) } : undefined}
      emptyAction={q() ? undefined : newOrderButton()}
      controls={
        <>
          <form role="search" class="search" onSubmit={(event) => event.preventDefault()}>
            <label class="visually-hidden" for={searchId}>
              {i18n.t('orders.search.label')}
            </label>
            <input
              id={searchId}
              class="input search-input"
              type="search"
              autocomplete="off"
              maxLength={60}
              placeholder={i18n.t('orders.search.placeholder')}
              value={text()}
              onInput={(event) => {
                const value = event.currentTarget.value;
                setText(value);
                window.clearTimeout(timer);
                timer = window.setTimeout(() => setQ(value.trim()), SEARCH_DELAY_MS);
              }}
            />
          </form>
          <Show when={session.can('customers.export')}>
            <ExportMenu
              view={filters}
              exportFile={(options, fallbackName) => exportCustomerOrders(props.customerId, options, fallbackName)}
              fileNames={{ xls: `${ordersFile()}.xls`, xlsx: `${ordersFile()}.xlsx`, csv: `${ordersFile()}.csv` }}
              scopeLabels={{ all: 'export.scope.allOrders', view: 'export.scope.viewOrders' }}
              rowsFor={() => orders.data()?.length}
              testId="export-orders"
            />
          </Show>
          {newOrderButton()}
        </>
      }
    />
  );
}

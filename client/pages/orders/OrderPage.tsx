import { A } from '@solidjs/router';
import { createEffect, createSignal, For, Match, on, Show, Switch } from 'solid-js';
import { type Customer, customerDisplayName } from '../../../schema/customers';
import type { OrderStatusSetting } from '../../../schema/orderStatuses';
import type { Order, OrderHistoryEntry, OrderLine } from '../../../schema/orders';
import { ApiError } from '../../api';
import { getCustomer } from '../../api/customers';
import { getOrder } from '../../api/orders';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { NotFound } from '../../components/NotFound';
import { useToast } from '../../components/Toast';
import { errorText, useI18n } from '../../i18n';
import { createFetched } from '../../lib/fetched';
import { onLiveEvent } from '../../live/LiveProvider';
import { useSession } from '../../session';
import { ModuleRecordPage } from '../customers/moduleGate';
import { HoldingTable, type TableColumn } from '../customers/tabs/HoldingTable';
import { changeOrderStatus, DetailList, OrderStatusBadge, useOrderStatuses, usePriceLabel } from './orderStatus';
import './orders.css';

/** The next steps of the reseller's workflow as buttons; cancelling asks first, since it is final. */
function StatusActions(props: { order: Order; onChanged: () => void }) {
  const i18n = useI18n();
  const toast = useToast();
  const statuses = useOrderStatuses();
  const [busy, setBusy] = createSignal(false);
  const [confirmCancel, setConfirmCancel] = createSignal<OrderStatusSetting>();

  const actionLabel = (status: OrderStatusSetting) =>
    status.label === null ? i18n.t(`orders.actions.${status.code}` as 'orders.actions.new') : i18n.t('orders.actions.moveTo', { status: status.label });
  const changedText = (status: OrderStatusSetting, order: Order) =>
    status.kind === 'open'
      ? i18n.t('orders.changed.moved', { number: order.orderNumber, status: statuses.label(status.code) })
      : i18n.t(`orders.changed.${status.kind}`, { number: order.orderNumber });

  async function move(status: OrderStatusSetting) {
    setBusy(true);
    try {
      const order = await changeOrderStatus(props.order, status.code);
      toast.show('success', changedText(status, order));
    } catch (error) {
      toast.show('error', errorText(i18n, error));
    } finally {
      setBusy(false);
      props.onChanged();
    }
  }

  return (
    <div class="order-status-actions">
      <For each={statuses.next(props.order)}>
        {(status) => (
          <button
            type="button"
            class="btn"
            classList={{ 'btn-primary': status.kind === 'fulfilled', 'btn-secondary': status.kind !== 'fulfilled', 'btn-danger-outline': status.kind === 'cancelled' }}
            disabled={busy()}
            onClick={() => (status.kind === 'cancelled' ? setConfirmCancel(status) : void move(status))}
          >
            {actionLabel(status)}
          </button>
        )}
      </For>
      <ConfirmDialog
        open={confirmCancel() !== undefined}
        onOpenChange={(open) => !open && setConfirmCancel(undefined)}
        title={i18n.t('orders.cancelTitle')}
        text={i18n.t('orders.cancelConfirm', { number: props.order.orderNumber })}
        confirmLabel={confirmCancel() ? actionLabel(confirmCancel()!) : ''}
        danger
        onConfirm={() => move(confirmCancel()!)}
      />
    </div>
  );
}

/** What an audit entry did to the order; a move between open steps names the status it went to. */
function historyText(i18n: ReturnType<typeof useI18n>, statuses: ReturnType<typeof useOrderStatuses>, entry: OrderHistoryEntry) {
  const action = i18n.tryT(`activity.actions.${entry.action}`) ?? entry.action;
  const status = (entry.after as { status?: unknown } | null)?.status;
  return entry.action === 'order.status_changed' && typeof status === 'string' ? `${action}: ${statuses.label(status)}` : action;
}

function HistoryList(props: { entries: OrderHistoryEntry[] }) {
  const i18n = useI18n();
  const statuses = useOrderStatuses();
  return (
    <ol class="order-history" data-testid="order-history">
      <For each={props.entries} fallback={<li class="muted">{i18n.t('orders.page.noHistory')}</li>}>
        {(entry) => (
          <li>
            <span class="cell-strong">{historyText(i18n, statuses, entry)}</span>
            <span class="muted">
              {i18n.t('orders.page.by', { name: entry.actor })} · <time datetime={entry.at}>{i18n.formatDateTime(entry.at)}</time>
            </span>
          </li>
        )}
      </For>
    </ol>
  );
}

function OrderView(props: { id: string }) {
  const i18n = useI18n();
  const session = useSession();
  const priceLabel = usePriceLabel();
  const statuses = useOrderStatuses();
  const detail = createFetched(() => getOrder(props.id));
  // The customer's name for the heading and the way back; the order itself only carries the id.
  const [customer, setCustomer] = createSignal<Customer>();
  createEffect(
    on(
      () => detail.data()?.order.customerId,
      async (customerId) => {
        if (!customerId) return;
        try {
          setCustomer((await getCustomer(customerId)).customer);
        } catch {
          // The links then say "the customer" without a name.
        }
      },
    ),
  );
  onLiveEvent(
    (event) => {
      if (event.kind === 'order.changed' && event.entityId === props.id) void detail.refetch();
    },
    () => void detail.refetch(),
  );

  const customerHref = (order: Order) => `/customers/${encodeURIComponent(order.customerId)}?tab=orders`;
  const customerName = () => {
    const current = customer();
    return current ? customerDisplayName(current) || current.customerNumber : i18n.t('orders.page.customerUnknown');
  };
  const columns = (): TableColumn<OrderLine>[] => [
    { id: 'name', label: i18n.t('orders.lines.product'), rowHeader: true, cell: (line) => line.name },
    { id: 'sku', label: i18n.t('orders.lines.sku'), cell: (line) => <span class="cell-mono">{line.sku}</span> },
    { id: 'billing', label: i18n.t('orders.lines.billing'), cell: (line) => i18n.t(`orders.billing.${line.billing}`) },
    { id: 'quantity', label: i18n.t('orders.lines.quantity'), numeric: true, cell: (line) => i18n.formatNumber(line.quantity) },
    {
      id: 'unitPrice',
      label: i18n.t('orders.lines.unitPrice'),
      numeric: true,
      cell: (line) => priceLabel({ ...line, priceCents: line.unitPriceCents, currency: detail.data()!.order.currency }),
    },
    { id: 'total', label: i18n.t('orders.lines.total'), numeric: true, cell: (line) => i18n.formatMoney(line.totalCents, detail.data()!.order.currency) },
  ];

  return (
    <Switch>
      <Match when={detail.error()}>
        {(error) => (
          <Show when={error() instanceof ApiError && (error() as ApiError).status === 404} fallback={<ErrorState error={error()} onRetry={() => void detail.refetch()} page />}>
            <NotFound
              title={i18n.t('orders.page.notFound.title')}
              text={i18n.t('orders.page.notFound.text')}
              backLabel={i18n.t('customers.view.backToList')}
              testId="order-not-found"
            />
          </Show>
        )}
      </Match>
      <Match when={detail.data()}>
        {(data) => (
          <div class="order-page" data-testid="order-page">
            <header class="page-header order-header">
              <div class="order-heading">
                <A href={customerHref(data().order)} class="back-link">
                  <span aria-hidden="true">← </span>
                  {i18n.t('orders.page.back', { name: customerName() })}
                </A>
                <h1 class="page-title">
                  {i18n.t('orders.page.title', { number: data().order.orderNumber })} <OrderStatusBadge status={data().order.status} />
                </h1>
              </div>
              <Show when={session.can('orders.write') && statuses.next(data().order).length > 0}>
                <StatusActions order={data().order} onChanged={() => void detail.refetch()} />
              </Show>
            </header>
            <section class="card" aria-labelledby="order-details-title">
              <h2 class="section-title visually-hidden" id="order-details-title">
                {i18n.t('orders.page.details')}
              </h2>
              <DetailList
                items={[
                  { label: i18n.t('orders.page.customer'), value: <A href={customerHref(data().order)}>{customerName()}</A> },
                  { label: i18n.t('orders.new.catalog'), value: i18n.t(`orders.catalogs.${data().order.catalog}`) },
                  { label: i18n.t('orders.columns.orderDate'), value: i18n.formatDateTime(data().order.orderDate) },
                  { label: i18n.t('orders.columns.fulfilledAt'), value: data().order.fulfilledAt ? i18n.formatDateTime(data().order.fulfilledAt!) : '–' },
                  { label: i18n.t('orders.page.createdBy'), value: data().order.createdBy },
                  { label: i18n.t('orders.page.netTotal'), value: i18n.formatMoney(data().order.totalCents, data().order.currency) },
                ]}
              />
            </section>
            <section class="card" aria-labelledby="order-lines-title">
              <h2 class="section-title" id="order-lines-title">
                {i18n.t('orders.page.lines')}
              </h2>
              <HoldingTable caption={i18n.t('orders.page.lines')} columns={columns()} rows={data().lines} testId="order-lines" />
              <div class="order-total">
                <span>{i18n.t('orders.page.netTotal')}</span>
                <strong>{i18n.formatMoney(data().order.totalCents, data().order.currency)}</strong>
              </div>
            </section>
            <section class="card" aria-labelledby="order-history-title">
              <h2 class="section-title" id="order-history-title">
                {i18n.t('orders.page.history')}
              </h2>
              <HistoryList entries={data().history} />
            </section>
          </div>
        )}
      </Match>
      <Match when={true}>
        <LoadingState />
      </Match>
    </Switch>
  );
}

/** `/orders/:id`: one order with its lines, history and the workflow's next steps ("Bestellseite"). */
export default function OrderPage() {
  return <ModuleRecordPage view={(id) => <OrderView id={id} />} />;
}

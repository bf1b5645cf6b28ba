import { createRoot, For, type JSX } from 'solid-js';
import { nextOrderStatuses, type OrderStatusSetting, type OrderStatusSettings, orderStatusName } from '../../../schema/orderStatuses';
import type { Order, Product } from '../../../schema/orders';
import { getOrderStatuses } from '../../api/orderStatuses';
import { changeOrderStatus as postOrderStatus } from '../../api/orders';
import { useI18n } from '../../i18n';
import { createFetched, type Fetched } from '../../lib/fetched';
import { type Live, useLive } from '../../live/LiveProvider';
import { useSession } from '../../session';
import { StatusBadge, type Tone } from '../customers/tabs/HoldingTable';

// One copy of the reseller's order settings per tab (badges in every row share it and one listener
// reloads it when a colleague changes them); made again for another sign-in so names are never stale.
let shared: { resellerId: string; live: Live; fetched: Fetched<OrderStatusSettings> } | undefined;

/** The reseller's order statuses with their names in the current language. */
export function useOrderStatuses() {
  const i18n = useI18n();
  const resellerId = useSession().info().reseller.id;
  const live = useLive();
  if (shared?.resellerId !== resellerId || shared.live !== live) {
    const fetched = createRoot(() => createFetched(getOrderStatuses));
    live.onEvent((event) => {
      if (event.kind === 'order_statuses.changed') void fetched.refetch();
    });
    live.onResync(() => void fetched.refetch());
    shared = { resellerId, live, fetched };
  }
  const fetched = shared.fetched;
  const statuses = () => fetched.data()?.statuses ?? [];
  const find = (code: string) => statuses().find((status) => status.code === code);
  const label = (code: string) => orderStatusName(statuses(), code, (key) => i18n.tryT(key));
  return { fetched, statuses, find, label, next: (order: Pick<Order, 'status'>) => nextOrderStatuses(statuses(), order.status) };
}

function toneOf(code: string, setting: OrderStatusSetting | undefined): Tone {
  if (setting?.kind === 'fulfilled') return 'positive';
  if (setting?.kind === 'cancelled') return 'neutral';
  return code === 'new' ? 'info' : 'warning';
}

export function OrderStatusBadge(props: { status: string }) {
  const statuses = useOrderStatuses();
  return <StatusBadge tone={toneOf(props.status, statuses.find(props.status))}>{statuses.label(props.status)}</StatusBadge>;
}

/** Moves an order to another status of the reseller's workflow; the server refuses stale versions and steps back. */
export const changeOrderStatus = (order: Order, status: string): Promise<Order> => postOrderStatus(order.id, { version: order.version, status });

export const orderHref = (order: { id: string }) => `/orders/${encodeURIComponent(order.id)}`;

/** What a product costs per billing period, e.g. "11,70 € / Monat". */
export function usePriceLabel() {
  const i18n = useI18n();
  return (product: Pick<Product, 'priceCents' | 'currency' | 'billing'>, cents = product.priceCents) =>
    i18n.t(`orders.perBilling.${product.billing}`, { amount: i18n.formatMoney(cents, product.currency) });
}

/** Label and value pairs of an order, as a definition list. */
export function DetailList(props: { items: { label: string; value: JSX.Element }[]; compact?: boolean }) {
  return (
    <dl class="details" classList={{ 'details-compact': props.compact }}>
      <For each={props.items}>
        {(item) => (
          <div>
            <dt>{item.label}</dt>
            <dd>{item.value}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}

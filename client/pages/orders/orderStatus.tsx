import { For, type JSX } from 'solid-js';
import type { Order, OrderStatus, Product } from '../../../schema/orders';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { StatusBadge, type Tone } from '../customers/tabs/HoldingTable';

const tones: Record<OrderStatus, Tone> = { new: 'info', in_progress: 'warning', fulfilled: 'positive', cancelled: 'neutral' };

export function OrderStatusBadge(props: { status: OrderStatus }) {
  const i18n = useI18n();
  return <StatusBadge tone={tones[props.status]}>{i18n.t(`orders.status.${props.status}`)}</StatusBadge>;
}

/** Moves an order on in the workflow (schema/orders.ts orderTransitions); the server refuses stale versions. */
export async function changeOrderStatus(order: Order, status: OrderStatus): Promise<Order> {
  const body = await api.post<{ order: Order }>(`/api/v1/orders/${encodeURIComponent(order.id)}/status`, { version: order.version, status });
  return body.order;
}

export const orderHref = (order: { id: string }) => `/orders/${encodeURIComponent(order.id)}`;

/** What a product costs per billing period, e.g. "11,70 € / Monat". */
export function usePriceLabel() {
  const i18n = useI18n();
  return (product: Pick<Product, 'priceCents' | 'currency' | 'billing'>, cents = product.priceCents) => i18n.t(`orders.perBilling.${product.billing}`, { amount: i18n.formatMoney(cents, product.currency) });
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

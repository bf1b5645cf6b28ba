import { createSignal, Show } from 'solid-js';
import { type Subscription, type SubscriptionState, subscriptionChangeInput } from '../../../../schema/orders';
import { listSubscriptions, updateSubscription } from '../../../api/subscriptions';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useToast } from '../../../components/Toast';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { actionsColumn, HoldingsTab, RowMenu, StatusBadge, type TableColumn, type Tone } from './HoldingTable';
import { createHoldings, createRowAction, sendChange, type TabProps } from './holdings';
import { NumberDialog } from './NumberDialog';

const tones: Record<SubscriptionState, Tone> = { active: 'positive', suspended: 'warning', cancelled: 'neutral' };

/** "Abonnements verwalten": quantity, term, renewal and state; change quantity, suspend, reactivate, cancel. */
export function SubscriptionsTab(props: TabProps) {
  const i18n = useI18n();
  const session = useSession();
  const toast = useToast();
  const subscriptions = createHoldings(() => listSubscriptions(props.customerId), props.customerId, ['subscription.changed', 'order.changed']);
  const action = createRowAction(subscriptions);
  const [resizing, setResizing] = createSignal<Subscription>();
  const [cancelling, setCancelling] = createSignal<Subscription>();
  const canChange = () => session.can('orders.write');

  const setState = (subscription: Subscription, state: SubscriptionState) =>
    action.run(
      subscription.id,
      () => updateSubscription(subscription.id, { version: subscription.version, state }),
      i18n.t(`holdings.subscriptions.done.${state}`, { name: subscription.name }),
    );

  const columns = (): TableColumn<Subscription>[] => [
    { id: 'name', label: i18n.t('holdings.subscriptions.columns.product'), rowHeader: true, cell: (s) => s.name },
    { id: 'quantity', label: i18n.t('holdings.subscriptions.columns.quantity'), numeric: true, cell: (s) => i18n.formatNumber(s.quantity) },
    { id: 'term', label: i18n.t('holdings.subscriptions.columns.term'), cell: (s) => i18n.t(`holdings.subscriptions.terms.${s.term}`) },
    {
      id: 'amount',
      label: i18n.t('holdings.subscriptions.columns.amount'),
      numeric: true,
      cell: (s) => i18n.t(`orders.perBilling.${s.billing}`, { amount: i18n.formatMoney(s.quantity * s.unitPriceCents, session.info().reseller.currency) }),
    },
    { id: 'renewalDate', label: i18n.t('holdings.subscriptions.columns.renewalDate'), cell: (s) => (s.state === 'cancelled' ? '–' : i18n.formatDate(s.renewalDate)) },
    {
      id: 'state',
      label: i18n.t('holdings.subscriptions.columns.state'),
      cell: (s) => <StatusBadge tone={tones[s.state]}>{i18n.t(`holdings.subscriptions.states.${s.state}`)}</StatusBadge>,
    },
    ...actionsColumn(canChange(), i18n.t('holdings.actions'), (s: Subscription) => (
      <Show when={s.state !== 'cancelled'}>
        <RowMenu
          row={s.name}
          disabled={action.busy(s.id)}
          actions={[
            { text: i18n.t('holdings.subscriptions.changeQuantity'), onSelect: () => setResizing(s) },
            s.state === 'active'
              ? { text: i18n.t('holdings.subscriptions.suspend'), onSelect: () => void setState(s, 'suspended') }
              : { text: i18n.t('holdings.subscriptions.reactivate'), onSelect: () => void setState(s, 'active') },
            { text: i18n.t('holdings.subscriptions.cancel'), onSelect: () => setCancelling(s), danger: true },
          ]}
        />
      </Show>
    )),
  ];

  return (
    <HoldingsTab name="subscriptions" title={i18n.t('holdings.subscriptions.title')} list={subscriptions} columns={columns()} muted={(s) => s.state === 'cancelled'}>
      <Show when={resizing()}>
        {(subscription) => (
          <NumberDialog
            open
            onOpenChange={(open) => !open && setResizing(undefined)}
            title={i18n.t('holdings.subscriptions.quantityTitle')}
            description={subscription().name}
            label={i18n.t('holdings.subscriptions.columns.quantity')}
            hint={i18n.t('holdings.subscriptions.quantityHint')}
            field="quantity"
            initial={subscription().quantity}
            min={1}
            schema={subscriptionChangeInput}
            input={(quantity) => ({ version: subscription().version, quantity })}
            send={async (body) => {
              await sendChange(subscriptions, () => updateSubscription(subscription().id, body));
              toast.show('success', i18n.t('holdings.subscriptions.done.quantity', { name: subscription().name, count: i18n.formatNumber(body.quantity ?? 0) }));
            }}
            testId="quantity-form"
          />
        )}
      </Show>
      <Show when={cancelling()}>
        {(subscription) => (
          <ConfirmDialog
            open
            onOpenChange={(open) => !open && setCancelling(undefined)}
            title={i18n.t('holdings.subscriptions.cancelTitle')}
            text={i18n.t('holdings.subscriptions.cancelConfirm', { name: subscription().name, count: i18n.formatNumber(subscription().quantity) })}
            confirmLabel={i18n.t('holdings.subscriptions.cancel')}
            danger
            onConfirm={async () => {
              await sendChange(subscriptions, () => updateSubscription(subscription().id, { version: subscription().version, state: 'cancelled' }));
              toast.show('success', i18n.t('holdings.subscriptions.done.cancelled', { name: subscription().name }));
            }}
          />
        )}
      </Show>
    </HoldingsTab>
  );
}

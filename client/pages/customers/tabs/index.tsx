import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { useNavigate } from '@solidjs/router';
import { type Component, For, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { AssetsTab } from './AssetsTab';
import { DomainsTab } from './DomainsTab';
import type { TabName } from './HoldingTable';
import type { TabProps } from './holdings';
import { OrdersTab } from './OrdersTab';
import { ServicesTab } from './ServicesTab';
import { SubscriptionsTab } from './SubscriptionsTab';
import { UsersTab } from './UsersTab';

const panels: Record<TabName, Component<TabProps>> = {
  orders: OrdersTab,
  subscriptions: SubscriptionsTab,
  assets: AssetsTab,
  services: ServicesTab,
  domains: DomainsTab,
  users: UsersTab,
};

/** The customer view's tab for what the customer holds; each loads when shown and follows live changes. */
export function HoldingsTabPanel(props: TabProps & { tab: TabName }) {
  return <Dynamic component={panels[props.tab]} customerId={props.customerId} onNewOrder={props.onNewOrder} />;
}

/** Quick actions in the customer view's Actions menu: new order, and straight to subscriptions, assets, services. */
export function HoldingsMenuItems(props: { customerId: string; onNewOrder: () => void }) {
  const i18n = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const shortcuts = ['subscriptions', 'assets', 'services'] as const;
  return (
    <>
      <Show when={session.can('orders.write')}>
        <DropdownMenu.Item class="menu-item" onSelect={props.onNewOrder} data-testid="menu-new-order">
          <DropdownMenu.ItemLabel>{i18n.t('orders.new.button')}</DropdownMenu.ItemLabel>
        </DropdownMenu.Item>
      </Show>
      <For each={shortcuts}>
        {(tab) => (
          <DropdownMenu.Item class="menu-item" onSelect={() => navigate(`/customers/${encodeURIComponent(props.customerId)}?tab=${tab}`)}>
            <DropdownMenu.ItemLabel>{i18n.t(session.can('orders.write') ? `holdings.${tab}.manage` : `holdings.${tab}.show`)}</DropdownMenu.ItemLabel>
          </DropdownMenu.Item>
        )}
      </For>
      <DropdownMenu.Separator class="menu-separator" />
    </>
  );
}

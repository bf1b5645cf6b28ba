import type { Service } from '../../../../schema/orders';
import { listServices } from '../../../api/subscriptions';
import { useI18n } from '../../../i18n';
import { HoldingsTab, StatusBadge, type TableColumn } from './HoldingTable';
import { createHoldings, type TabProps } from './holdings';

/** "Dienste verwalten": the cloud services the customer's active or suspended subscriptions provide. */
export function ServicesTab(props: TabProps) {
  const i18n = useI18n();
  const services = createHoldings(() => listServices(props.customerId), props.customerId, ['subscription.changed', 'order.changed']);
  const columns = (): TableColumn<Service>[] => [
    { id: 'name', label: i18n.t('holdings.services.columns.name'), rowHeader: true, cell: (s) => s.name },
    { id: 'product', label: i18n.t('holdings.services.columns.product'), cell: (s) => s.product },
    {
      id: 'state',
      label: i18n.t('holdings.services.columns.state'),
      cell: (s) => <StatusBadge tone={s.state === 'running' ? 'positive' : 'warning'}>{i18n.t(`holdings.services.states.${s.state}`)}</StatusBadge>,
    },
  ];
  return <HoldingsTab name="services" title={i18n.t('holdings.services.title')} list={services} columns={columns()} />;
}

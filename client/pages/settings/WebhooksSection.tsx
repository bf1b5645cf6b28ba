import { createSignal, Show } from 'solid-js';
import type { WebhookEndpoint } from '../../../schema/integrations';
import { readAll } from '../../api';
import { deactivateWebhook, listWebhooks } from '../../api/webhooks';
import { useI18n } from '../../i18n';
import { createFetched } from '../../lib/fetched';
import { RowButton, StatusBadge, type TableColumn } from '../customers/tabs/HoldingTable';
import { AddWebhookDialog } from './AddWebhookDialog';
import { CodeChips, IntegrationListCard } from './IntegrationControls';
import { eventLabel } from './integrationLabels';
import { WebhookDeliveriesDialog } from './WebhookDeliveriesDialog';

/** Issue 8, item 4: owner and admin register HTTPS endpoints, see their deliveries and switch them off. */
export function WebhooksSection() {
  const i18n = useI18n();
  const endpoints = createFetched(() => readAll(listWebhooks()));
  const [adding, setAdding] = createSignal(false);
  const [deactivating, setDeactivating] = createSignal<WebhookEndpoint>();
  const [viewing, setViewing] = createSignal<WebhookEndpoint>();

  const columns = (): TableColumn<WebhookEndpoint>[] => [
    {
      id: 'url',
      label: i18n.t('integrations.webhooks.columns.url'),
      rowHeader: true,
      cell: (endpoint) => (
        <>
          <span class="cell-url">{endpoint.url}</span>
          <span class="cell-sub">{i18n.t('integrations.webhooks.createdAt', { date: i18n.formatDateTime(endpoint.createdAt) })}</span>
        </>
      ),
    },
    { id: 'events', label: i18n.t('integrations.webhooks.columns.events'), cell: (endpoint) => <CodeChips codes={endpoint.eventTypes} label={(kind) => eventLabel(i18n, kind)} /> },
    { id: 'description', label: i18n.t('integrations.webhooks.columns.description'), cell: (endpoint) => endpoint.description || i18n.t('common.notAvailable') },
    {
      id: 'status',
      label: i18n.t('integrations.webhooks.columns.status'),
      cell: (endpoint) => (
        <StatusBadge tone={endpoint.active ? 'positive' : 'neutral'}>
          {i18n.t(endpoint.active ? 'integrations.webhooks.status.active' : 'integrations.webhooks.status.inactive')}
        </StatusBadge>
      ),
    },
    {
      id: 'actions',
      label: i18n.t('integrations.columns.actions'),
      cell: (endpoint) => (
        <div class="row-actions">
          <RowButton text={i18n.t('integrations.webhooks.showDeliveries')} row={endpoint.url} onClick={() => setViewing(endpoint)} />
          <Show when={endpoint.active}>
            <RowButton text={i18n.t('integrations.webhooks.deactivate')} row={endpoint.url} danger onClick={() => setDeactivating(endpoint)} />
          </Show>
        </div>
      ),
    },
  ];

  return (
    <IntegrationListCard
      name="webhooks"
      title={i18n.t('integrations.webhooks.title')}
      description={i18n.t('integrations.webhooks.description')}
      list={endpoints}
      columns={columns()}
      inactive={(endpoint) => !endpoint.active}
      empty={{ title: i18n.t('integrations.webhooks.empty.title'), text: i18n.t('integrations.webhooks.empty.text') }}
      addLabel={i18n.t('integrations.webhooks.add')}
      onAdd={() => setAdding(true)}
      end={{
        label: i18n.t('integrations.webhooks.deactivate'),
        title: i18n.t('integrations.webhooks.deactivateTitle'),
        text: (endpoint) => i18n.t('integrations.webhooks.deactivateConfirm', { url: endpoint.url }),
        run: (endpoint) => deactivateWebhook(endpoint.id),
        done: (endpoint) => i18n.t('integrations.webhooks.deactivated', { url: endpoint.url }),
      }}
      ending={deactivating()}
      onEndClosed={() => setDeactivating(undefined)}
    >
      <AddWebhookDialog open={adding()} onOpenChange={setAdding} onCreated={() => void endpoints.refetch()} />
      <Show when={viewing()}>{(endpoint) => <WebhookDeliveriesDialog endpoint={endpoint()} onClose={() => setViewing(undefined)} />}</Show>
    </IntegrationListCard>
  );
}

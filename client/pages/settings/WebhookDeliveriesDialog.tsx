import type { WebhookDelivery, WebhookEndpoint } from '../../../schema/integrations';
import { listWebhookDeliveries } from '../../api/webhooks';
import { Dialog } from '../../components/Dialog';
import { type I18n, useI18n } from '../../i18n';
import { createPagedRows } from '../../lib/cursorList';
import { HoldingsTab, StatusBadge, type TableColumn, type Tone } from '../customers/tabs/HoldingTable';
import { eventLabel } from './integrationLabels';

// A pending delivery that already failed once is waiting for its retry: say so, not just "pending".
type DeliveryState = 'delivered' | 'pending' | 'retrying' | 'failed';
const stateOf = (delivery: WebhookDelivery): DeliveryState => (delivery.status === 'pending' && delivery.attempts > 0 ? 'retrying' : delivery.status);
const tones: Record<DeliveryState, Tone> = { delivered: 'positive', pending: 'info', retrying: 'warning', failed: 'negative' };

/** The receiver's last answer: its HTTP status, or why there was none (timeout, no connection). */
function lastAnswer(i18n: I18n, delivery: WebhookDelivery): string {
  if (delivery.lastStatusCode !== null) return i18n.t('integrations.deliveries.httpStatus', { code: String(delivery.lastStatusCode) });
  if (delivery.lastError) return i18n.tryT(`integrations.deliveries.errors.${delivery.lastError}`) ?? i18n.t('integrations.deliveries.errors.other', { code: delivery.lastError });
  return i18n.t('integrations.deliveries.notTried');
}

/** The deliveries to one endpoint, newest first and older ones on request, with their state; read again with "Aktualisieren". */
export function WebhookDeliveriesDialog(props: { endpoint: WebhookEndpoint; onClose: () => void }) {
  const i18n = useI18n();
  const deliveries = createPagedRows(listWebhookDeliveries(props.endpoint.id));

  const columns = (): TableColumn<WebhookDelivery>[] => [
    {
      id: 'time',
      label: i18n.t('integrations.deliveries.columns.time'),
      rowHeader: true,
      cell: (delivery) => <span class="cell-nowrap">{i18n.formatDateTime(delivery.createdAt)}</span>,
    },
    { id: 'event', label: i18n.t('integrations.deliveries.columns.event'), cell: (delivery) => eventLabel(i18n, delivery.eventKind) },
    {
      id: 'status',
      label: i18n.t('integrations.deliveries.columns.status'),
      cell: (delivery) => <StatusBadge tone={tones[stateOf(delivery)]}>{i18n.t(`integrations.deliveries.status.${stateOf(delivery)}`)}</StatusBadge>,
    },
    { id: 'attempts', label: i18n.t('integrations.deliveries.columns.attempts'), numeric: true, cell: (delivery) => i18n.formatNumber(delivery.attempts) },
    { id: 'answer', label: i18n.t('integrations.deliveries.columns.answer'), cell: (delivery) => lastAnswer(i18n, delivery) },
    {
      id: 'next',
      label: i18n.t('integrations.deliveries.columns.nextAttempt'),
      cell: (delivery) => (
        <span class="cell-nowrap">{delivery.status === 'pending' && delivery.nextAttemptAt ? i18n.formatDateTime(delivery.nextAttemptAt) : i18n.t('common.notAvailable')}</span>
      ),
    },
  ];

  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()} title={i18n.t('integrations.deliveries.title')} description={props.endpoint.url} wide>
      <div class="deliveries" data-testid="webhook-deliveries">
        <p class="muted">{i18n.t('integrations.deliveries.description')}</p>
        <HoldingsTab
          name="webhook-deliveries"
          title={i18n.t('integrations.deliveries.listTitle')}
          list={deliveries}
          columns={columns()}
          empty={{ title: i18n.t('integrations.deliveries.empty.title'), text: i18n.t('integrations.deliveries.empty.text') }}
          controls={
            <button type="button" class="btn btn-secondary btn-small" disabled={deliveries.loading()} onClick={() => void deliveries.refetch()}>
              {i18n.t('integrations.deliveries.refresh')}
            </button>
          }
        />
      </div>
    </Dialog>
  );
}

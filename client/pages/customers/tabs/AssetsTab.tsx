import { createSignal, Show } from 'solid-js';
import { type Asset, assetSeatsInput } from '../../../../schema/orders';
import { listAssets, updateAssetSeats } from '../../../api/subscriptions';
import { useToast } from '../../../components/Toast';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { actionsColumn, HoldingsTab, RowButton, StatusBadge, type TableColumn } from './HoldingTable';
import { createHoldings, sendChange, type TabProps } from './holdings';
import { NumberDialog } from './NumberDialog';

/** Seats in use out of the licence's seats, as a number and a thin bar. */
function SeatMeter(props: { asset: Asset }) {
  const i18n = useI18n();
  const share = () => (props.asset.seatsTotal > 0 ? Math.min(100, (props.asset.seatsUsed / props.asset.seatsTotal) * 100) : 0);
  return (
    <span class="seat-meter">
      <span>{i18n.t('holdings.assets.seatsOf', { used: i18n.formatNumber(props.asset.seatsUsed), total: i18n.formatNumber(props.asset.seatsTotal) })}</span>
      <span class="seat-meter-bar" aria-hidden="true">
        <span class="seat-meter-fill" style={{ width: `${share()}%` }} />
      </span>
    </span>
  );
}

/** "Assets verwalten": the customer's licences with seats used and available; seats used can be recorded. */
export function AssetsTab(props: TabProps) {
  const i18n = useI18n();
  const session = useSession();
  const toast = useToast();
  const assets = createHoldings(() => listAssets(props.customerId), props.customerId, ['asset.changed', 'subscription.changed', 'order.changed']);
  const [editing, setEditing] = createSignal<Asset>();

  const columns = (): TableColumn<Asset>[] => [
    { id: 'name', label: i18n.t('holdings.assets.columns.name'), rowHeader: true, cell: (a) => a.name },
    { id: 'licenceKey', label: i18n.t('holdings.assets.columns.licenceKey'), cell: (a) => <span class="licence-key">{a.licenceKey || '–'}</span> },
    { id: 'seatsUsed', label: i18n.t('holdings.assets.columns.seatsUsed'), cell: (a) => <SeatMeter asset={a} /> },
    { id: 'available', label: i18n.t('holdings.assets.columns.available'), numeric: true, cell: (a) => i18n.formatNumber(Math.max(0, a.seatsTotal - a.seatsUsed)) },
    {
      id: 'state',
      label: i18n.t('holdings.assets.columns.state'),
      cell: (a) => <StatusBadge tone={a.state === 'active' ? 'positive' : 'neutral'}>{i18n.t(`holdings.assets.states.${a.state}`)}</StatusBadge>,
    },
    ...actionsColumn(session.can('orders.write'), i18n.t('holdings.actions'), (a: Asset) => (
      <Show when={a.state === 'active'}>
        <div class="row-actions">
          <RowButton text={i18n.t('holdings.assets.editSeats')} row={a.name} onClick={() => setEditing(a)} />
        </div>
      </Show>
    )),
  ];

  return (
    <HoldingsTab name="assets" title={i18n.t('holdings.assets.title')} list={assets} columns={columns()} muted={(a) => a.state !== 'active'}>
      <Show when={editing()}>
        {(asset) => (
          <NumberDialog
            open
            onOpenChange={(open) => !open && setEditing(undefined)}
            title={i18n.t('holdings.assets.seatsTitle')}
            description={asset().name}
            label={i18n.t('holdings.assets.columns.seatsUsed')}
            hint={i18n.t('holdings.assets.seatsHint', { total: i18n.formatNumber(asset().seatsTotal) })}
            field="seatsUsed"
            initial={asset().seatsUsed}
            min={0}
            max={asset().seatsTotal}
            schema={assetSeatsInput}
            input={(seatsUsed) => ({ version: asset().version, seatsUsed })}
            send={async (body) => {
              await sendChange(assets, () => updateAssetSeats(asset().id, body));
              toast.show('success', i18n.t('holdings.assets.saved', { name: asset().name }));
            }}
            testId="seats-form"
          />
        )}
      </Show>
    </HoldingsTab>
  );
}

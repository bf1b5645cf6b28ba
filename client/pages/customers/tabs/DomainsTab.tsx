import { createSignal, Show } from 'solid-js';
import type { Domain } from '../../../../schema/orders';
import { deleteDomain, listDomains } from '../../../api/domains';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useToast } from '../../../components/Toast';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { DomainDialog } from './DomainDialog';
import { AddButton, actionsColumn, HoldingsTab, RowButton, StatusBadge, type TableColumn } from './HoldingTable';
import { createHoldings, sendChange, type TabProps } from './holdings';

/** The four facts the registrar knows about a domain ("Domainzustand"). */
function DomainState(props: { domain: Domain }) {
  const i18n = useI18n();
  return (
    <span class="domain-state">
      <StatusBadge tone={props.domain.verification === 'verified' ? 'positive' : 'warning'}>{i18n.t(`holdings.domains.verification.${props.domain.verification}`)}</StatusBadge>
      <StatusBadge tone="neutral">{i18n.t(`holdings.domains.zoneShort.${props.domain.zone}`)}</StatusBadge>
      <StatusBadge tone={props.domain.transferLock ? 'neutral' : 'warning'}>
        {i18n.t(props.domain.transferLock ? 'holdings.domains.transferLock.on' : 'holdings.domains.transferLock.off')}
      </StatusBadge>
      <StatusBadge tone="neutral">{i18n.t(`holdings.domains.renewalShort.${props.domain.renewalMode}`)}</StatusBadge>
    </span>
  );
}

/** "Domains": contract, domain, state at the registrar, status and registrar; add, edit, remove. */
export function DomainsTab(props: TabProps) {
  const i18n = useI18n();
  const session = useSession();
  const toast = useToast();
  const domains = createHoldings(() => listDomains(props.customerId), props.customerId, ['domain.changed']);
  const [editing, setEditing] = createSignal<{ domain?: Domain }>();
  const [removing, setRemoving] = createSignal<Domain>();
  const canEdit = () => session.can('customers.write');

  const columns = (): TableColumn<Domain>[] => [
    { id: 'contract', label: i18n.t('holdings.domains.columns.contract'), cell: (d) => <span class="cell-mono">{d.contract || '–'}</span> },
    { id: 'name', label: i18n.t('holdings.domains.columns.name'), rowHeader: true, cell: (d) => <span class="cell-nowrap">{d.name}</span> },
    { id: 'domainState', label: i18n.t('holdings.domains.columns.domainState'), cell: (d) => <DomainState domain={d} /> },
    {
      id: 'status',
      label: i18n.t('holdings.domains.columns.status'),
      cell: (d) => <StatusBadge tone={d.active ? 'positive' : 'neutral'}>{i18n.t(d.active ? 'holdings.domains.status.active' : 'holdings.domains.status.inactive')}</StatusBadge>,
    },
    { id: 'registrar', label: i18n.t('holdings.domains.columns.registrar'), cell: (d) => d.registrar || '–' },
    ...actionsColumn(canEdit(), i18n.t('holdings.actions'), (d: Domain) => (
      <div class="row-actions">
        <RowButton text={i18n.t('common.edit')} row={d.name} onClick={() => setEditing({ domain: d })} />
        <RowButton text={i18n.t('holdings.domains.remove')} row={d.name} danger onClick={() => setRemoving(d)} />
      </div>
    )),
  ];

  return (
    <HoldingsTab
      name="domains"
      title={i18n.t('customers.view.tabs.domains')}
      list={domains}
      columns={columns()}
      muted={(d) => !d.active}
      controls={<AddButton text={i18n.t('holdings.domains.add')} allowed={canEdit()} onClick={() => setEditing({})} testId="add-domain" />}
    >
      <DomainDialog
        open={Boolean(editing())}
        onOpenChange={(open) => !open && setEditing(undefined)}
        customerId={props.customerId}
        domain={editing()?.domain}
        onSaved={(domain, created) => {
          toast.show('success', i18n.t(created ? 'holdings.domains.added' : 'holdings.domains.updated', { name: domain.name }));
          void domains.refetch();
        }}
      />
      <Show when={removing()}>
        {(domain) => (
          <ConfirmDialog
            open
            onOpenChange={(open) => !open && setRemoving(undefined)}
            title={i18n.t('holdings.domains.removeTitle')}
            text={i18n.t('holdings.domains.removeConfirm', { name: domain().name })}
            confirmLabel={i18n.t('holdings.domains.remove')}
            danger
            onConfirm={async () => {
              await sendChange(domains, () => deleteDomain(domain().id));
              toast.show('success', i18n.t('holdings.domains.removed', { name: domain().name }));
            }}
          />
        )}
      </Show>
    </HoldingsTab>
  );
}

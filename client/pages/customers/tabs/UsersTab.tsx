import { createSignal } from 'solid-js';
import type { PortalUser } from '../../../../schema/orders';
import { listPortalUsers, updatePortalUser } from '../../../api/portalUsers';
import { useToast } from '../../../components/Toast';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { AddButton, actionsColumn, HoldingsTab, RowButton, StatusBadge, type TableColumn } from './HoldingTable';
import { createHoldings, createRowAction, type TabProps } from './holdings';
import { PortalUserDialog } from './PortalUserDialog';

/** "Benutzer": the customer's portal users; add with the Plus button, deactivate, reactivate. */
export function UsersTab(props: TabProps) {
  const i18n = useI18n();
  const session = useSession();
  const toast = useToast();
  const users = createHoldings(() => listPortalUsers(props.customerId), props.customerId, ['portal_user.changed']);
  const action = createRowAction(users);
  const [editing, setEditing] = createSignal<{ user?: PortalUser }>();
  const canEdit = () => session.can('customers.write');

  const setActive = (user: PortalUser, active: boolean) =>
    action.run(
      user.id,
      () => updatePortalUser(user.id, { version: user.version, active }),
      i18n.t(active ? 'holdings.users.reactivated' : 'holdings.users.deactivated', { name: user.username }),
    );

  const columns = (): TableColumn<PortalUser>[] => [
    { id: 'username', label: i18n.t('holdings.users.columns.username'), rowHeader: true, cell: (u) => <span class="cell-mono">{u.username}</span> },
    { id: 'firstName', label: i18n.t('holdings.users.columns.firstName'), cell: (u) => u.firstName || '–' },
    { id: 'lastName', label: i18n.t('holdings.users.columns.lastName'), cell: (u) => u.lastName },
    { id: 'email', label: i18n.t('holdings.users.columns.email'), cell: (u) => <a href={`mailto:${u.email}`}>{u.email}</a> },
    {
      id: 'status',
      label: i18n.t('holdings.users.columns.status'),
      cell: (u) => <StatusBadge tone={u.active ? 'positive' : 'neutral'}>{i18n.t(u.active ? 'holdings.users.status.active' : 'holdings.users.status.deactivated')}</StatusBadge>,
    },
    ...actionsColumn(canEdit(), i18n.t('holdings.actions'), (u: PortalUser) => (
      <div class="row-actions">
        <RowButton text={i18n.t('common.edit')} row={u.username} disabled={action.busy(u.id)} onClick={() => setEditing({ user: u })} />
        <RowButton
          text={i18n.t(u.active ? 'holdings.users.deactivate' : 'holdings.users.reactivate')}
          row={u.username}
          disabled={action.busy(u.id)}
          danger={u.active}
          onClick={() => void setActive(u, !u.active)}
        />
      </div>
    )),
  ];

  return (
    <HoldingsTab
      name="users"
      title={i18n.t('customers.view.tabs.users')}
      list={users}
      columns={columns()}
      muted={(u) => !u.active}
      controls={<AddButton text={`+ ${i18n.t('holdings.users.add')}`} allowed={canEdit()} onClick={() => setEditing({})} testId="add-portal-user" />}
    >
      <PortalUserDialog
        open={Boolean(editing())}
        onOpenChange={(open) => !open && setEditing(undefined)}
        customerId={props.customerId}
        user={editing()?.user}
        onSaved={(user, created) => {
          toast.show('success', i18n.t(created ? 'holdings.users.added' : 'holdings.users.updated', { name: user.username }));
          void users.refetch();
        }}
      />
    </HoldingsTab>
  );
}

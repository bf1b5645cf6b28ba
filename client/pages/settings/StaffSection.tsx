import { createSignal, For, Index, Match, Show, Switch } from 'solid-js';
import { type Role, roles } from '../../../schema/permissions';
import type { StaffMember } from '../../../schema/staff';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { useToast } from '../../components/Toast';
import { errorText, useI18n } from '../../i18n';
import { useSession } from '../../session';
import { AddStaffDialog } from './AddStaffDialog';
import { createStaffList, type StaffChange } from './staffList';

export function StaffSection() {
  const i18n = useI18n();
  const session = useSession();
  const toast = useToast();
  const { staff, refetch, ...actions } = createStaffList();
  const [adding, setAdding] = createSignal(false);
  const [busyId, setBusyId] = createSignal<string>();
  const [actionError, setActionError] = createSignal<string>();

  const actorIsOwner = () => session.info().user.role === 'owner';
  const isSelf = (member: StaffMember) => member.id === session.info().user.id;
  // Only owners may touch owners (the API answers owner_only otherwise), so admins see those rows read-only.
  const locked = (member: StaffMember) => member.role === 'owner' && !actorIsOwner();
  const grantableRoles = (member: StaffMember) => roles.filter((role) => actorIsOwner() || role !== 'owner' || member.role === 'owner');

  async function update(member: StaffMember, change: StaffChange) {
    setActionError(undefined);
    setBusyId(member.id);
    try {
      const updated = await actions.update(member, change);
      toast.show('success', successText(updated, change));
      if (isSelf(updated)) void session.refresh();
    } catch (error) {
      setActionError(errorText(i18n, error));
    } finally {
      setBusyId(undefined);
    }
  }

  function successText(member: StaffMember, change: StaffChange): string {
    const name = member.displayName;
    if ('role' in change) return i18n.t('settings.staff.roleChanged', { name, role: i18n.t(`roles.${member.role}`) });
    return i18n.t(member.active ? 'settings.staff.reactivated' : 'settings.staff.deactivated', { name });
  }

  const created = (member: StaffMember) => {
    toast.show('success', i18n.t('settings.staff.created', { name: member.displayName }));
  };

  return (
    <section class="card" aria-labelledby="staff-title">
      <div class="section-header">
        <div>
          <h2 class="section-title" id="staff-title">
            {i18n.t('settings.staff.title')}
          </h2>
          <p class="muted">{i18n.t('settings.staff.description')}</p>
        </div>
        <button type="button" class="btn btn-primary" onClick={() => setAdding(true)}>
          {i18n.t('settings.staff.add')}
        </button>
      </div>
      <div aria-live="polite">
        <Show when={actionError()}>
          <div class="alert alert-error">
            <p>{actionError()}</p>
            <button type="button" class="btn-icon" aria-label={i18n.t('common.dismiss')} onClick={() => setActionError(undefined)}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
        </Show>
      </div>
      {/* State checks first: reading the value while it loads would suspend the whole page. */}
      <Switch>
        <Match when={staff.error}>{(error) => <ErrorState error={error()} onRetry={refetch} />}</Match>
        <Match when={staff.state === 'unresolved' || staff.state === 'pending'}>
          <LoadingState />
        </Match>
        <Match when={staff.latest}>
          {(list) => (
            <div class="table-scroll">
              <table class="table">
                <caption class="visually-hidden">{i18n.t('settings.staff.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{i18n.t('settings.staff.columns.name')}</th>
                    <th scope="col">{i18n.t('settings.staff.columns.email')}</th>
                    <th scope="col">{i18n.t('settings.staff.columns.role')}</th>
                    <th scope="col">{i18n.t('settings.staff.columns.status')}</th>
                    <th scope="col">{i18n.t('settings.staff.columns.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  <Index
                    each={list()}
                    fallback={
                      <tr>
                        <td colSpan={5}>{i18n.t('settings.staff.empty')}</td>
                      </tr>
                    }
                  >
                    {(member) => (
                      <tr>
                        <th scope="row" class="cell-strong">
                          {member().displayName}{' '}
                          <Show when={isSelf(member())}>
                            <span class="muted">{i18n.t('settings.staff.you')}</span>
                          </Show>
                        </th>
                        <td>{member().email}</td>
                        <td>
                          <select
                            class="input input-compact"
                            aria-label={i18n.t('settings.staff.roleFor', { name: member().displayName })}
                            value={member().role}
                            disabled={locked(member()) || busyId() === member().id}
                            onChange={(event) => void update(member(), { role: event.currentTarget.value as Role })}
                          >
                            <For each={grantableRoles(member())}>
                              {(role) => (
                                <option value={role} selected={role === member().role}>
                                  {i18n.t(`roles.${role}`)}
                                </option>
                              )}
                            </For>
                          </select>
                        </td>
                        <td>
                          <span class="badge" classList={{ 'badge-success': member().active, 'badge-neutral': !member().active }}>
                            {i18n.t(member().active ? 'settings.staff.status.active' : 'settings.staff.status.deactivated')}
                          </span>
                        </td>
                        <td>
                          <Show when={!isSelf(member())}>
                            <button
                              type="button"
                              class="btn btn-secondary btn-small"
                              classList={{ 'btn-danger-outline': member().active }}
                              disabled={locked(member()) || busyId() === member().id}
                              aria-label={i18n.t(member().active ? 'settings.staff.deactivateFor' : 'settings.staff.reactivateFor', {
                                name: member().displayName,
                              })}
                              onClick={() => void update(member(), { active: !member().active })}
                            >
                              {i18n.t(member().active ? 'settings.staff.deactivate' : 'settings.staff.reactivate')}
                            </button>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </Index>
                </tbody>
              </table>
            </div>
          )}
        </Match>
      </Switch>
      <AddStaffDialog open={adding()} onOpenChange={setAdding} canGrantOwner={actorIsOwner()} create={actions.create} onCreated={created} />
    </section>
  );
}

import { createUniqueId, For, Show } from 'solid-js';
import { auditActions } from '../../../schema/auditActions';
import { readAll } from '../../api';
import { listStaff } from '../../api/staff';
import { CustomerFilterChip } from '../../components/CustomerFilterChip';
import { useI18n } from '../../i18n';
import { createFetched } from '../../lib/fetched';
import { useSession } from '../../session';
import type { ActivityQuery } from './activityQuery';

export function ActivityFilters(props: { query: ActivityQuery }) {
  const i18n = useI18n();
  const session = useSession();
  const ids = { actor: createUniqueId(), action: createUniqueId(), from: createUniqueId(), to: createUniqueId() };
  const staff = session.can('staff.manage') ? createFetched(() => readAll(listStaff())) : undefined;
  const actionLabel = (action: string) => i18n.tryT(`activity.actions.${action}`) ?? action;

  return (
    <div class="list-toolbar activity-filters" role="group" aria-label={i18n.t('activity.filters.label')}>
      <Show when={staff}>
        {(members) => (
          <div class="inline-field">
            <label for={ids.actor}>{i18n.t('activity.filters.user')}</label>
            <select id={ids.actor} class="input input-compact" onChange={(event) => props.query.set({ actor: event.currentTarget.value })}>
              <option value="" selected={!props.query.actor()}>
                {i18n.t('activity.filters.allUsers')}
              </option>
              <For each={members().data() ?? []}>
                {(member) => (
                  <option value={member.id} selected={props.query.actor() === member.id}>
                    {member.displayName}
                  </option>
                )}
              </For>
              {/* An id from a shared link that is not (yet) in the list stays selectable. */}
              <Show when={props.query.actor() && !(members().data() ?? []).some((member) => member.id === props.query.actor())}>
                <option value={props.query.actor()} selected>
                  {props.query.actor()}
                </option>
              </Show>
            </select>
          </div>
        )}
      </Show>
      <div class="inline-field">
        <label for={ids.action}>{i18n.t('activity.filters.action')}</label>
        <select id={ids.action} class="input input-compact" onChange={(event) => props.query.set({ action: event.currentTarget.value })}>
          <option value="" selected={!props.query.action()}>
            {i18n.t('activity.filters.allActions')}
          </option>
          <For each={auditActions}>
            {(action) => (
              <option value={action} selected={props.query.action() === action}>
                {actionLabel(action)}
              </option>
            )}
          </For>
        </select>
      </div>
      <div class="inline-field">
        <label for={ids.from}>{i18n.t('activity.filters.from')}</label>
        <input
          id={ids.from}
          class="input input-compact"
          type="date"
          value={props.query.from() ?? ''}
          max={props.query.to()}
          onChange={(event) => props.query.set({ from: event.currentTarget.value })}
        />
      </div>
      <div class="inline-field">
        <label for={ids.to}>{i18n.t('activity.filters.to')}</label>
        <input
          id={ids.to}
          class="input input-compact"
          type="date"
          value={props.query.to() ?? ''}
          min={props.query.from()}
          onChange={(event) => props.query.set({ to: event.currentTarget.value })}
        />
      </div>
      <Show when={props.query.customer()}>
        {(id) => (
          <CustomerFilterChip
            id={id()}
            text={(name) => i18n.t('activity.filters.customerChip', { name })}
            removeLabel={i18n.t('activity.filters.removeCustomer')}
            onRemove={() => props.query.set({ customer: undefined })}
            testId="customer-chip"
          />
        )}
      </Show>
      <Show when={props.query.hasFilters()}>
        <button type="button" class="btn btn-ghost btn-small" onClick={props.query.clear}>
          {i18n.t('customers.filters.clear')}
        </button>
      </Show>
    </div>
  );
}

import { A } from '@solidjs/router';
import { createUniqueId, For, Show } from 'solid-js';
import type { Customer } from '../../../schema/customers';
import { customerDisplayName } from '../../../schema/customers';
import type { StaffMember } from '../../../schema/staff';
import { api, fetchAll } from '../../api';
import { useI18n } from '../../i18n';
import { createFetched } from '../../lib/fetched';
import { useSession } from '../../session';
import { auditActions } from '../../../schema/auditActions';
import type { ActivityQuery } from './activityQuery';

/** "Kunde: Bäckerei Müller GmbH ×" — the customer filter set from the customer view. */
function CustomerChip(props: { id: string; onRemove: () => void }) {
  const i18n = useI18n();
  const session = useSession();
  const customer = session.can('customers.read')
    ? createFetched(() => api.get<{ customer: Customer }>(`/api/v1/customers/${encodeURIComponent(props.id)}`).then((body) => body.customer))
    : undefined;
  // A deleted customer has no name any more; its id still filters its history.
  const name = () => {
    const loaded = customer?.data();
    return loaded ? `${customerDisplayName(loaded)} (${loaded.customerNumber})` : props.id;
  };
  return (
    <span class="chip" data-testid="customer-chip">
      <Show when={customer?.data()} fallback={<span>{i18n.t('activity.filters.customerChip', { name: name() })}</span>}>
        <A href={`/customers/${encodeURIComponent(props.id)}`}>{i18n.t('activity.filters.customerChip', { name: name() })}</A>
      </Show>
      <button type="button" class="chip-remove" aria-label={i18n.t('activity.filters.removeCustomer')} onClick={props.onRemove}>
        <span aria-hidden="true">×</span>
      </button>
    </span>
  );
}

export function ActivityFilters(props: { query: ActivityQuery }) {
  const i18n = useI18n();
  const session = useSession();
  const ids = { actor: createUniqueId(), action: createUniqueId(), from: createUniqueId(), to: createUniqueId() };
  const staff = session.can('staff.manage')
    ? createFetched(() => fetchAll<StaffMember>('/api/v1/staff'))
    : undefined;
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
      <Show when={props.query.customer()}>{(id) => <CustomerChip id={id()} onRemove={() => props.query.set({ customer: undefined })} />}</Show>
      <Show when={props.query.hasFilters()}>
        <button type="button" class="btn btn-ghost btn-small" onClick={props.query.clear}>
          {i18n.t('customers.filters.clear')}
        </button>
      </Show>
    </div>
  );
}

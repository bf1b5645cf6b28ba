import { A, useSearchParams } from '@solidjs/router';
import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import type { Customer } from '../../../schema/customers';
import { invitationStates, type Invitation, type InvitationState } from '../../../schema/invitations';
import { api, ApiError } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { CursorListSection } from '../../components/CursorListSection';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useToast } from '../../components/Toast';
import { errorText, useI18n } from '../../i18n';
import { createCursorList } from '../../lib/cursorList';
import { onLiveEvent } from '../../live/LiveProvider';
import { draftFactsOf, type DraftFacts } from './emailDraft';
import { EmailDraft } from './EmailDraft';
import { useDraftPeople } from './InviteDialog';
import { RightChips } from './rights';

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
const isOpen = (invitation: Invitation) => invitation.state === 'pending' || invitation.state === 'expired';

/** ?state=&customer= in the URL, like the other lists, so a link from the customer view filters. */
function createInvitationQuery() {
  const [params, setParams] = useSearchParams();
  const state = () => {
    const value = first(params.state);
    return invitationStates.includes(value as InvitationState) ? (value as InvitationState) : undefined;
  };
  const customer = () => first(params.customer);
  const apiPath = createMemo(() => {
    const query = new URLSearchParams();
    if (state()) query.set('state', state()!);
    if (customer()) query.set('customerId', customer()!);
    return `/api/v1/invitations?${query}`;
  });
  const set = (patch: { state?: string; customer?: string }) => setParams(Object.fromEntries(Object.entries(patch).map(([key, value]) => [key, value || undefined])));
  return { state, customer, apiPath, set, hasFilters: () => Boolean(state() || customer()) };
}

type InvitationQuery = ReturnType<typeof createInvitationQuery>;

function InvitationFilters(props: { query: InvitationQuery; customerName?: string | null }) {
  const i18n = useI18n();
  const stateId = createUniqueId();
  return (
    <div class="list-toolbar" role="group" aria-label={i18n.t('invitations.filters.label')}>
      <div class="inline-field">
        <label for={stateId}>{i18n.t('invitations.filters.state')}</label>
        <select id={stateId} class="input input-compact" data-testid="invitation-state-filter" onChange={(event) => props.query.set({ state: event.currentTarget.value })}>
          <option value="" selected={!props.query.state()}>
            {i18n.t('invitations.filters.all')}
          </option>
          <For each={invitationStates}>
            {(state) => (
              <option value={state} selected={props.query.state() === state}>
                {i18n.t(`invitations.states.${state}`)}
              </option>
            )}
          </For>
        </select>
      </div>
      <Show when={props.query.customer()}>
        {(id) => (
          <span class="chip" data-testid="invitation-customer-chip">
            <A href={`/customers/${encodeURIComponent(id())}`}>{i18n.t('invitations.filters.customerChip', { name: props.customerName || id() })}</A>
            <button type="button" class="chip-remove" aria-label={i18n.t('invitations.filters.removeCustomer')} onClick={() => props.query.set({ customer: undefined })}>
              <span aria-hidden="true">×</span>
            </button>
          </span>
        )}
      </Show>
    </div>
  );
}

function CustomerCell(props: { invitation: Invitation }) {
  const i18n = useI18n();
  return (
    <Show when={props.invitation.customerId && props.invitation.customerName} fallback={<span class="muted">{i18n.t('invitations.newCustomer')}</span>}>
      <A href={`/customers/${encodeURIComponent(props.invitation.customerId!)}`} class="cell-link">
        {props.invitation.customerName}
      </A>
    </Show>
  );
}

export function InvitationStateBadge(props: { invitation: Invitation }) {
  const i18n = useI18n();
  return (
    <span class="invitation-state-cell">
      <span class={`badge invitation-state invitation-state-${props.invitation.state}`}>{i18n.t(`invitations.states.${props.invitation.state}`)}</span>
      <Show when={props.invitation.respondedAt}>{(at) => <span class="muted">{i18n.t('invitations.respondedAt', { date: i18n.formatDateTime(at()) })}</span>}</Show>
    </span>
  );
}

function InvitationList() {
  const i18n = useI18n();
  const toast = useToast();
  const people = useDraftPeople();
  const query = createInvitationQuery();
  const list = createCursorList<Invitation>(query.apiPath);
  const [busyId, setBusyId] = createSignal<string>();
  const [resent, setResent] = createSignal<{ facts: DraftFacts; email: string }>();
  const [revoking, setRevoking] = createSignal<Invitation>();
  const nameOf = (invitation: Invitation) => invitation.customerName || i18n.t('invitations.newCustomer');

  // Answers arrive from the customer's browser; a colleague's invitation changes the customer row.
  onLiveEvent(
    (event) => {
      const data = event.data as Partial<Customer> | undefined;
      if (event.kind.startsWith('invitation.') || (event.kind === 'customer.updated' && data?.relationshipState === 'pending')) void list.refresh();
    },
    () => void list.refresh(),
  );

  const replaceRow = (invitation: Invitation) => list.update((rows) => rows.map((row) => (row.id === invitation.id ? invitation : row)));
  const closedMeanwhile = (error: unknown) => {
    toast.show('error', errorText(i18n, error));
    if (error instanceof ApiError && error.code === 'invitation_closed' && error.current) replaceRow(error.current as Invitation);
  };

  async function resend(invitation: Invitation) {
    setBusyId(invitation.id);
    try {
      const result = await api.post<{ invitation: Invitation; url: string }>(`/api/v1/invitations/${encodeURIComponent(invitation.id)}/resend`, {});
      replaceRow(result.invitation);
      // The draft greets the contact and fills "To"; without the customer it still works.
      const customer = invitation.customerId
        ? await api.get<{ customer: Customer }>(`/api/v1/customers/${encodeURIComponent(invitation.customerId)}`).then((body) => body.customer, () => undefined)
        : undefined;
      setResent({ facts: draftFactsOf(result.invitation, result.url, people(customer)), email: customer?.email ?? '' });
    } catch (error) {
      closedMeanwhile(error);
    } finally {
      setBusyId(undefined);
    }
  }

  async function revoke(invitation: Invitation) {
    try {
      const result = await api.post<{ invitation: Invitation }>(`/api/v1/invitations/${encodeURIComponent(invitation.id)}/revoke`, {});
      replaceRow(result.invitation);
      toast.show('success', i18n.t('invitations.revoked'));
    } catch (error) {
      if (error instanceof ApiError && error.current) replaceRow(error.current as Invitation);
      throw error;
    }
  }

  return (
    <>
      <InvitationFilters query={query} customerName={list.items().find((row) => row.customerId === query.customer())?.customerName} />
      <CursorListSection
        list={list}
        label={i18n.t('invitations.tableCaption')}
        empty={
          <Show when={query.hasFilters()} fallback={<EmptyState title={i18n.t('invitations.empty.title')} text={i18n.t('invitations.empty.text')} />}>
            <EmptyState title={i18n.t('invitations.noMatch.title')} text={i18n.t('invitations.noMatch.text')}>
              <button type="button" class="btn btn-secondary" onClick={() => query.set({ state: undefined, customer: undefined })}>
                {i18n.t('customers.filters.clear')}
              </button>
            </EmptyState>
          </Show>
        }
      >
          <table class="table invitations-table" data-testid="invitation-list" aria-busy={list.refreshing()}>
            <caption class="visually-hidden">{i18n.t('invitations.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{i18n.t('invitations.columns.customer')}</th>
                <th scope="col">{i18n.t('invitations.columns.rights')}</th>
                <th scope="col">{i18n.t('invitations.columns.state')}</th>
                <th scope="col">{i18n.t('invitations.columns.sent')}</th>
                <th scope="col">{i18n.t('invitations.columns.expiresAt')}</th>
                <th scope="col">{i18n.t('invitations.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={list.items()}>
                {(invitation) => (
                  <tr data-state={invitation.state} data-id={invitation.id}>
                    <td>
                      <CustomerCell invitation={invitation} />
                    </td>
                    <td>
                      <RightChips rights={invitation.requestedRights} granted={invitation.state === 'accepted' ? invitation.grantedRights : undefined} />
                      <Show when={invitation.indirectProvider}>{(name) => <span class="muted">{i18n.t('invitations.withProvider', { name: name() })}</span>}</Show>
                    </td>
                    <td>
                      <InvitationStateBadge invitation={invitation} />
                    </td>
                    <td>
                      <span class="cell-sub-lines">
                        <span>{invitation.sentBy}</span>
                        <time class="muted cell-nowrap" datetime={invitation.createdAt}>
                          {i18n.formatDateTime(invitation.createdAt)}
                        </time>
                      </span>
                    </td>
                    <td class="cell-nowrap">
                      <time datetime={invitation.expiresAt}>{i18n.formatDateTime(invitation.expiresAt)}</time>
                    </td>
                    <td>
                      <Show when={isOpen(invitation)} fallback="–">
                        <span class="row-actions">
                          <button
                            type="button"
                            class="btn btn-secondary btn-small"
                            disabled={busyId() === invitation.id}
                            aria-label={i18n.t('invitations.resendFor', { name: nameOf(invitation) })}
                            onClick={() => void resend(invitation)}
                          >
                            {i18n.t('invitations.resend')}
                          </button>
                          <button
                            type="button"
                            class="btn btn-danger-outline btn-small"
                            aria-label={i18n.t('invitations.revokeFor', { name: nameOf(invitation) })}
                            onClick={() => setRevoking(invitation)}
                          >
                            {i18n.t('invitations.revoke')}
                          </button>
                        </span>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
      </CursorListSection>
      <ConfirmDialog
        open={Boolean(revoking())}
        onOpenChange={(open) => !open && setRevoking(undefined)}
        title={i18n.t('invitations.revokeTitle')}
        text={i18n.t('invitations.revokeConfirm', { name: revoking() ? nameOf(revoking()!) : '' })}
        confirmLabel={i18n.t('invitations.revoke')}
        danger
        onConfirm={() => revoke(revoking()!)}
      />
      <Dialog
        open={Boolean(resent())}
        onOpenChange={(open) => !open && setResent(undefined)}
        title={i18n.t('invitations.resentTitle')}
        description={i18n.t('invitations.resentText')}
        wide
      >
        <Show when={resent()}>{(result) => <EmailDraft facts={result().facts} recipientEmail={result().email} onDone={() => setResent(undefined)} />}</Show>
      </Dialog>
    </>
  );
}

export default function InvitationsPage() {
  const i18n = useI18n();
  return (
    <RequirePermission anyOf={['invitations.manage']}>
      <PageHeader title={i18n.t('invitations.title')} description={i18n.t('invitations.description')} />
      <InvitationList />
    </RequirePermission>
  );
}

import { A, useSearchParams } from '@solidjs/router';
import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import type { Customer } from '../../../schema/customers';
import { type Invitation, type InvitationState, invitationStates } from '../../../schema/invitations';
import { ApiError } from '../../api';
import { getCustomer } from '../../api/customers';
import { type InvitationFilters as InvitationFilterValues, listInvitations, renewInvitationLink, revokeInvitation } from '../../api/invitations';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CursorListSection } from '../../components/CursorListSection';
import { CustomerFilterChip } from '../../components/CustomerFilterChip';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useToast } from '../../components/Toast';
import { errorText, useI18n } from '../../i18n';
import { createCursorList } from '../../lib/cursorList';
import { firstParam, sameQuery } from '../../lib/urlQuery';
import { onLiveEvent } from '../../live/LiveProvider';
import { EmailDraft } from './EmailDraft';
import { type DraftFacts, draftFactsOf } from './emailDraft';
import { useDraftPeople } from './InviteDialog';
import { RightsAskedGranted } from './rights';
import { createNow, ExpiryCountdown, InvitationTimeline, nextReminderAt, StageBadge, stateAt } from './tracking';

/** ?state=&customer= in the URL, like the other lists, so a link from the customer view filters. */
function createInvitationQuery() {
  const [params, setParams] = useSearchParams();
  const state = () => {
    const value = firstParam(params.state);
    return invitationStates.includes(value as InvitationState) ? (value as InvitationState) : undefined;
  };
  const customer = () => firstParam(params.customer);
  const filters = createMemo((): InvitationFilterValues => ({ state: state(), customerId: customer() }), undefined, { equals: sameQuery });
  const set = (patch: { state?: string; customer?: string }) => setParams(Object.fromEntries(Object.entries(patch).map(([key, value]) => [key, value || undefined])));
  return { state, customer, filters, set, hasFilters: () => Boolean(state() || customer()) };
}

type InvitationQuery = ReturnType<typeof createInvitationQuery>;

function InvitationFilters(props: { query: InvitationQuery }) {
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
          <CustomerFilterChip
            id={id()}
            text={(name) => i18n.t('invitations.filters.customerChip', { name })}
            removeLabel={i18n.t('invitations.filters.removeCustomer')}
            onRemove={() => props.query.set({ customer: undefined })}
            testId="invitation-customer-chip"
          />
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

function InvitationList() {
  const i18n = useI18n();
  const toast = useToast();
  const people = useDraftPeople();
  const query = createInvitationQuery();
  const list = createCursorList(() => listInvitations(query.filters()));
  const [busyId, setBusyId] = createSignal<string>();
  const [resent, setResent] = createSignal<{ facts: DraftFacts; email: string; reminder: boolean }>();
  const now = createNow();
  const isOpen = (invitation: Invitation) => ['pending', 'expired'].includes(stateAt(invitation, now()));
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
    if (error instanceof ApiError && (error.code === 'invitation_closed' || error.code === 'precondition_failed') && error.current) replaceRow(error.current as Invitation);
  };

  /** Resend (a new link, a new term) or remind (a link of its own, the same term): either way an e-mail draft to hand over. */
  async function newLink(invitation: Invitation, action: 'resend' | 'remind') {
    setBusyId(invitation.id);
    try {
      const result = await renewInvitationLink(invitation, action);
      replaceRow(result.invitation);
      // The draft greets the contact and fills "To"; without the customer it still works.
      const customer = invitation.customerId
        ? await getCustomer(invitation.customerId).then(
            (detail) => detail.customer,
            () => undefined,
          )
        : undefined;
      const reminder = action === 'remind';
      setResent({ facts: { ...draftFactsOf(result.invitation, result.url, people(customer)), reminder }, email: customer?.email ?? '', reminder });
      if (reminder) toast.show('success', i18n.t('invitations.remindRecorded'));
    } catch (error) {
      closedMeanwhile(error);
    } finally {
      setBusyId(undefined);
    }
  }

  async function revoke(invitation: Invitation) {
    try {
      replaceRow(await revokeInvitation(invitation.id));
      toast.show('success', i18n.t('invitations.revoked'));
    } catch (error) {
      if (error instanceof ApiError && error.current) replaceRow(error.current as Invitation);
      throw error;
    }
  }

  return (
    <>
      <InvitationFilters query={query} />
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
              <th scope="col">{i18n.t('invitations.columns.timeline')}</th>
              <th scope="col">{i18n.t('invitations.columns.expiresAt')}</th>
              <th scope="col">{i18n.t('invitations.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={list.items()}>
              {(invitation) => (
                <tr data-state={stateAt(invitation, now())} data-id={invitation.id}>
                  <td>
                    <CustomerCell invitation={invitation} />
                  </td>
                  <td>
                    <RightsAskedGranted requested={invitation.requestedRights} granted={invitation.state === 'accepted' ? invitation.grantedRights : null} />
                    <Show when={invitation.indirectProvider}>{(name) => <span class="muted">{i18n.t('invitations.withProvider', { name: name() })}</span>}</Show>
                  </td>
                  <td>
                    <StageBadge invitation={invitation} now={now()} />
                  </td>
                  <td>
                    <InvitationTimeline invitation={invitation} now={now()} />
                  </td>
                  <td>
                    <ExpiryCountdown invitation={invitation} now={now()} />
                  </td>
                  <td>
                    <Show when={isOpen(invitation)} fallback="–">
                      <span class="row-actions">
                        <Show when={stateAt(invitation, now()) === 'pending'}>
                          <button
                            type="button"
                            class="btn btn-secondary btn-small"
                            disabled={busyId() === invitation.id || nextReminderAt(invitation, now()) !== null}
                            aria-label={i18n.t('invitations.remindFor', { name: nameOf(invitation) })}
                            aria-describedby={nextReminderAt(invitation, now()) !== null ? `next-reminder-${invitation.id}` : undefined}
                            onClick={() => void newLink(invitation, 'remind')}
                            data-testid="remind"
                          >
                            {i18n.t('invitations.remind')}
                          </button>
                        </Show>
                        <button
                          type="button"
                          class="btn btn-secondary btn-small"
                          disabled={busyId() === invitation.id}
                          aria-label={i18n.t(stateAt(invitation, now()) === 'expired' ? 'invitations.reinviteFor' : 'invitations.resendFor', { name: nameOf(invitation) })}
                          onClick={() => void newLink(invitation, 'resend')}
                          data-testid="resend"
                        >
                          {i18n.t(stateAt(invitation, now()) === 'expired' ? 'invitations.reinvite' : 'invitations.resend')}
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
                      <Show when={nextReminderAt(invitation, now())}>
                        {(at) => (
                          <span class="muted next-reminder" id={`next-reminder-${invitation.id}`}>
                            {i18n.t('invitations.nextReminder', { date: i18n.formatDateTime(new Date(at()).toISOString()) })}
                          </span>
                        )}
                      </Show>
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
        title={i18n.t(resent()?.reminder ? 'invitations.remindTitle' : 'invitations.resentTitle')}
        description={i18n.t(resent()?.reminder ? 'invitations.remindText' : 'invitations.resentText')}
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

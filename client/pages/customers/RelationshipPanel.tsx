import { A } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import type { Customer } from '../../../schema/customers';
import { ApiError } from '../../api';
import { latestInvitationOf } from '../../api/invitations';
import { acknowledgeRights } from '../../api/relationships';
import { FailureAlert } from '../../components/FailureAlert';
import { useToast } from '../../components/Toast';
import { errorText, useI18n } from '../../i18n';
import { onLiveEvent } from '../../live/LiveProvider';
import { useSession } from '../../session';
import { RightChips } from '../invitations/rights';
import { createNow, ExpiryCountdown, InvitationTimeline, StageBadge } from '../invitations/tracking';
import { RelationshipBadge } from './columns';
import '../invitations/invitations.css';

/**
 * The relationship on the Information tab: its state, the indirect provider and the rights the
 * customer granted, marked "zu prüfen" until a staff member acknowledges them.
 */
export function RelationshipPanel(props: { customer: Customer; onChanged: (customer: Customer) => void }) {
  const i18n = useI18n();
  const session = useSession();
  const toast = useToast();
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  const shown = () => props.customer.relationshipState !== 'none' || props.customer.grantedRights.length > 0;

  async function acknowledge() {
    setBusy(true);
    setFailure(undefined);
    try {
      props.onChanged(await acknowledgeRights(props.customer.id, { version: props.customer.version }));
      toast.show('success', i18n.t('customers.relationshipPanel.acknowledged'));
    } catch (error) {
      // Someone changed the customer (or acknowledged already): show the current state and why.
      if (error instanceof ApiError && error.current) props.onChanged(error.current as Customer);
      setFailure(errorText(i18n, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Show when={shown()}>
      <section class="info-section relationship-panel" aria-labelledby="relationship-panel-title" data-testid="relationship-panel">
        <h2 class="info-section-title" id="relationship-panel-title">
          {i18n.t('customers.relationshipPanel.title')}
        </h2>
        <dl class="details details-compact">
          <div>
            <dt>{i18n.t('customers.relationshipPanel.state')}</dt>
            <dd>
              <RelationshipBadge state={props.customer.relationshipState} />
            </dd>
          </div>
          <Show when={props.customer.indirectProvider}>
            <div>
              <dt>{i18n.t('customers.relationshipPanel.provider')}</dt>
              <dd>{props.customer.indirectProvider}</dd>
            </div>
          </Show>
        </dl>
        <Show when={props.customer.relationshipState === 'pending'}>
          <p class="muted">{i18n.t('customers.relationshipPanel.pending')}</p>
          <Show when={session.can('invitations.manage')}>
            <OpenInvitation customerId={props.customer.id} />
          </Show>
        </Show>
        <Show when={props.customer.relationshipState === 'active' || props.customer.grantedRights.length > 0}>
          <div class="granted-rights" classList={{ 'granted-rights-review': props.customer.rightsToReview }} data-testid="granted-rights">
            <p class="granted-rights-title">
              {i18n.t(props.customer.relationshipState === 'removed' ? 'customers.relationshipPanel.kept' : 'customers.relationshipPanel.granted')}
              <Show when={props.customer.rightsToReview}>
                <span class="badge badge-review" data-testid="rights-to-review">
                  {i18n.t('customers.relationshipPanel.toReview')}
                </span>
              </Show>
            </p>
            <Show when={props.customer.grantedRights.length > 0} fallback={<p class="muted">{i18n.t('customers.relationshipPanel.none')}</p>}>
              <RightChips rights={props.customer.grantedRights} toReview={props.customer.rightsToReview} />
            </Show>
            <Show when={props.customer.rightsToReview}>
              <div class="review-row">
                {/* An imported relationship (Partner Center) comes without its rights: they are to be looked up there. */}
                <p class="muted">{i18n.t(props.customer.grantedRights.length > 0 ? 'customers.relationshipPanel.reviewHint' : 'customers.relationshipPanel.reviewUnrecorded')}</p>
                <Show when={session.can('customers.write')}>
                  <button type="button" class="btn btn-secondary btn-small" disabled={busy()} onClick={() => void acknowledge()} data-testid="acknowledge-rights">
                    {i18n.t('customers.relationshipPanel.acknowledge')}
                  </button>
                </Show>
              </div>
            </Show>
          </div>
        </Show>
        <FailureAlert text={failure()} />
      </section>
    </Show>
  );
}

/** The customer's open invitation as it moves (gesendet → geöffnet …), live from the customer's browser. */
function OpenInvitation(props: { customerId: string }) {
  const i18n = useI18n();
  const now = createNow();
  const [latest, { refetch }] = createResource(() => props.customerId, latestInvitationOf);
  onLiveEvent(
    (event) => {
      const data = event.data as { customerId?: string | null } | undefined;
      if (event.kind.startsWith('invitation.') && data?.customerId === props.customerId) void refetch();
    },
    () => void refetch(),
  );
  return (
    <Show when={latest()}>
      {(invitation) => (
        <div class="relationship-tracking" data-testid="relationship-invitation">
          <div class="relationship-tracking-head">
            <StageBadge invitation={invitation()} now={now()} />
            <ExpiryCountdown invitation={invitation()} now={now()} />
          </div>
          <InvitationTimeline invitation={invitation()} now={now()} />
          <A href={`/invitations?customer=${encodeURIComponent(props.customerId)}`}>{i18n.t('invitations.showForCustomer')}</A>
        </div>
      )}
    </Show>
  );
}

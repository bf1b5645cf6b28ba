import { A } from '@solidjs/router';
import { createSignal, type JSX, onCleanup, Show } from 'solid-js';
import type { CustomerMerge, CustomerMergeEventData, MergeUndoBlocker } from '../../../../schema/merges';
import { ApiError } from '../../../api';
import { listMerges, undoMerge } from '../../../api/merges';
import { useToast } from '../../../components/Toast';
import { errorText, type I18n, useI18n } from '../../../i18n';
import { createFetched } from '../../../lib/fetched';
import { onLiveEvent } from '../../../live/LiveProvider';
import { useSession } from '../../../session';

/** Why an undo was refused, in the user's words (409 `merge_undo_blocked` names the reasons). */
export function undoRefusal(i18n: I18n, error: unknown): string {
  if (error instanceof ApiError && error.code === 'merge_undo_blocked' && error.reasons?.length) {
    return i18n.t('merges.blocked', { reasons: error.reasons.map((reason) => i18n.t(`merges.blockers.${reason as MergeUndoBlocker}`)).join(' ') });
  }
  return errorText(i18n, error);
}

/** Whether a merge can still be undone, checked again every 15 s so the banner leaves when its time is up. */
function createClock() {
  const [now, setNow] = createSignal(Date.now());
  const timer = window.setInterval(() => setNow(Date.now()), 15_000);
  onCleanup(() => window.clearInterval(timer));
  return now;
}

/**
 * On the surviving customer's page while a merge into it can be undone: who merged which number, until
 * when, and "Zusammenführung rückgängig machen". Follows colleagues' merges and undos live.
 */
export function MergeUndoBanner(props: { customerId: string; onUndone: () => void }) {
  const i18n = useI18n();
  const toast = useToast();
  const session = useSession();
  const merges = createFetched(() => listMerges(props.customerId));
  const now = createClock();
  const [undoing, setUndoing] = createSignal(false);
  const open = () => merges.data()?.find((merge) => merge.survivorId === props.customerId && Date.parse(merge.undoUntil) > now());

  onLiveEvent(
    (event) => {
      if (event.kind !== 'customer.merged' && event.kind !== 'customer.merge_undone') return;
      if ((event.data as CustomerMergeEventData).merge.survivorId === props.customerId) void merges.refetch();
    },
    () => void merges.refetch(),
  );

  async function undo(merge: CustomerMerge) {
    setUndoing(true);
    try {
      await undoMerge(merge.id);
      toast.show('success', i18n.t('merges.undone', { merged: merge.mergedNumber, survivor: merge.survivorNumber }));
      props.onUndone();
    } catch (error) {
      toast.show('error', undoRefusal(i18n, error));
    } finally {
      setUndoing(false);
      void merges.refetch();
    }
  }

  return (
    <Show when={open()}>
      {(merge) => (
        <div class="alert alert-warning" role="status" data-testid="merge-undo-banner">
          <p>{i18n.t('merges.banner', { merged: merge().mergedNumber, person: merge().mergedBy, time: i18n.formatDateTime(merge().undoUntil) })}</p>
          <Show when={session.can('customers.delete')}>
            <button type="button" class="btn btn-secondary btn-small" disabled={undoing()} onClick={() => void undo(merge())} data-testid="merge-undo">
              {undoing() ? i18n.t('merges.undoing') : i18n.t('merges.undo')}
            </button>
          </Show>
        </div>
      )}
    </Show>
  );
}

/** "Anna Berger hat diesen Kunden (10123) mit 10045 zusammengeführt", with a link to the customer that stayed. */
export function MergedAwayNotice(props: { merge: CustomerMerge; person: string }) {
  const i18n = useI18n();
  return (
    <div class="alert alert-warning" role="alert" data-testid="customer-merged-away">
      <p>{i18n.t('merges.mergedAway', { person: props.person, merged: props.merge.mergedNumber, survivor: props.merge.survivorNumber })}</p>
      <A href={`/customers/${encodeURIComponent(props.merge.survivorId)}`} class="btn btn-secondary btn-small">
        {i18n.t('merges.openSurvivor', { survivor: props.merge.survivorNumber })}
      </A>
    </div>
  );
}

/** A customer that is not found may have been merged into another: then say so and link there, else `fallback`. */
export function MergedAwayOr(props: { customerId: string; fallback: JSX.Element }) {
  const merges = createFetched(() => listMerges(props.customerId).catch(() => []));
  const mergedAway = () => merges.data()?.find((merge) => merge.mergedId === props.customerId);
  return (
    <Show when={!merges.loading()}>
      <Show when={mergedAway()} fallback={props.fallback}>
        {(merge) => <MergedAwayNotice merge={merge()} person={merge().mergedBy} />}
      </Show>
    </Show>
  );
}

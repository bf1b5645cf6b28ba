import { createSignal } from 'solid-js';
import type { LiveEvent, LiveEventKind } from '../../../../schema/realtime';
import type { PagedQuery } from '../../../api';
import { useToast } from '../../../components/Toast';
import { errorText, useI18n } from '../../../i18n';
import { createPagedRows, type PagedRows } from '../../../lib/cursorList';
import { onLiveEvent } from '../../../live/LiveProvider';

/** Whether a live event concerns this customer: its data is the changed row or carries the customer id. */
export const concernsCustomer = (event: LiveEvent, customerId: string) => (event.data as { customerId?: string } | undefined)?.customerId === customerId;

/**
 * One list of what a customer holds, a page at a time ("Mehr laden" for more): from the first page
 * again when the query changes (search, sort), and the rows shown read again whenever anyone changes
 * a matching row of this customer.
 */
export function createHoldings<T>(query: () => PagedQuery<T>, customerId: string, kinds: readonly LiveEventKind[]): PagedRows<T> {
  const rows = createPagedRows(query);
  onLiveEvent(
    (event) => {
      if (kinds.includes(event.kind) && concernsCustomer(event, customerId)) void rows.refetch();
    },
    () => void rows.refetch(),
  );
  return rows;
}

/**
 * Sends a change of a row and reads the list again afterwards, failed or not: after a version
 * conflict the next try then starts from what is saved now.
 */
export async function sendChange<T>(list: { refetch: () => Promise<void> }, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } finally {
    void list.refetch();
  }
}

/**
 * A one-click change of a row (suspend, deactivate, archive): the row's buttons wait meanwhile,
 * success is toasted, a failure said; the list is read again either way (a colleague may have won).
 */
export function createRowAction(list: { refetch: () => Promise<void> }) {
  const i18n = useI18n();
  const toast = useToast();
  const [busyId, setBusyId] = createSignal<string>();
  async function run(id: string, change: () => Promise<unknown>, done: string) {
    setBusyId(id);
    try {
      await sendChange(list, change);
      toast.show('success', done);
    } catch (error) {
      toast.show('error', errorText(i18n, error));
    } finally {
      setBusyId(undefined);
    }
  }
  return { busy: (id: string) => busyId() === id, run };
}

/** What the customer view hands every tab. */
export interface TabProps {
  customerId: string;
  /** Opens the new-order dialog of the customer view. */
  onNewOrder: () => void;
}

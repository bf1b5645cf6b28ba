import { createSignal, onCleanup } from 'solid-js';
import { compareCustomers, customerMatchesQuery } from '../../../schema/customerOrder';
import { type Customer, customerDisplayName } from '../../../schema/customers';
import type { CustomerMergeEventData } from '../../../schema/merges';
import type { LiveEvent } from '../../../schema/realtime';
import { listCustomers } from '../../api/customers';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n';
import type { CursorList } from '../../lib/cursorList';
import { onLiveEvent } from '../../live/LiveProvider';
import { useSession } from '../../session';
import type { ListQuery } from './listQuery';

const FLASH_MS = 2_500;
const COUNT_REFRESH_DELAY_MS = 400;

/**
 * Keeps the loaded rows of the customer list in step with colleagues' changes: a row appears where
 * the current sort puts it (if that is inside what is loaded), changes in place or moves, and
 * disappears when it no longer matches the search or filters. Changes by others flash briefly.
 */
export function createLiveCustomerList(list: CursorList<Customer>, query: ListQuery, hooks: { onTagsChanged: () => void; onFieldsChanged: () => void }) {
  const session = useSession();
  const i18n = useI18n();
  const toast = useToast();
  const [flashing, setFlashing] = createSignal<ReadonlySet<string>>(new Set());
  const timers = new Set<number>();
  let countTimer: number | undefined;
  onCleanup(() => {
    for (const timer of timers) window.clearTimeout(timer);
    window.clearTimeout(countTimer);
  });

  const flash = (id: string) => {
    setFlashing((ids) => new Set([...ids, id]));
    const timer = window.setTimeout(() => {
      timers.delete(timer);
      setFlashing((ids) => new Set([...ids].filter((candidate) => candidate !== id)));
    }, FLASH_MS);
    timers.add(timer);
  };

  // Whether an unloaded row used to match is unknown here: ask the server for the count alone.
  const refreshCount = () => {
    window.clearTimeout(countTimer);
    countTimer = window.setTimeout(async () => {
      try {
        const page = await listCustomers(query.filters()).read({ limit: 1 });
        list.setCount(page);
      } catch {
        // the count stays as it was; the next reload corrects it
      }
    }, COUNT_REFRESH_DELAY_MS);
  };

  const filters = () => ({
    q: query.q(),
    tag: query.tag(),
    state: query.state(),
    country: query.country(),
    archived: query.archived() ? ('1' as const) : undefined,
    incomplete: query.incomplete() ? ('1' as const) : undefined,
  });

  /** Puts the row where the sort wants it, or leaves it out when that is past the loaded window. */
  function place(rows: Customer[], customer: Customer): Customer[] {
    const index = rows.findIndex((row) => compareCustomers(customer, row, query.sort(), query.dir()) < 0);
    if (index === -1) return list.nextCursor() ? rows : [...rows, customer];
    return [...rows.slice(0, index), customer, ...rows.slice(index)];
  }

  function upsert(customer: Customer, created: boolean) {
    const rows = list.items();
    const existing = rows.find((row) => row.id === customer.id);
    if (existing && existing.version >= customer.version) return false;
    const others = rows.filter((row) => row.id !== customer.id);
    const matches = customerMatchesQuery(customer, filters());
    list.update(matches ? place(others, customer) : others);
    if (existing && !matches) list.adjustTotal(-1);
    else if (created && matches) list.adjustTotal(1);
    else if (!existing && !created) refreshCount();
    return matches;
  }

  function remove(id: string) {
    const rows = list.items();
    if (rows.some((row) => row.id === id)) {
      list.update(rows.filter((row) => row.id !== id));
      list.adjustTotal(-1);
    } else refreshCount();
  }

  function apply(event: LiveEvent) {
    const byOther = event.actor.userId !== session.info().user.id;
    switch (event.kind) {
      case 'customer.created':
      case 'customer.updated': {
        const customer = event.data as Customer;
        const shown = upsert(customer, event.kind === 'customer.created');
        if (shown && byOther) {
          flash(event.entityId);
          const text = event.kind === 'customer.created' ? 'live.announce.created' : 'live.announce.updated';
          toast.announce(i18n.t(text, { person: event.actor.displayName, name: customerDisplayName(customer) }));
        }
        return;
      }
      case 'customer.deleted':
        remove(event.entityId);
        if (byOther) toast.announce(i18n.t('live.announce.deleted', { person: event.actor.displayName }));
        return;
      case 'customer.archived':
      case 'customer.unarchived':
      case 'customer.restored': {
        // The row leaves one list and enters the other (archive), or comes back after a delete.
        const customer = event.data as Customer;
        // New to this side of the list (archived or not) means new to its count, like a created row.
        const entersThisSide = event.kind === 'customer.restored' || (event.kind === 'customer.archived') === query.archived();
        const shown = upsert(customer, entersThisSide);
        if (shown && byOther) flash(event.entityId);
        if (byOther)
          toast.announce(
            i18n.t(`live.announce.${event.kind === 'customer.archived' ? 'archived' : event.kind === 'customer.unarchived' ? 'unarchived' : 'restored'}`, {
              person: event.actor.displayName,
              name: customerDisplayName(customer),
            }),
          );
        return;
      }
      case 'customer.merged':
      case 'customer.merge_undone': {
        // The merged customer leaves the list (or comes back); the survivor follows as any change.
        const { merge, survivor, merged } = event.data as CustomerMergeEventData;
        if (event.kind === 'customer.merged') remove(event.entityId);
        else if (merged) upsert(merged, true);
        if (survivor) upsert(survivor, false);
        const names = { person: event.actor.displayName, merged: merge.mergedNumber, survivor: merge.survivorNumber };
        if (byOther) toast.show('info', i18n.t(event.kind === 'customer.merged' ? 'merges.announce' : 'merges.announceUndone', names));
        return;
      }
      case 'tag.created':
      case 'tag.updated':
      case 'tag.deleted':
        // A renamed or deleted tag changes many rows' chips and the tag sort: read the window again.
        hooks.onTagsChanged();
        if (event.kind !== 'tag.created') void list.reload({ keepRows: true });
        return;
      case 'custom_field.created':
      case 'custom_field.updated':
        hooks.onFieldsChanged();
        return;
      default:
      // Invitations, relationships, orders and MRR also publish customer.updated for the row itself.
    }
  }

  onLiveEvent(apply, () => {
    hooks.onTagsChanged();
    hooks.onFieldsChanged();
    void list.reload({ keepRows: true });
  });

  return { flashing };
}

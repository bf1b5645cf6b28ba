import type { Customer, DeleteBlocker, TagRef } from '../../../schema/customers';
import { archiveCustomer, changeCustomerTags, getCustomer, restoreCustomer, undoDeleteCustomer } from '../../api/customers';
import { createFetched } from '../../lib/fetched';

/**
 * One customer as its page shows it (with what blocks its delete), and the changes made there. Each
 * action sends the change and keeps the server's answer; a refusal is thrown to the caller, who says why.
 */
export function createCustomerRecord(id: string) {
  const loaded = createFetched(() => getCustomer(id));
  const customer = () => loaded.data()?.customer;

  const setCustomer = (next: Customer) => {
    const current = loaded.data();
    if (current) loaded.mutate({ ...current, customer: next });
  };

  /** A newer version from elsewhere (a colleague, a job): older ones are ignored. */
  const follow = (next: Customer) => {
    if (next.version > (customer()?.version ?? 0)) setCustomer(next);
  };

  /** Reads the customer again (its version moves on with tags and invitations); a failure keeps what is shown. */
  async function reload() {
    try {
      loaded.mutate(await getCustomer(id));
    } catch {
      // The next explicit action shows any problem.
    }
  }

  /** The chip comes or goes at once; if the server refuses, the tags are put back as they were. */
  async function changeTag(tag: TagRef, mode: 'add' | 'remove') {
    const current = customer();
    if (!current) return;
    const before = current.tags;
    const others = before.filter((carried) => carried.id !== tag.id);
    setCustomer({ ...current, tags: mode === 'add' ? [...others, tag] : others });
    try {
      await changeCustomerTags({ customerIds: [id], addTagIds: mode === 'add' ? [tag.id] : [], removeTagIds: mode === 'remove' ? [tag.id] : [] });
    } catch (error) {
      const now = customer();
      if (now) setCustomer({ ...now, tags: before });
      throw error;
    }
    await reload();
  }

  /** Archives or restores the customer as the user saw it (`seen`): a colleague's change in between is a 409. */
  async function setArchived(seen: Customer, archived: boolean): Promise<Customer> {
    const next = await (archived ? archiveCustomer : restoreCustomer)(id, { version: seen.version });
    setCustomer(next);
    return next;
  }

  return {
    loaded,
    customer,
    setCustomer,
    follow,
    reload,
    /** The server refused a delete for these reasons: the actions menu says so from now on. */
    setBlockers: (reasons: DeleteBlocker[]) => {
      const current = loaded.data();
      if (current) loaded.mutate({ ...current, deleteBlockers: reasons });
    },
    changeTag,
    setArchived,
    /** Brings the customer back after a delete (the page has left it by then). */
    undoDelete: () => undoDeleteCustomer(id),
  };
}

export type CustomerRecord = ReturnType<typeof createCustomerRecord>;

// Archiving a customer: it leaves the list, its count, search and exports for everyone, and keeps its
// orders, subscriptions, history and audit. Restoring brings it back. Both are one guarded batch.
import { eq, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Customer } from '../../schema/customers';
import type { LiveEvent } from '../../schema/realtime';
import { customers } from '../../schema/tables';
import { assertPermission } from '../auth/guards';
import { nowIso, type TenantScope, tenantScope } from '../db';
import type { Actor } from '../env';
import { Conflict, NotFound, VersionConflict } from '../errors';
import { planFromMemory } from '../rowMemory';
import { type AuditActor, type AuditEntry, commitWrite, GuardFailed, liveEvent, type WriteContext } from '../write';
import { customerForChange, rememberCustomer } from './customerMemory';
import { loadCustomer } from './rows';

/** One customer's archive or restore as parts of a batch, for a caller that writes many at once (bulk). */
export interface ArchiveChange {
  /** The customer as it is after the change. */
  customer: Customer;
  guards: SQL[];
  statements: BatchItem<'sqlite'>[];
  audit: AuditEntry;
  events: LiveEvent[];
}

export const customerArchived = () => new Conflict('customer_archived', 'This customer is archived; restore it first.');
const notArchived = () => new Conflict('customer_not_archived', 'This customer is not archived.');

/**
 * The statements that archive (`archived: true`) or restore one customer as loaded in `current`. The
 * guard holds the version read, so a change or delete committed meanwhile aborts the whole batch.
 */
export function archiveChange(scope: TenantScope, actor: AuditActor, current: Customer, archived: boolean, at = nowIso()): ArchiveChange {
  if (archived && current.archivedAt) throw customerArchived();
  if (!archived && !current.archivedAt) throw notArchived();
  const next: Customer = {
    ...current,
    archivedAt: archived ? at : null,
    archivedBy: archived ? actor.displayName : null,
    version: current.version + 1,
    updatedAt: at,
  };
  const action = archived ? 'customer.archived' : 'customer.unarchived';
  return {
    customer: next,
    guards: [sql`(SELECT version FROM customers WHERE id = ${current.id}) = ${current.version}`],
    statements: [
      scope.db
        .update(customers)
        .set({ archivedAt: next.archivedAt, archivedBy: next.archivedBy, version: next.version, updatedAt: next.updatedAt })
        .where(scope.where(customers, eq(customers.id, current.id))),
    ],
    audit: {
      action,
      entityType: 'customer',
      entityId: current.id,
      customerId: current.id,
      before: { archivedAt: current.archivedAt },
      after: { archivedAt: next.archivedAt, archivedBy: next.archivedBy },
    },
    events: [liveEvent(action, actor, next, next)],
  };
}

async function changeArchived(c: WriteContext, actor: Actor, customerId: string, archived: boolean, version?: number): Promise<Customer> {
  assertPermission(actor, 'customers.write');
  const scope = tenantScope(c.env, actor);
  // From memory when this isolate has the version the user saw (the batch's guard holds it to that), else read.
  const find = (fresh: boolean) => customerForChange(scope, customerId, version, { fresh });
  return planFromMemory(find, async ({ current, tagsJson, unchanged, fromMemory }) => {
    if (version !== undefined && current.version !== version) throw new VersionConflict('this customer', current);
    const change = archiveChange(scope, actor, current, archived);
    try {
      await commitWrite(c, actor, { ...change, guards: [unchanged] });
    } catch (error) {
      if (!(error instanceof GuardFailed) || fromMemory) throw error;
      const latest = await loadCustomer(scope, customerId);
      // Deleted meanwhile is a 404, changed meanwhile a 409 with the row as it is now.
      throw latest ? new VersionConflict('this customer', latest) : new NotFound();
    }
    rememberCustomer(scope, change.customer, tagsJson);
    return change.customer;
  });
}

/**
 * Archives one customer of the actor's reseller: needs `customers.write`; another reseller's id is a
 * 404, an archived one a 409 `customer_archived`, a stale `version` a 409 `version_conflict`. Audited
 * (`customer.archived`) and published live (`customer.archived` with the row).
 */
export function archiveCustomer(c: WriteContext, actor: Actor, customerId: string, version?: number): Promise<Customer> {
  return changeArchived(c, actor, customerId, true, version);
}

/** Brings an archived customer back into the list (`customer.unarchived`); the same rules as archiving. */
export function unarchiveCustomer(c: WriteContext, actor: Actor, customerId: string, version?: number): Promise<Customer> {
  return changeArchived(c, actor, customerId, false, version);
}

/**
 * The batch guard of writes an archived customer refuses (new orders, invitations): the customer still
 * there and not archived. `whyGuardFailed` turns its failure into the answer (404 or 409).
 */
export const presentAndNotArchived = (customerId: string) => sql`EXISTS (SELECT 1 FROM customers WHERE id = ${customerId} AND archived_at IS NULL)`;

export async function whyGuardFailed(scope: TenantScope, customerId: string): Promise<Error> {
  const customer = await loadCustomer(scope, customerId);
  return customer?.archivedAt ? customerArchived() : new NotFound();
}

/** Refuses a write on an archived customer before anything is tried. */
export function assertNotArchived(customer: Pick<Customer, 'archivedAt'>) {
  if (customer.archivedAt) throw customerArchived();
}

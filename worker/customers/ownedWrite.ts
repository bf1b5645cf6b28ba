import { eq, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { AuditAction } from '../../schema/auditActions';
import type { ErrorCode, FieldErrorCode } from '../../schema/errorCodes';
import type { LiveEvent, LiveEventKind } from '../../schema/realtime';
import { customers } from '../../schema/tables';
import { nowIso, type TenantScope, tenantScope } from '../db';
import type { Actor } from '../env';
import { AppError, NotFound, VersionConflict } from '../errors';
import { changeRow, type RowForChange, rememberRows, type VersionedRow, type VersionedTable } from '../rowMemory';
import { commitWrite, GuardFailed, liveEvent, type WriteContext } from '../write';
import { customerChangedEvent, refreshTotalsOf } from './holdings';

interface OwnedRow {
  id: string;
  customerId: string;
  version: number;
}

/** A unique index that means "already taken": its name in D1's error, and the field and code the 409 names. */
export interface TakenValue {
  index: string;
  field: string;
  code: ErrorCode & FieldErrorCode;
}

interface OwnedWritePlan<R extends OwnedRow> {
  table: VersionedTable;
  entityType: string;
  event: LiveEventKind;
  action: AuditAction;
  /** The row before, or undefined for an insert. */
  current?: R;
  /** Where `current` came from: the stored row, and the guard that holds the batch to it. */
  found?: RowForChange<VersionedRow>;
  next: R;
  /** Columns to write (all of them for an insert). */
  values: Record<string, unknown>;
  refreshTotals?: boolean;
  taken?: TakenValue;
  /** Rows that change with this one (a licence with its subscription): same batch, own guards and events. */
  also?: {
    statements: BatchItem<'sqlite'>[];
    guards: SQL[];
    /** A function when they are read after the commit (the batch changed rows it did not read first). */
    events: LiveEvent[] | (() => Promise<LiveEvent[]>);
    /** The answer when one of `guards` stopped the batch (asked before the row's own 409/404), or undefined. */
    whyGuardFailed?: () => Promise<Error | undefined>;
  };
}

/**
 * The write of every customer-owned row (subscription, licence, domain, portal user): the version the
 * user saw guards it, the audit row and (when revenue or products may change) the customer's totals
 * go in the same batch, and colleagues get the row and the customer afterwards.
 */
export async function writeOwned<R extends OwnedRow>(c: WriteContext, actor: Actor, plan: OwnedWritePlan<R>): Promise<R> {
  const scope = tenantScope(c.env, actor);
  const { table, current, next } = plan;
  const updatedAt = nowIso();
  const write = current
    ? scope.db
        .update(table)
        .set({ ...plan.values, version: next.version, updatedAt })
        .where(scope.where(table, eq(table.id, current.id)))
    : // The stored row comes back from the batch: a change right after the insert is planned without reading it.
      scope.db
        .insert(table)
        .values({ ...plan.values, id: next.id, resellerId: actor.resellerId, customerId: next.customerId })
        .returning();
  const statements: BatchItem<'sqlite'>[] = [write, ...(plan.also?.statements ?? []), ...(plan.refreshTotals ? [refreshTotalsOf(scope, next.customerId)] : [])];
  let results: unknown[];
  try {
    results = await commitWrite(c, actor, {
      // An insert needs its customer, the reseller's, still there: another reseller's customer or a delete
      // committing first makes it a 404 (not a foreign key error), and it needs no read before.
      guards: [
        current ? (plan.found?.unchanged ?? sql`(SELECT version FROM ${table} WHERE id = ${current.id}) = ${current.version}`) : resellersCustomer(scope, next.customerId),
        ...(plan.also?.guards ?? []),
      ],
      statements,
      audit: { action: plan.action, entityType: plan.entityType, entityId: next.id, customerId: next.customerId, before: current ?? null, after: next },
      events: async () => [
        liveEvent(plan.event, actor, next, next),
        ...(typeof plan.also?.events === 'function' ? await plan.also.events() : (plan.also?.events ?? [])),
        ...(plan.refreshTotals ? await customerChangedEvent(scope, actor, next.customerId)() : []),
      ],
    });
  } catch (error) {
    // Planned from memory: the caller plans once more from a fresh read.
    if (error instanceof GuardFailed && plan.found?.fromMemory) throw error;
    if (error instanceof GuardFailed) {
      const why = await plan.also?.whyGuardFailed?.();
      if (why) throw why;
      // Gone (with its customer, or the customer it was to be added to) is a 404; changed meanwhile a 409.
      const row = await scope.db
        .select({ id: table.id })
        .from(table)
        .where(scope.where(table, eq(table.id, next.id)))
        .get();
      throw current && row ? new VersionConflict('this') : new NotFound();
    }
    if (plan.taken && String(error).includes(plan.taken.index)) {
      throw new AppError(409, plan.taken.code, 'This value is already taken.', { fields: { [plan.taken.field]: plan.taken.code } });
    }
    throw error;
  }
  if (plan.found) rememberRows(scope, table, [{ ...plan.found.row, ...plan.values, version: next.version, updatedAt }]);
  // The inserted row as stored (absent when the batch's answer was lost after its commit).
  else if (!current) rememberRows(scope, table, (results[0] as VersionedRow[] | undefined) ?? []);
  return next;
}

const resellersCustomer = (scope: TenantScope, customerId: string) =>
  sql`EXISTS (SELECT 1 FROM ${customers} WHERE ${customers.id} = ${customerId} AND ${customers.resellerId} = ${scope.resellerId})`;

/**
 * A change of a customer-owned row based on the version the user saw: planned by `plan` from the row
 * (as the API shows it, `view`) that this isolate remembers at that version, else read, and planned
 * again from a fresh read when the memory was behind. Another reseller's id is a 404, a stale version
 * a 409 with the row as it is.
 */
export function changeOwned<T extends VersionedTable, R extends OwnedRow>(
  c: WriteContext,
  actor: Actor,
  row: { table: T; id: string; version: number; view: (stored: T['$inferSelect']) => R },
  plan: (current: R) => Omit<OwnedWritePlan<R>, 'table' | 'found' | 'current'>,
): Promise<R> {
  return changeRow(tenantScope(c.env, actor), row.table, row.id, row.version, (found) => {
    const current = row.view(found.row);
    assertVersion(current, row.version);
    return writeOwned(c, actor, { ...plan(current), current, table: row.table, found: found as RowForChange<VersionedRow> });
  });
}

/** A stale version answers 409 before anything is tried. */
export function assertVersion(current: { version: number }, version: number) {
  if (current.version !== version) throw new VersionConflict('this', current);
}

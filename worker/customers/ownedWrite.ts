import { eq, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AuditAction } from '../../schema/auditActions';
import type { ErrorCode, FieldErrorCode } from '../../schema/errorCodes';
import type { LiveEvent, LiveEventKind } from '../../schema/realtime';
import { customers } from '../../schema/tables';
import { nowIso, tenantScope } from '../db';
import type { Actor } from '../env';
import { AppError, NotFound, VersionConflict } from '../errors';
import { commitWrite, GuardFailed, liveEvent, stillExists, type WriteContext } from '../write';
import { customerChangedEvent, refreshTotalsOf } from './holdings';

type OwnedTable = SQLiteTable & { id: SQLiteColumn; resellerId: SQLiteColumn; version: SQLiteColumn };
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

/**
 * The write of every customer-owned row (subscription, licence, domain, portal user): the version the
 * user saw guards it, the audit row and (when revenue or products may change) the customer's totals
 * go in the same batch, and colleagues get the row and the customer afterwards.
 */
export async function writeOwned<R extends OwnedRow>(
  c: WriteContext,
  actor: Actor,
  plan: {
    table: OwnedTable;
    entityType: string;
    event: LiveEventKind;
    action: AuditAction;
    /** The row before, or undefined for an insert. */
    current?: R;
    next: R;
    /** Columns to write (all of them for an insert). */
    values: Record<string, unknown>;
    refreshTotals?: boolean;
    taken?: TakenValue;
    /** Rows that change with this one (a licence with its subscription): same batch, own guards and events. */
    also?: { statements: BatchItem<'sqlite'>[]; guards: SQL[]; events: LiveEvent[] };
  },
): Promise<R> {
  const scope = tenantScope(c.env, actor);
  const { table, current, next } = plan;
  const write = current
    ? scope.db
        .update(table)
        .set({ ...plan.values, version: next.version, updatedAt: nowIso() })
        .where(scope.where(table, eq(table.id, current.id)))
    : scope.db.insert(table).values({ ...plan.values, id: next.id, resellerId: actor.resellerId, customerId: next.customerId });
  const statements: BatchItem<'sqlite'>[] = [write, ...(plan.also?.statements ?? []), ...(plan.refreshTotals ? [refreshTotalsOf(scope, next.customerId)] : [])];
  try {
    await commitWrite(c, actor, {
      // An insert needs its customer still there (a delete committing first makes it a 404, not a foreign key error).
      guards: [current ? sql`(SELECT version FROM ${table} WHERE id = ${current.id}) = ${current.version}` : stillExists(customers, next.customerId), ...(plan.also?.guards ?? [])],
      statements,
      audit: { action: plan.action, entityType: plan.entityType, entityId: next.id, customerId: next.customerId, before: current ?? null, after: next },
      events: async () => [
        liveEvent(plan.event, actor, next, next),
        ...(plan.also?.events ?? []),
        ...(plan.refreshTotals ? await customerChangedEvent(scope, actor, next.customerId)() : []),
      ],
    });
  } catch (error) {
    if (error instanceof GuardFailed) {
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
  return next;
}

/** A stale version answers 409 before anything is tried. */
export function assertVersion(current: { version: number }, version: number) {
  if (current.version !== version) throw new VersionConflict('this', current);
}

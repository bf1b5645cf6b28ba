import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { Database } from './db';
import type { Actor } from './env';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  customerId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Who did it: a staff member, or (for public flows) a label such as the invitation page. */
export type AuditActor = Pick<Actor, 'resellerId' | 'userId' | 'displayName'> | { resellerId: string; userId: null; displayName: string };

const dialect = new SQLiteAsyncDialect();

/**
 * A raw SQL statement that can join a drizzle D1 batch. drizzle's own `db.run(sql)` cannot when it has
 * parameters (drizzle-orm 0.45: its raw query carries no prepared statement), so we give it one.
 */
export function batchableSql(db: Database, query: SQL): BatchItem<'sqlite'> {
  const built = dialect.sqlToQuery(query);
  const prepared = { stmt: db.$client.prepare(built.sql), getQuery: () => built, mapResult: (result: unknown) => result };
  return { _prepare: () => prepared } as unknown as BatchItem<'sqlite'>;
}

/**
 * The audit row as a batch statement. `onlyIfChanged` makes it conditional on the statement right
 * before it having changed a row (SQLite `changes()`), so a guarded update that matched nothing
 * (stale version, lost race) leaves no audit row behind either.
 */
export function auditStatement(db: Database, actor: AuditActor, entry: AuditEntry, onlyIfChanged: boolean) {
  const before = entry.before === undefined ? null : JSON.stringify(entry.before);
  const after = entry.after === undefined ? null : JSON.stringify(entry.after);
  const guard = onlyIfChanged ? sql`WHERE changes() > 0` : sql``;
  return batchableSql(db, sql`INSERT INTO audit_log (reseller_id, actor_user_id, actor_label, action, entity_type, entity_id, customer_id, before, after)
    SELECT ${actor.resellerId}, ${actor.userId}, ${actor.displayName}, ${entry.action}, ${entry.entityType}, ${entry.entityId},
      ${entry.customerId ?? null}, ${before}, ${after} ${guard}`);
}

export interface WritePlan {
  /** The change itself; the audit row follows the last statement in the same D1 batch (one transaction). */
  statements: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];
  audit: AuditEntry;
  /** True when the last statement may legitimately match no row (version guard); then no audit is written. */
  guarded?: boolean;
  /** Statements that run after the audit row, e.g. revoking sessions of a deactivated user. */
  followUp?: BatchItem<'sqlite'>[];
}

/** The one write path: change + audit row in one batch, so either both land or neither does. */
export async function commitWrite(db: Database, actor: AuditActor, plan: WritePlan) {
  const batch: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [
    ...plan.statements,
    auditStatement(db, actor, plan.audit, plan.guarded ?? false),
    ...(plan.followUp ?? []),
  ];
  return db.batch(batch);
}

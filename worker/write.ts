import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AuditAction } from '../schema/auditActions';
import type { LiveEvent } from '../schema/realtime';
import { auditLog, writeGuards } from '../schema/tables';
import { database, type Database } from './db';
import type { Actor, Bindings } from './env';
import { publishToReseller } from './live';

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId: string;
  customerId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Who did it: a staff member, or (for public flows) a label such as the invitation page. */
export type AuditActor = Pick<Actor, 'resellerId' | 'userId' | 'displayName'> | { resellerId: string; userId: null; displayName: string };

type Statements = BatchItem<'sqlite'>[];

export interface WritePlan {
  /**
   * Preconditions checked inside the batch (a version still current, nothing attached, another owner
   * left). When one is false the batch aborts as a whole and `commitWrite` throws `GuardFailed`.
   */
  guards?: SQL[];
  statements: Statements;
  audit: AuditEntry | AuditEntry[];
  /**
   * What colleagues' screens must learn; published to the reseller's hub after the batch committed.
   * A function is called only then (e.g. to read back rows a bulk change touched).
   */
  events?: LiveEvent[] | (() => Promise<LiveEvent[]>);
}

/** What a write needs from the request: the bindings and a place to finish work after the response. */
export interface WriteContext {
  env: Bindings;
  executionCtx: Pick<ExecutionContext, 'waitUntil'>;
}

/** A precondition of the write no longer held when it ran; the route re-reads and explains why (409). */
export class GuardFailed extends Error {}

/**
 * The guard of a write that changes a row or hangs something on it: a delete that commits first makes
 * the batch abort here (the route answers 404), rather than on a foreign key (a 500) or by auditing
 * a change of nothing.
 */
export const stillExists = (table: SQLiteTable & { id: SQLiteColumn }, id: string) => sql`EXISTS (SELECT 1 FROM ${table} WHERE ${table.id} = ${id})`;

/** One guard as a batch statement: exported for a batch assembled elsewhere (a job's start with the kind's own statements). */
export function guardStatement(db: Database, condition: SQL) {
  return db
    .insert(writeGuards)
    .values({ name: 'precondition', ok: sql`coalesce((${condition}), 0)` })
    .onConflictDoUpdate({ target: writeGuards.name, set: { ok: sql`excluded.ok` } });
}

export function auditStatement(db: Database, actor: AuditActor, entry: AuditEntry) {
  return db.insert(auditLog).values({
    resellerId: actor.resellerId,
    actorUserId: actor.userId,
    actorLabel: actor.displayName,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    customerId: entry.customerId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/**
 * The one write path: guards, the change and its audit rows in one D1 batch (one transaction), so
 * either all of it lands or none of it. Returns the results of `statements`.
 */
export async function commitWrite(c: WriteContext, actor: AuditActor, plan: WritePlan): Promise<unknown[]> {
  const db = database(c.env);
  const guards = (plan.guards ?? []).map((condition) => guardStatement(db, condition));
  const audits = (Array.isArray(plan.audit) ? plan.audit : [plan.audit]).map((entry) => auditStatement(db, actor, entry));
  const batch = [...guards, ...plan.statements, ...audits] as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];
  let results: unknown[];
  try {
    results = await db.batch(batch);
  } catch (error) {
    if (/write_guard_holds|write_guards\.ok/.test(String(error))) throw new GuardFailed();
    throw error;
  }
  // After the commit and off the response path: a hub that is down never fails the write.
  if (plan.events) c.executionCtx.waitUntil(publishToReseller(c.env, actor.resellerId, plan.events));
  return results.slice(guards.length, guards.length + plan.statements.length);
}

/** One live event about an entity, stamped with who did it and when. */
export function liveEvent(kind: LiveEvent['kind'], actor: AuditActor, entity: { id: string; version?: number }, data?: unknown): LiveEvent {
  return { kind, entityId: entity.id, version: entity.version, data, actor: { userId: actor.userId, displayName: actor.displayName }, at: new Date().toISOString() };
}

import { eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AuditAction } from '../schema/auditActions';
import type { LiveEvent } from '../schema/realtime';
import { auditLog, writeCommits, writeGuards } from '../schema/tables';
import { DatabaseUnavailable, foundIn } from './d1Retries';
import { type Database, database, newId, nowIso, type TenantScope } from './db';
import type { Actor, Bindings } from './env';
import { ActorChanged, NotFound } from './errors';
import { outboxStatement, publishCommitted } from './live';

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId: string;
  /** A value, or SQL that takes it from a row the batch changed (the audit rows follow the statements). */
  customerId?: string | null | SQL;
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
   * What colleagues' screens must learn: kept in the live outbox by the batch itself, and published to
   * the reseller's hub after the commit. A function is called only then, with the results of
   * `statements` (a row the batch returned, or rows a bulk change touched read again); if that publish
   * is lost, a re-drive can only tell clients to resync.
   */
  events?: LiveEvent[] | ((results: unknown[]) => Promise<LiveEvent[]>);
  /**
   * The audit rows go before the statements in the batch: SQL in them (`storedRowJson`) then records
   * the row as it was before this write changed or deleted it.
   */
  auditFirst?: boolean;
  /** Work that must follow the events' publish (a job's first chunk after its start was announced). */
  afterEvents?: () => Promise<void>;
  /**
   * A write that finds its reseller inside the batch (a public page knows only a link): the SQL naming
   * it for the outbox row (kept only when `when` holds, e.g. something changed), and how the publish
   * reads it from the statements' results. Its audit rows are among its statements, made the same way.
   */
  resellerInBatch?: { id: SQL; when: SQL; from: (statementResults: unknown[]) => string | undefined };
}

/** What a write needs from the request: the bindings and a place to finish work after the response. */
export interface WriteContext {
  env: Bindings;
  executionCtx: Pick<ExecutionContext, 'waitUntil'>;
  /**
   * The request's variables: a remembered actor's credential is a guard of the batch (`credentialGuard`),
   * or else a credential check still running must pass before anything commits.
   */
  var?: { credentialCheck?: Promise<void>; actorUsed?: boolean; credentialGuard?: SQL };
  set?: (key: 'credentialProven', value: boolean) => void;
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
  // A write for someone else (signing in, a customer's answer on the invitation page) does not depend on the request's credential.
  const credentialGuard = c.var?.actorUsed ? c.var.credentialGuard : undefined;
  const guards = [...(credentialGuard ? [credentialGuard] : []), ...(plan.guards ?? [])].map((condition) => guardStatement(db, condition));
  const audits = (Array.isArray(plan.audit) ? plan.audit : [plan.audit]).map((entry) => auditStatement(db, actor, entry));
  const writeId = newId('wr');
  const outbox = plan.events ? [outboxStatement(db, plan.resellerInBatch ?? actor.resellerId, plan.events)] : [];
  // Audit rows whose SQL takes the row as it was (a row deleted or revoked) run before the statements.
  const changes = plan.auditFirst ? [...audits, ...plan.statements] : [...plan.statements, ...audits];
  const statementsAt = guards.length + (plan.auditFirst ? audits.length : 0);
  const batch = [...guards, ...changes, ...outbox, ...commitMarker(db, writeId)] as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];
  // A signed-out session or a changed role never gets a write through, however the check raced the request:
  // the credential guard holds the batch to it, or (an actor without one) the check must pass first.
  if (c.var?.actorUsed && !credentialGuard) await c.var.credentialCheck;
  const run = async () => {
    try {
      return await db.batch(batch);
    } catch (error) {
      if (!/write_guard_holds|write_guards\.ok/.test(String(error))) throw error;
      if (credentialGuard) await credentialFailure(db, c.var?.credentialCheck, credentialGuard);
      throw new GuardFailed();
    }
  };
  let results: unknown[];
  try {
    results = await run();
  } catch (error) {
    if (!foundIn(error, DatabaseUnavailable)) throw error;
    // The connection broke with the batch sent: if it committed, it is done (its events wait in the
    // outbox for the hub's re-drive); if not, it runs once more (its guards still hold it to the state
    // it was planned on). A second failure answers 503.
    if (await committed(db, writeId)) {
      if (plan.afterEvents) c.executionCtx.waitUntil(plan.afterEvents());
      return [];
    }
    results = await run();
  }
  if (credentialGuard) c.set?.('credentialProven', true);
  // After the commit and off the response path: a hub that is down never fails the write.
  const statementResults = results.slice(statementsAt, statementsAt + plan.statements.length);
  const outboxSeq = plan.events ? (results[guards.length + changes.length] as { seq: number }[])[0]?.seq : undefined;
  const resellerId = plan.resellerInBatch ? plan.resellerInBatch.from(statementResults) : actor.resellerId;
  if (plan.events && outboxSeq !== undefined && resellerId !== undefined) {
    const { events } = plan;
    const published = publishCommitted(c.env, resellerId, outboxSeq, typeof events === 'function' ? () => events(statementResults) : events);
    c.executionCtx.waitUntil(plan.afterEvents ? published.then(plan.afterEvents) : published);
  } else if (plan.afterEvents) c.executionCtx.waitUntil(plan.afterEvents());
  return statementResults;
}

/**
 * Whether it was the credential that stopped the batch: the check's own answer (401, or a changed actor)
 * if it failed; an `ActorChanged` (the request runs again and finds out) if the credential passed the
 * check but no longer holds. Returns when the credential holds: one of the write's own guards failed.
 */
async function credentialFailure(db: Database, check: Promise<void> | undefined, credentialGuard: SQL) {
  await check;
  const row = await db.get<{ ok: number }>(sql`SELECT coalesce((${credentialGuard}), 0) AS ok`);
  if (!row?.ok) throw new ActorChanged();
}

/** How long a commit marker is kept: far longer than any retry looks for it. */
const COMMIT_MARKER_HOURS = 24;

/** The batch's commit marker, and the removal of a few expired ones (so the table stays small without a job). */
function commitMarker(db: Database, writeId: string) {
  const expired = nowIso(new Date(Date.now() - COMMIT_MARKER_HOURS * 3_600_000));
  return [
    db.insert(writeCommits).values({ id: writeId, committedAt: nowIso() }),
    db.delete(writeCommits).where(sql`${writeCommits.id} IN (SELECT ${writeCommits.id} FROM ${writeCommits} WHERE ${writeCommits.committedAt} < ${expired} LIMIT 20)`),
  ];
}

async function committed(db: Database, writeId: string): Promise<boolean> {
  const row = await db.select({ id: writeCommits.id }).from(writeCommits).where(sql`${writeCommits.id} = ${writeId}`).get();
  return row !== undefined;
}

/**
 * What the answer shows, read back as the last statement of a write's batch: as committed (a number
 * drawn inside the insert, a counter raised in SQL) without another trip. When the batch's answer was
 * lost after it committed (commitWrite then has no results), it is read once more.
 */
export function readBack<Row>(query: () => BatchItem<'sqlite'> & { all(): Promise<Row[]> }) {
  const all = async (results: unknown[]): Promise<Row[]> => (results.at(-1) as Row[] | undefined) ?? (await query().all());
  return {
    statement: query(),
    all,
    async first(results: unknown[]): Promise<Row | undefined> {
      return (await all(results))[0];
    },
  };
}

/** A row of the reseller by id, read back; a row gone by then is a 404. */
export function readBackById<T extends SQLiteTable & { id: SQLiteColumn; resellerId: SQLiteColumn }>(scope: TenantScope, table: T, id: string) {
  const back = readBack<T['$inferSelect']>(
    () =>
      scope.db
        .select()
        .from(table as SQLiteTable)
        .where(scope.where(table, eq(table.id, id))) as unknown as BatchItem<'sqlite'> & { all(): Promise<T['$inferSelect'][]> },
  );
  return {
    statement: back.statement,
    async row(results: unknown[]): Promise<T['$inferSelect']> {
      const row = await back.first(results);
      if (!row) throw new NotFound();
      return row;
    },
  };
}

/**
 * A row of the reseller as JSON, as the API shows it (without `omit`), taken inside the batch: the audit
 * row of a write that reads nothing first records the stored row (with `auditFirst`, as it was before).
 */
export function storedRowJson<T extends SQLiteTable & { id: SQLiteColumn; resellerId: SQLiteColumn }>(
  scope: TenantScope,
  table: T,
  id: string,
  omit: (keyof T['$inferSelect'] & string)[],
): SQL {
  const entries = Object.entries(getTableColumns(table))
    .filter(([key]) => !(omit as string[]).includes(key))
    .map(([key, column]) => {
      const stored = sql.identifier(column.name);
      // JSON text and booleans stored as 0/1 are shown as JSON values, as the API's objects have them.
      const value =
        column.columnType === 'SQLiteTextJson'
          ? sql`json(${stored})`
          : column.columnType === 'SQLiteBoolean'
            ? sql`json(CASE WHEN ${stored} THEN 'true' ELSE 'false' END)`
            : stored;
      return sql`${key}, ${value}`;
    });
  return sql`(SELECT json_object(${sql.join(entries, sql`, `)}) FROM ${table} WHERE ${scope.where(table, eq(table.id, id))})`;
}

/** One live event about an entity, stamped with who did it and when. */
export function liveEvent(kind: LiveEvent['kind'], actor: AuditActor, entity: { id: string; version?: number }, data?: unknown): LiveEvent {
  return { kind, entityId: entity.id, version: entity.version, data, actor: { userId: actor.userId, displayName: actor.displayName }, at: new Date().toISOString() };
}

// Rows this isolate read or wrote last, each as stored at one version and time of change, so a change
// based on the version the user saw is planned without reading the row first (its batch is the only
// D1 trip). The batch's guard holds the plan to that version and time of change (a database restored
// to an earlier point may repeat a version with other content); a plan whose guard fails is made
// again from a fresh read, where a failed guard means someone else changed the row.
import { eq, getTableName, inArray, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { TenantScope } from './db';
import { AppError, NotFound } from './errors';
import { GuardFailed } from './write';

/** A bounded map that forgets the least recently remembered entry first, and entries older than `keepMs`. */
export class IsolateMemory<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  constructor(
    private readonly limit: number,
    private readonly keepMs: number,
  ) {}

  set(key: string, value: V) {
    this.entries.delete(key);
    this.entries.set(key, { value, at: Date.now() });
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    return entry && Date.now() - entry.at <= this.keepMs ? entry.value : undefined;
  }
}

export type VersionedTable = SQLiteTable & { id: SQLiteColumn; resellerId: SQLiteColumn; version: SQLiteColumn; updatedAt: SQLiteColumn };
export interface VersionedRow {
  id: string;
  version: number;
  updatedAt: string;
}

/** A few thousand small rows (domains, portal users, licences): well under a megabyte. */
const rows = new IsolateMemory<VersionedRow>(5_000, 30 * 60_000);
const keyOf = (scope: TenantScope, table: SQLiteTable, id: string) => `${getTableName(table)}/${scope.resellerId}/${id}`;

/** Rows of the reseller as just read or written (all their columns, as stored). */
export function rememberRows(scope: TenantScope, table: VersionedTable, read: readonly VersionedRow[]) {
  for (const row of read) rows.set(keyOf(scope, table, row.id), row);
}

/** The guard of a change planned from `row`: still at its version and time of change. */
export const rowUnchanged = (table: VersionedTable, row: VersionedRow): SQL =>
  sql`EXISTS (SELECT 1 FROM ${table} WHERE ${table.id} = ${row.id} AND ${table.version} = ${row.version} AND ${table.updatedAt} = ${row.updatedAt})`;

export interface RowForChange<Row> {
  row: Row;
  /** Holds the batch to `row`. */
  unchanged: SQL;
  fromMemory: boolean;
}

/** A row of the reseller to change: from memory at `version`, or read (and remembered); another reseller's id is a 404. */
export async function rowForChange<T extends VersionedTable>(
  scope: TenantScope,
  table: T,
  id: string,
  version: number | undefined,
  options: { fresh?: boolean } = {},
): Promise<RowForChange<T['$inferSelect']>> {
  // Without a version (a change of whatever is current) any remembered one serves: the guard holds it.
  const kept = options.fresh ? undefined : rows.get(keyOf(scope, table, id));
  if (kept && (version === undefined || kept.version === version)) return { row: kept as T['$inferSelect'], unchanged: rowUnchanged(table, kept), fromMemory: true };
  const row = (await scope.db
    .select()
    .from(table as SQLiteTable)
    .where(scope.where(table, eq(table.id, id)))
    .get()) as (T['$inferSelect'] & VersionedRow) | undefined;
  if (!row) throw new NotFound();
  rememberRows(scope, table, [row]);
  return { row, unchanged: rowUnchanged(table, row), fromMemory: false };
}

/**
 * Rows a change only reads (the products an order names), from memory when every one is remembered,
 * else read together; `unchanged` holds the batch to them. Ids of no row of the reseller are left out.
 */
export async function rowsForChange<T extends VersionedTable>(
  scope: TenantScope,
  table: T,
  ids: string[],
  options: { fresh?: boolean } = {},
): Promise<{ rows: T['$inferSelect'][]; unchanged: SQL[]; fromMemory: boolean }> {
  const kept = options.fresh ? [] : ids.map((id) => rows.get(keyOf(scope, table, id)));
  if (ids.length > 0 && kept.length === ids.length && kept.every((row) => row !== undefined)) {
    const remembered = kept as VersionedRow[];
    return { rows: remembered as T['$inferSelect'][], unchanged: remembered.map((row) => rowUnchanged(table, row)), fromMemory: true };
  }
  const read = (await scope.db
    .select()
    .from(table as SQLiteTable)
    .where(scope.where(table, inArray(table.id, ids)))
    .all()) as (T['$inferSelect'] & VersionedRow)[];
  rememberRows(scope, table, read);
  return { rows: read, unchanged: [], fromMemory: false };
}

/**
 * A change of one row of the reseller: planned from the row this isolate remembers at `version` (any
 * remembered version when undefined: the guard `found.unchanged` holds the batch to it), else from the
 * row read, and planned again from a fresh read when the memory was behind (see `planFromMemory`).
 */
export function changeRow<T extends VersionedTable, R>(
  scope: TenantScope,
  table: T,
  id: string,
  version: number | undefined,
  plan: (found: RowForChange<T['$inferSelect']>) => Promise<R>,
): Promise<R> {
  return planFromMemory((fresh) => rowForChange(scope, table, id, version, { fresh }), plan);
}

/**
 * A change planned from what `find` found: when that came from memory and the change failed (its guard,
 * or a check judged on the remembered row), it is found and planned once more from D1, so every answer
 * is the one the stored row gives. `plan` turns its own failed guard into the answer (409 or 404) when
 * it planned from a fresh read, and throws nothing once its batch committed (it would run again).
 */
export async function planFromMemory<Found extends { fromMemory: boolean }, T>(find: (fresh: boolean) => Promise<Found>, plan: (found: Found) => Promise<T>): Promise<T> {
  const found = await find(false);
  if (!found.fromMemory) return plan(found);
  try {
    return await plan(found);
  } catch (error) {
    // A refusal (4xx) may be the memory's; an unavailable database (503) or a changed actor is not.
    if (!(error instanceof GuardFailed || (error instanceof AppError && error.status < 500))) throw error;
  }
  return plan(await find(true));
}

// "Rückgängig" after a delete: the delete's batch copies what it removes (the row with its custom
// field values, tag links, domains, the invitations it let go) into `deleted_customers`; undoing puts
// it all back in one batch with the same id and number, until the snapshot's time runs out.
import { eq, getTableColumns, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { DELETE_UNDO_MINUTES } from '../../schema/customers';
import { customers, customerTags, deletedCustomers, domains, invitations, tags } from '../../schema/tables';
import { nowIso, type TenantScope } from '../db';
import { AppError, Conflict, NotFound } from '../errors';
import { readTogether } from '../readTogether';
import { IsolateMemory } from '../rowMemory';
import type { AuditActor } from '../write';
import { type CustomerRow, refreshTagsSort, searchTermStatements } from './rows';
import { assertKeysFree } from './uniqueKeys';

type Columns = Record<string, SQLiteColumn>;

/** `json_object('id', customers.id, …)` over every column: a row as JSON, exact to the column (JSON columns stay text). */
export function rowAsJson(table: SQLiteTable, name: string): SQL {
  const columns = Object.values(getTableColumns(table) as Columns);
  return sql.raw(`json_object(${columns.map((column) => `'${column.name}', ${name}.${column.name}`).join(', ')})`);
}

/**
 * The statements a delete runs first in its batch: drop this reseller's expired snapshots, then copy
 * the customer as it is at that moment (inside the transaction, so nothing changes in between).
 */
export function snapshotBeforeDelete(scope: TenantScope, actor: AuditActor, customerId: string, at = new Date()) {
  const undoUntil = nowIso(new Date(at.getTime() + DELETE_UNDO_MINUTES * 60_000));
  return [
    scope.db.delete(deletedCustomers).where(scope.where(deletedCustomers, lt(deletedCustomers.undoUntil, nowIso(at)))),
    // Its answer is the snapshot as stored (`rememberSnapshot`): "Rückgängig" right after is planned without reading it.
    scope.db
      .insert(deletedCustomers)
      .select(
        scope.db
          .select({
            customerId: customers.id,
            resellerId: customers.resellerId,
            customerNumber: customers.customerNumber,
            customer: sql<string>`${rowAsJson(customers, 'customers')}`.as('customer'),
            tagIds: sql<string>`(SELECT json_group_array(ct.tag_id) FROM customer_tags ct WHERE ct.customer_id = customers.id)`.as('tag_ids'),
            domains: sql<string>`(SELECT json_group_array(${rowAsJson(domains, 'd')}) FROM domains d WHERE d.customer_id = customers.id)`.as('domains'),
            invitationIds: sql<string>`(SELECT json_group_array(i.id) FROM invitations i WHERE i.customer_id = customers.id)`.as('invitation_ids'),
            deletedBy: sql<string>`${actor.displayName}`.as('deleted_by'),
            deletedAt: sql<string>`${nowIso(at)}`.as('deleted_at'),
            undoUntil: sql<string>`${undoUntil}`.as('undo_until'),
          })
          .from(customers)
          .where(scope.where(customers, eq(customers.id, customerId))),
      )
      .returning(),
  ] as const;
}

type Snapshot = typeof deletedCustomers.$inferSelect;

// The snapshots this isolate's deletes wrote, for the undo the same person usually clicks at once.
const rememberedSnapshots = new IsolateMemory<Snapshot>(1_000, DELETE_UNDO_MINUTES * 60_000);
const snapshotKey = (scope: TenantScope, customerId: string) => `${scope.resellerId}/${customerId}`;

/** The snapshot a delete's batch returned (none when its answer was lost after the commit). */
export function rememberSnapshot(scope: TenantScope, returned: unknown) {
  for (const snapshot of (returned as Snapshot[] | undefined) ?? []) rememberedSnapshots.set(snapshotKey(scope, snapshot.customerId), snapshot);
}

/** The snapshot to undo: as this isolate's delete returned it, or read (404 / 410 as `requireSnapshot`). */
export async function snapshotForUndo(scope: TenantScope, customerId: string, fresh: boolean) {
  const kept = fresh ? undefined : rememberedSnapshots.get(snapshotKey(scope, customerId));
  if (kept) {
    if (kept.undoUntil <= nowIso()) throw undoExpired();
    return { snapshot: kept, fromMemory: true };
  }
  return { snapshot: await requireSnapshot(scope, customerId), fromMemory: false };
}

const undoExpired = () => new AppError(410, 'undo_expired', `A deleted customer can be brought back for ${DELETE_UNDO_MINUTES} minutes; that time is over.`);

/** The snapshot of a deleted customer of this reseller, still within its time; 404 / 410 otherwise. */
export async function requireSnapshot(scope: TenantScope, customerId: string, now = nowIso()): Promise<Snapshot> {
  const snapshot = await scope.db
    .select()
    .from(deletedCustomers)
    .where(scope.where(deletedCustomers, eq(deletedCustomers.customerId, customerId)))
    .get();
  if (!snapshot) throw new NotFound();
  if (snapshot.undoUntil <= now) throw undoExpired();
  return snapshot;
}

/**
 * Refuses an undo that cannot put everything back: the number or a domain was taken meanwhile (409
 * with the field), or the id is in use again.
 */
export async function assertRestorable(scope: TenantScope, snapshot: Snapshot) {
  const stored = JSON.parse(snapshot.customer) as { microsoft_id?: string };
  const names = (JSON.parse(snapshot.domains) as { name: string }[]).map((domain) => domain.name);
  const [, taken] = await readTogether([
    assertKeysFree(scope, { customerNumber: snapshot.customerNumber, microsoftId: stored.microsoft_id ?? '' }),
    names.length > 0
      ? scope.db
          .select({ name: domains.name })
          .from(domains)
          .where(scope.where(domains, sql`${domains.name} IN (SELECT json_extract(value, '$.name') FROM json_each(${snapshot.domains}))`))
          .all()
      : [],
  ]);
  if (taken.length > 0)
    throw new Conflict('domain_taken', 'A domain of this customer belongs to another customer now.', {
      fields: { domains: 'domain_taken' },
      reasons: taken.map((row) => row.name),
    });
}

/** A row stored by json_object, typed back for drizzle: booleans were stored as 0/1. */
export function rowFromJson(table: SQLiteTable, json: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(getTableColumns(table) as Columns).map(([key, column]) => [key, column.columnType === 'SQLiteBoolean' ? Boolean(json[column.name]) : json[column.name]]),
  );
}

/** A customer row stored by json_object, typed back: its JSON columns were stored as their text. */
export function customerRowFromJson(stored: Record<string, unknown>): CustomerRow {
  return {
    ...(rowFromJson(customers, stored) as CustomerRow),
    grantedRights: JSON.parse(String(stored.granted_rights)),
    customFields: JSON.parse(String(stored.custom_fields)),
  };
}

/**
 * A select list that reads a customer row back from a JSON snapshot column (for INSERT … SELECT).
 * JSON columns were stored as their text; json_extract hands that text back unchanged. A column added
 * after the snapshot was taken is absent from it: it gets the column's default.
 */
export function customerColumnsFromJson(snapshot: SQLiteColumn) {
  return Object.fromEntries(
    Object.entries(getTableColumns(customers) as Columns).map(([key, column]) => {
      const value = sql`json_extract(${snapshot}, ${`$.${column.name}`})`;
      return [key, (column.hasDefault && typeof column.default === 'string' ? sql`coalesce(${value}, ${column.default})` : value).as(column.name)];
    }),
  );
}

/** The batch of an undo: the row (version moved on by two, past the delete's event), tags that still exist, domains, invitations, search terms. */
export function restoreStatements(scope: TenantScope, snapshot: Snapshot) {
  const stored = JSON.parse(snapshot.customer) as Record<string, unknown>;
  const version = Number(stored.version) + 2;
  const updatedAt = nowIso();
  const id = snapshot.customerId;
  const columns = customerColumnsFromJson(deletedCustomers.customer);
  const customerRow = { ...customerRowFromJson(stored), version, updatedAt };
  const domainRows = (JSON.parse(snapshot.domains) as Record<string, unknown>[]).map((row) => rowFromJson(domains, row) as typeof domains.$inferInsert);
  return {
    customerRow,
    statements: [
      scope.db.insert(customers).select(
        scope.db
          .select(columns as never)
          .from(deletedCustomers)
          .where(scope.where(deletedCustomers, eq(deletedCustomers.customerId, id))),
      ),
      scope.db
        .update(customers)
        .set({ version, updatedAt })
        .where(scope.where(customers, eq(customers.id, id))),
      scope.db.insert(customerTags).select(
        scope.db
          .select({ resellerId: tags.resellerId, customerId: sql<string>`${id}`.as('customer_id'), tagId: tags.id })
          .from(tags)
          .where(scope.where(tags, sql`${tags.id} IN (SELECT value FROM json_each(${snapshot.tagIds}))`)),
      ),
      refreshTagsSort(scope, [id]),
      ...(domainRows.length > 0 ? [scope.db.insert(domains).values(domainRows)] : []),
      // Invitations come back to the customer as history; one the delete revoked stays revoked (its link was told so).
      scope.db
        .update(invitations)
        .set({ customerId: id, version: sql`${invitations.version} + 1`, updatedAt })
        .where(scope.where(invitations, isNull(invitations.customerId), sql`${invitations.id} IN (SELECT value FROM json_each(${snapshot.invitationIds}))`)),
      ...searchTermStatements(scope, customerRow),
      scope.db.delete(deletedCustomers).where(scope.where(deletedCustomers, eq(deletedCustomers.customerId, id))),
    ],
  };
}

/** Guards of the undo's batch: the snapshot still there and in time, the id still free. */
export const restoreGuards = (scope: TenantScope, customerId: string, now = nowIso()) => [
  sql`EXISTS (SELECT 1 FROM deleted_customers WHERE customer_id = ${customerId} AND reseller_id = ${scope.resellerId} AND undo_until > ${now})`,
  sql`NOT EXISTS (SELECT 1 FROM customers WHERE id = ${customerId})`,
];

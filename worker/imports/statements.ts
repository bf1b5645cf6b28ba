import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AuditAction } from '../../schema/auditActions';
import { tagNameKey } from '../../schema/customerOrder';
import type { Customer } from '../../schema/customers';
import { auditLog, customerMatchKeys, customerSearchTerms, customers, customerTags, tags } from '../../schema/tables';
import { matchKeysOf } from '../customers/matchKeys';
import { mergedNumberTermsStatement } from '../customers/mergedNumbers';
import { refreshTagsSort, rowOf } from '../customers/rows';
import { customerSearchTermsOf } from '../customers/searchTerms';
import { nowIso, type TenantScope } from '../db';
import type { AuditActor } from '../write';
import type { PlannedRow, TagWrites } from './plan';

// An import writes thousands of rows in ONE D1 batch (one transaction): each statement takes a chunk of
// rows as a single JSON parameter and expands it with json_each, so the batch stays a few dozen
// statements (D1 allows 100 bound parameters per statement, and counts statements per invocation).

const ROWS_PER_STATEMENT = 200;

function chunks<T>(items: T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** `SELECT json_extract(value, '$.<key>') AS <column>, …` over a JSON array of row objects, in the table's column order. */
function jsonRowsSelect(scope: TenantScope, table: SQLiteTable, rows: Record<string, unknown>[], fixed: Record<string, SQL> = {}) {
  const columns = getTableColumns(table);
  const fields = Object.fromEntries(Object.entries(columns).map(([key, column]) => [key, (fixed[key] ?? sql`json_extract(value, ${`$.${key}`})`).as(column.name)]));
  // `WHERE true` keeps SQLite from reading a following ON CONFLICT as a join constraint.
  // Typed as the insert expects: the fields are the table's own columns, in its order.
  return scope.db
    .select(fields)
    .from(sql`json_each(${JSON.stringify(rows)})`)
    .where(sql`true`) as never;
}

/** The customers created, and the updated ones (an upsert on the id, only within the reseller). */
export function customerStatements(scope: TenantScope, created: Customer[], updated: Customer[]): BatchItem<'sqlite'>[] {
  const statements: BatchItem<'sqlite'>[] = [];
  for (const chunk of chunks(created))
    statements.push(
      scope.db.insert(customers).select(
        jsonRowsSelect(
          scope,
          customers,
          chunk.map((customer) => rowOf(scope, customer)),
        ),
      ),
    );
  const editable = [
    'customerNumber',
    'company',
    'contactFirstName',
    'contactLastName',
    'email',
    'phone',
    'mobile',
    'website',
    'address',
    'postalCode',
    'city',
    'state',
    'country',
    'primaryDomain',
    'microsoftId',
    'customFields',
    'nameSort',
    'contactSort',
    'citySort',
    'version',
    'updatedAt',
  ] as const;
  const columns = getTableColumns(customers);
  for (const chunk of chunks(updated)) {
    statements.push(
      scope.db
        .insert(customers)
        .select(
          jsonRowsSelect(
            scope,
            customers,
            chunk.map((customer) => rowOf(scope, customer)),
          ),
        )
        .onConflictDoUpdate({
          target: customers.id,
          set: Object.fromEntries(editable.map((key) => [key, sql.raw(`excluded.${columns[key].name}`)])),
          setWhere: sql`${customers.resellerId} = excluded.reseller_id`,
        }),
    );
  }
  // Search terms of every touched customer, replaced as the single write path does for one.
  const touched = [...created, ...updated];
  for (const chunk of chunks(updated, 500)) {
    statements.push(
      scope.db.delete(customerSearchTerms).where(sql`${customerSearchTerms.customerId} IN (SELECT value FROM json_each(${JSON.stringify(chunk.map((customer) => customer.id))}))`),
    );
  }
  const terms = touched.flatMap((customer) => customerSearchTermsOf(rowOf(scope, customer)).map((term) => ({ term, customerId: customer.id })));
  for (const chunk of chunks(terms, 1000)) {
    statements.push(
      scope.db
        .insert(customerSearchTerms)
        .select(jsonRowsSelect(scope, customerSearchTerms, chunk, { resellerId: sql`${scope.resellerId}` }))
        .onConflictDoNothing(),
    );
  }
  for (const chunk of chunks(updated, 500)) {
    statements.push(
      mergedNumberTermsStatement(
        scope,
        chunk.map((customer) => customer.id),
      ),
    );
  }
  // Duplicate keys likewise, so customers imported now are hints for the next ones entered.
  for (const chunk of chunks(updated, 500)) {
    statements.push(
      scope.db.delete(customerMatchKeys).where(sql`${customerMatchKeys.customerId} IN (SELECT value FROM json_each(${JSON.stringify(chunk.map((customer) => customer.id))}))`),
    );
  }
  const keys = touched.flatMap((customer) => matchKeysOf(rowOf(scope, customer)).map((key) => ({ ...key, customerId: customer.id })));
  for (const chunk of chunks(keys, 1000)) {
    statements.push(
      scope.db
        .insert(customerMatchKeys)
        .select(jsonRowsSelect(scope, customerMatchKeys, chunk, { resellerId: sql`${scope.resellerId}` }))
        .onConflictDoNothing(),
    );
  }
  return statements;
}

/** New tags, then each customer's new tag links, then the customers' tag sort keys. */
export function tagStatements(scope: TenantScope, writes: TagWrites): BatchItem<'sqlite'>[] {
  const statements: BatchItem<'sqlite'>[] = [];
  const createdAt = nowIso();
  for (const chunk of chunks(writes.created)) {
    const rows = chunk.map((tag) => ({ ...tag, nameKey: tagNameKey(tag.name) }));
    statements.push(
      scope.db
        .insert(tags)
        .select(jsonRowsSelect(scope, tags, rows, { resellerId: sql`${scope.resellerId}`, version: sql`1`, createdAt: sql`${createdAt}`, updatedAt: sql`${createdAt}` })),
    );
  }
  for (const chunk of chunks(writes.links, 500)) {
    statements.push(
      scope.db
        .insert(customerTags)
        .select(jsonRowsSelect(scope, customerTags, chunk, { resellerId: sql`${scope.resellerId}` }))
        .onConflictDoNothing(),
    );
  }
  const linked = [...new Set(writes.links.map((link) => link.customerId))];
  for (const chunk of chunks(linked, 500)) statements.push(refreshTagsSort(scope, sql`${customers.id} IN (SELECT value FROM json_each(${JSON.stringify(chunk)}))`));
  return statements;
}

/** One audit row per customer, as the single create and update routes write them. */
export function customerAuditStatements(scope: TenantScope, actor: AuditActor, rows: PlannedRow[]): BatchItem<'sqlite'>[] {
  const createdAt = nowIso();
  const entries = rows.map((row) => ({
    action: (row.action === 'create' ? 'customer.created' : 'customer.updated') satisfies AuditAction,
    entityId: row.customerId,
    before: row.before ?? null,
    after: row.after ?? null,
  }));
  return chunks(entries, 100).map((chunk) =>
    scope.db.insert(auditLog).select(
      jsonRowsSelect(scope, auditLog, chunk, {
        id: sql`NULL`,
        resellerId: sql`${scope.resellerId}`,
        actorUserId: sql`${actor.userId}`,
        actorLabel: sql`${actor.displayName}`,
        entityType: sql`'customer'`,
        customerId: sql`json_extract(value, '$.entityId')`,
        // Objects come out of json_extract as JSON text, which is how these columns store them.
        before: sql`json_extract(value, '$.before')`,
        after: sql`json_extract(value, '$.after')`,
        createdAt: sql`${createdAt}`,
      }),
    ),
  );
}

/**
 * Still true when the batch runs: every updated customer at the version the plan read, no created
 * number, e-mail or Microsoft ID (nor one an update sets) taken meanwhile, the tags the plan links
 * still there and the ones it creates still new.
 */
export function planGuards(scope: TenantScope, created: Customer[], updated: PlannedRow[], tagWrites: TagWrites): SQL[] {
  const guards: SQL[] = [];
  if (updated.length > 0) {
    const versions = JSON.stringify(updated.map((row) => [row.customerId, row.before!.version]));
    guards.push(
      sql`(SELECT count(*) FROM customers c JOIN json_each(${versions}) j ON c.id = json_extract(j.value, '$[0]') AND c.version = json_extract(j.value, '$[1]') WHERE c.reseller_id = ${scope.resellerId}) = ${updated.length}`,
    );
  }
  if (created.length > 0) {
    const numbers = JSON.stringify(created.map((customer) => customer.customerNumber));
    // An imported customer may have no e-mail yet: '' is no e-mail to clash with.
    const emails = JSON.stringify(created.map((customer) => customer.email).filter(Boolean));
    guards.push(
      sql`NOT EXISTS (SELECT 1 FROM customers WHERE reseller_id = ${scope.resellerId} AND (customer_number IN (SELECT value FROM json_each(${numbers})) OR email IN (SELECT value FROM json_each(${emails}))))`,
    );
  }
  const microsoftIds = [...created, ...updated.filter((row) => row.after!.microsoftId !== row.before!.microsoftId).map((row) => row.after!)]
    .map((customer) => customer.microsoftId)
    .filter(Boolean);
  if (microsoftIds.length > 0) {
    guards.push(
      sql`NOT EXISTS (SELECT 1 FROM customers WHERE reseller_id = ${scope.resellerId} AND microsoft_id IN (SELECT value FROM json_each(${JSON.stringify(microsoftIds)})))`,
    );
  }
  if (tagWrites.usedIds.length > 0) {
    guards.push(
      sql`(SELECT count(*) FROM tags WHERE reseller_id = ${scope.resellerId} AND id IN (SELECT value FROM json_each(${JSON.stringify(tagWrites.usedIds)}))) = ${tagWrites.usedIds.length}`,
    );
  }
  if (tagWrites.created.length > 0) {
    const keys = JSON.stringify(tagWrites.created.map((tag) => tagNameKey(tag.name)));
    guards.push(sql`NOT EXISTS (SELECT 1 FROM tags WHERE reseller_id = ${scope.resellerId} AND name_key IN (SELECT value FROM json_each(${keys})))`);
  }
  return guards;
}

// Which existing customer a row of an import means. A Microsoft ID names one tenant and wins; then the
// customer number (unique per reseller), then the e-mail and the primary domain, which several
// customers may share: then the row is refused rather than guessed.
import { inArray, type SQL, sql } from 'drizzle-orm';
import { type SQLiteColumn, union } from 'drizzle-orm/sqlite-core';
import { tagNameKey } from '../../schema/customerOrder';
import type { Customer } from '../../schema/customers';
import type { MatchKey } from '../../schema/imports';
import { customers, tags } from '../../schema/tables';
import { customerFromRow, tagsJson } from '../customers/rows';
import type { TenantScope } from '../db';

/** The keys a row can be matched by, as stored (lower-case e-mail, domain and Microsoft ID). */
export interface RowKeys {
  microsoftId: string;
  customerNumber: string;
  email: string;
  primaryDomain: string;
}

export interface CustomerIndex {
  byMicrosoftId: Map<string, Customer>;
  byNumber: Map<string, Customer>;
  byEmail: Map<string, Customer[]>;
  byDomain: Map<string, Customer[]>;
  /** Every customer the keys found. */
  found: Customer[];
}

const inList = (values: string[]) => sql`(SELECT value FROM json_each(${JSON.stringify([...new Set(values.filter(Boolean))])}))`;

function push(map: Map<string, Customer[]>, key: string, customer: Customer) {
  if (!key) return;
  const list = map.get(key) ?? [];
  list.push(customer);
  map.set(key, list);
}

/**
 * The reseller's customers any row could mean, in one query whatever the file's size: one index
 * lookup per key (number, e-mail, Microsoft ID, domain), joined, so no key makes it read every customer.
 */
export function customerLookup(scope: TenantScope, rows: RowKeys[]) {
  return scope.db
    .select({ customer: customers, tags: tagsJson })
    .from(customers)
    .where(scope.where(customers, inArray(customers.id, lookupIds(scope, rows))));
}

/** The ids of the reseller's customers any row's keys name, as a subquery. */
function lookupIds(scope: TenantScope, rows: RowKeys[]) {
  const byKey = (column: SQLiteColumn, values: string[]) =>
    scope.db
      .select({ id: customers.id })
      .from(customers)
      // '' is no key (a customer without a Microsoft ID or domain); it also lets the Microsoft ID's partial index serve.
      .where(scope.where(customers, sql`${column} IN ${inList(values)}`, sql`${column} <> ''`));
  const ids = union(
    byKey(
      customers.customerNumber,
      rows.map((row) => row.customerNumber),
    ),
    byKey(
      customers.email,
      rows.map((row) => row.email),
    ),
    byKey(
      customers.microsoftId,
      rows.map((row) => row.microsoftId),
    ),
    byKey(
      customers.primaryDomain,
      rows.map((row) => row.primaryDomain),
    ),
  );
  return ids;
}

/**
 * The guard of a plan matched on `found` (what `customerLookup` found for these keys): the keys still
 * find exactly these customers, at these versions. A customer changed, removed or newly named by a key
 * changes what the rows would do.
 */
export function lookupUnchanged(scope: TenantScope, rows: RowKeys[], found: { id: string; version: number }[]): SQL {
  // Byte order on both sides (ids are ASCII): SQLite's BINARY collation, and JavaScript's code units.
  const expected = found
    .map((customer) => `${customer.id}:${customer.version}`)
    .sort()
    .join(',');
  return sql`coalesce((SELECT group_concat(entry, ',') FROM (SELECT ${customers.id} || ':' || ${customers.version} AS entry FROM ${customers}
    WHERE ${scope.where(customers, inArray(customers.id, lookupIds(scope, rows)))} ORDER BY entry)), '') = ${expected}`;
}

export async function existingCustomers(scope: TenantScope, rows: RowKeys[]): Promise<CustomerIndex> {
  const found = await customerLookup(scope, rows).all();
  const index: CustomerIndex = { byMicrosoftId: new Map(), byNumber: new Map(), byEmail: new Map(), byDomain: new Map(), found: [] };
  for (const row of found) {
    const customer = customerFromRow(row);
    index.found.push(customer);
    if (customer.microsoftId) index.byMicrosoftId.set(customer.microsoftId, customer);
    index.byNumber.set(customer.customerNumber, customer);
    push(index.byEmail, customer.email, customer);
    push(index.byDomain, customer.primaryDomain, customer);
  }
  return index;
}

export type Match = { customer?: Customer; matchedBy?: MatchKey; errors?: Record<string, string> };

/**
 * The existing customer of a row, or none (the row creates one), or why it is refused: an e-mail or
 * domain several customers share, or a file that names another number or Microsoft ID for the
 * customer it matched (which one is meant is unclear).
 */
export function matchRow(index: CustomerIndex, keys: RowKeys): Match {
  let customer: Customer | undefined;
  let matchedBy: MatchKey | undefined;
  if (keys.microsoftId) [customer, matchedBy] = [index.byMicrosoftId.get(keys.microsoftId), 'microsoftId'];
  if (!customer && keys.customerNumber) [customer, matchedBy] = [index.byNumber.get(keys.customerNumber), 'customerNumber'];
  for (const [key, map, ambiguous] of [
    ['email', index.byEmail, 'email_ambiguous'],
    ['primaryDomain', index.byDomain, 'domain_ambiguous'],
  ] as const) {
    if (customer || !keys[key]) continue;
    const candidates = map.get(keys[key]) ?? [];
    if (candidates.length > 1) return { errors: { [key]: ambiguous } };
    [customer, matchedBy] = [candidates[0], key];
  }
  if (!customer) return {};
  if (keys.customerNumber && keys.customerNumber !== customer.customerNumber) return { customer, matchedBy, errors: { customerNumber: 'customer_number_mismatch' } };
  if (keys.microsoftId && customer.microsoftId && keys.microsoftId !== customer.microsoftId) return { customer, matchedBy, errors: { microsoftId: 'microsoft_id_mismatch' } };
  return { customer, matchedBy };
}

/** The reseller's tags with these names (regardless of case), by name key. */
export async function existingTags(scope: TenantScope, names: string[]) {
  const keys = [...new Set(names.map(tagNameKey))];
  const rows =
    keys.length === 0
      ? []
      : await scope.db
          .select({ id: tags.id, name: tags.name, color: tags.color, nameKey: tags.nameKey })
          .from(tags)
          .where(scope.where(tags, sql`${tags.nameKey} IN ${inList(keys)}`))
          .all();
  return new Map(rows.map(({ nameKey, ...tag }) => [nameKey, tag]));
}

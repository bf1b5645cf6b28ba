import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { customerSortKeys } from '../../schema/customerSortKeys.js';
import type { Customer, TagRef } from '../../schema/customers';
import { customerSearchTerms, customers, customerTags, tags } from '../../schema/tables';
import { newId, nowIso, type TenantScope } from '../db';
import { matchKeyStatements } from './matchKeys';
import { mergedNumberTermsStatement } from './mergedNumbers';
import { customerSearchTermsOf } from './searchTerms';

export type CustomerRow = typeof customers.$inferSelect;

/** The tags of a customer as one JSON column, so a page of customers is still one query. */
// Written as plain SQL on purpose: drizzle renders ${customers.id} as a bare "id", which the subquery would bind to tags.id.
export const tagsJsonOf = (customerId: SQL) => sql<string>`(SELECT json_group_array(json_object('id', t.id, 'name', t.name, 'color', t.color))
  FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = ${customerId} ORDER BY t.name_key)`;
export const tagsJson = tagsJsonOf(sql.raw('customers.id'));

export function parseTags(json: string | null): TagRef[] {
  return json ? (JSON.parse(json) as TagRef[]) : [];
}

export function toCustomer(row: CustomerRow, tagList: TagRef[]): Customer {
  const { resellerId: _r, nameSort: _n, contactSort: _c, citySort: _y, tagsSort: _t, ...customer } = row;
  return { ...customer, tags: tagList };
}

/** A customer as `customerQuery` (or a list page) reads it: the row and its tags' JSON. */
export const customerFromRow = (row: { customer: CustomerRow; tags: string | null }): Customer => toCustomer(row.customer, parseTags(row.tags));

/** One customer with its tags, as a query: awaited, or as the last statement of a write's batch (read back as committed). */
export const customerQuery = (scope: TenantScope, id: string) =>
  scope.db
    .select({ customer: customers, tags: tagsJson })
    .from(customers)
    .where(scope.where(customers, eq(customers.id, id)));

export async function loadCustomer(scope: TenantScope, id: string): Promise<Customer | undefined> {
  const row = await customerQuery(scope, id).get();
  return row ? customerFromRow(row) : undefined;
}

/** Many customers by id (chunked under D1's parameter limit), each with its tags. */
export async function loadCustomers(scope: TenantScope, ids: string[]): Promise<Customer[]> {
  const loaded: Customer[] = [];
  for (let start = 0; start < ids.length; start += 80) {
    const rows = await scope.db
      .select({ customer: customers, tags: tagsJson })
      .from(customers)
      .where(scope.where(customers, inArray(customers.id, ids.slice(start, start + 80))))
      .all();
    loaded.push(...rows.map(customerFromRow));
  }
  return loaded;
}

const TERMS_PER_STATEMENT = 30; // D1 allows 100 bound parameters per statement.

/**
 * Replace what one customer's fields are found by (same batch as the row change): its search terms,
 * its duplicate keys, so a customer entered next is compared with this one as committed, and the
 * numbers of customers merged into it, which keep finding it.
 */
export function searchTermStatements(scope: TenantScope, customer: CustomerRow) {
  const terms = customerSearchTermsOf(customer);
  const statements: BatchItem<'sqlite'>[] = [scope.db.delete(customerSearchTerms).where(eq(customerSearchTerms.customerId, customer.id)), ...matchKeyStatements(scope, customer)];
  for (let start = 0; start < terms.length; start += TERMS_PER_STATEMENT) {
    const values = terms.slice(start, start + TERMS_PER_STATEMENT).map((term) => ({ resellerId: scope.resellerId, term, customerId: customer.id }));
    statements.push(scope.db.insert(customerSearchTerms).values(values).onConflictDoNothing());
  }
  statements.push(mergedNumberTermsStatement(scope, customer.id));
  return statements;
}

/** `tags_sort` follows the customer's tags so the list can sort by them on an index. */
export function refreshTagsSort(scope: TenantScope, customerIds: string[] | SQL) {
  const ids = Array.isArray(customerIds) ? inArray(customers.id, customerIds) : customerIds;
  return scope.db
    .update(customers)
    .set({
      tagsSort: sql`coalesce((SELECT group_concat(name_key, ' ') FROM (SELECT t.name_key FROM ${customerTags} ct JOIN ${tags} t ON t.id = ct.tag_id WHERE ct.customer_id = customers.id ORDER BY t.name_key)), '')`,
    })
    .where(scope.where(customers, ids));
}

/** The stored row of a customer: scoped, with its sort keys (tags' sort key is kept by refreshTagsSort). */
export function rowOf(scope: TenantScope, customer: Customer): CustomerRow {
  const { tags: _tags, ...fields } = customer;
  return { ...fields, resellerId: scope.resellerId, ...customerSortKeys(fields), tagsSort: '' };
}

type NewCustomerFields = Omit<
  Customer,
  | 'id'
  | 'relationshipState'
  | 'grantedRights'
  | 'rightsToReview'
  | 'indirectProvider'
  | 'monthlyRevenueCents'
  | 'productCount'
  | 'tags'
  | 'archivedAt'
  | 'archivedBy'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
>;

/** A customer as it is first stored: no relationship, no products, no tags yet (unless `extra` says so). */
export function newCustomer(
  fields: NewCustomerFields,
  extra: Partial<Pick<Customer, 'relationshipState' | 'grantedRights' | 'rightsToReview' | 'indirectProvider'>> = {},
): Customer {
  const now = nowIso();
  return {
    id: newId('cus'),
    ...fields,
    relationshipState: 'none',
    grantedRights: [],
    rightsToReview: false,
    indirectProvider: null,
    ...extra,
    monthlyRevenueCents: 0,
    productCount: 0,
    tags: [],
    archivedAt: null,
    archivedBy: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/** The row and its search terms: what creating a customer writes (in the caller's batch). */
export function insertCustomerStatements(scope: TenantScope, customer: Customer) {
  const row = rowOf(scope, customer);
  return [scope.db.insert(customers).values(row), ...searchTermStatements(scope, row)];
}

/**
 * The next free number of the reseller `resellerId` names, as SQL (a query that reads something else
 * reads it too): after the highest purely numeric one, 10001 for the first customer.
 */
export const nextCustomerNumberSql = (resellerId: SQL | string) =>
  sql<string>`(SELECT CASE WHEN coalesce(max(CAST(n.customer_number AS INTEGER)), 0) > 0 THEN CAST(max(CAST(n.customer_number AS INTEGER)) + 1 AS TEXT) ELSE '10001' END
    FROM customers n WHERE n.reseller_id = ${resellerId} AND n.customer_number NOT GLOB '*[^0-9]*')`;

export async function nextCustomerNumber(scope: TenantScope): Promise<string> {
  const row = await scope.db.get<{ next: string }>(sql`SELECT ${nextCustomerNumberSql(scope.resellerId)} AS next`);
  return String(row?.next ?? '10001');
}

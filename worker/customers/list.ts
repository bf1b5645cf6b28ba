import { and, count, eq, exists, getTableColumns, gte, inArray, isNotNull, isNull, lt, ne, type Query, type SQL, sql } from 'drizzle-orm';
import { alias, intersect, type SelectedFields, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Customer, CustomerListQuery, CustomerSortField } from '../../schema/customers';
import { customerCounts, customerSearchTerms, customers, tags } from '../../schema/tables';
import type { TenantScope } from '../db';
import { Invalid } from '../errors';
import { everyPage, type Keyset, keysetClauses, pageFrom } from '../pagination';
import { incompleteCustomer } from './completeness';
import { rememberCustomer } from './customerMemory';
import { type CustomerRow, customerFromRow, tagsJson } from './rows';
import { searchQueryPrefixes } from './searchTerms';

/** Each sort runs on its own (reseller_id, column, id) index; the id breaks ties for stable paging. */
const sortColumns: Record<CustomerSortField, { column: SQLiteColumn; key: keyof CustomerRow; kind: 'string' | 'number' }> = {
  customerNumber: { column: customers.customerNumber, key: 'customerNumber', kind: 'string' },
  name: { column: customers.nameSort, key: 'nameSort', kind: 'string' },
  contact: { column: customers.contactSort, key: 'contactSort', kind: 'string' },
  phone: { column: customers.phone, key: 'phone', kind: 'string' },
  city: { column: customers.citySort, key: 'citySort', kind: 'string' },
  email: { column: customers.email, key: 'email', kind: 'string' },
  monthlyRevenue: { column: customers.monthlyRevenueCents, key: 'monthlyRevenueCents', kind: 'number' },
  productCount: { column: customers.productCount, key: 'productCount', kind: 'number' },
  relationshipState: { column: customers.relationshipState, key: 'relationshipState', kind: 'string' },
  tags: { column: customers.tagsSort, key: 'tagsSort', kind: 'string' },
  createdAt: { column: customers.createdAt, key: 'createdAt', kind: 'string' },
};

/**
 * The filters of a list query, shared by page and count: `matches` is the set of customers having a
 * word that starts with each searched prefix (read from the term index, intersected), `conditions`
 * the rest (tag, state, country).
 */
export interface CustomerFilters {
  conditions: SQL[];
  matches?: SearchMatches;
}

/** Terms starting with `prefix`: a range of an index on `term`. */
const startsWith = (term: SQLiteColumn, prefix: string) => and(gte(term, prefix), lt(term, `${prefix}\uffff`));

/**
 * The customer ids having a word that starts with each prefix. The two longest prefixes (usually the
 * rarest words) are read as ranges of the term index and intersected; each customer in both is then
 * asked, one seek on (customer, term) each, whether it also has the shorter words. Intersecting every
 * range read all 23,000 "gmbh" terms of 50,000 customers for "elektro gmbh berlin"; probing from one
 * range made two rare words slower than intersecting them (1,700 seeks instead of two short reads).
 */
function searchMatches(scope: TenantScope, prefixes: [string, ...string[]]) {
  const [first, second, ...probed] = [...prefixes].sort((a, b) => b.length - a.length) as [string, ...string[]];
  // Distinct: one customer has several words with the same prefix (Müller is stored as muller and mueller).
  const range = (prefix: string) =>
    scope.db
      .selectDistinct({ customerId: customerSearchTerms.customerId })
      .from(customerSearchTerms)
      .where(and(eq(customerSearchTerms.resellerId, scope.resellerId), startsWith(customerSearchTerms.term, prefix)));
  if (probed.length === 0) return (second ? intersect(range(first), range(second)) : range(first)).as('search_matches');
  const both = intersect(range(first), range(second!)).as('rare_words');
  const alsoHas = probed.map((prefix) => {
    const other = alias(customerSearchTerms, 'other_terms');
    // The customer id is the reseller's already (the ranges are scoped): no reseller column, so the seek uses (customer, term).
    return exists(
      scope.db
        .select({ one: sql`1` })
        .from(other)
        .where(and(eq(other.customerId, both.customerId), startsWith(other.term, prefix))),
    );
  });
  return scope.db
    .select({ customerId: both.customerId })
    .from(both)
    .where(and(...alsoHas))
    .as('search_matches');
}
type SearchMatches = ReturnType<typeof searchMatches>;

/**
 * A search reads its matches from the term index and joins the customers to them (then sorts the
 * matches), instead of walking every customer in sort order and probing each one: at 50,000
 * customers that made a rare word or three words 100+ ms. Only one short prefix ("m", "mu") matches
 * so many customers that walking the sort order finds a page sooner; it stays a probe.
 */
const drivesFromTerms = (prefixes: string[]) => prefixes.length > 1 || prefixes.some((prefix) => prefix.length >= 3);

type FilterQuery = Pick<CustomerListQuery, 'q' | 'tag' | 'state' | 'country' | 'archived' | 'incomplete'>;

/** The reseller's tag of that id: a filter by any other tag is a field error, not an empty list. */
const knownTag = (scope: TenantScope, tagId: string) =>
  scope.db
    .select({ id: tags.id })
    .from(tags)
    .where(scope.where(tags, eq(tags.id, tagId)));
const unknownTag = () => new Invalid({ tag: 'unknown_tag' });

/**
 * The list's conditions. A tag filter's tag is checked first, unless the caller checks it in the
 * list's own batch (`tagCheckedLater`, so the list waits for one trip).
 */
export async function customerFilters(scope: TenantScope, query: FilterQuery, options: { tagCheckedLater?: boolean } = {}): Promise<CustomerFilters> {
  const conditions: SQL[] = [];
  const prefixes = searchQueryPrefixes(query.q);
  let matches: SearchMatches | undefined;
  if (prefixes.length > 0) {
    matches = searchMatches(scope, prefixes as [string, ...string[]]);
    if (!drivesFromTerms(prefixes)) {
      conditions.push(inArray(customers.id, scope.db.select({ customerId: matches.customerId }).from(matches)));
      matches = undefined;
    }
  }
  if (query.tag) {
    if (!options.tagCheckedLater && !(await knownTag(scope, query.tag).get())) throw unknownTag();
    conditions.push(sql`${customers.id} IN (SELECT customer_id FROM customer_tags WHERE reseller_id = ${scope.resellerId} AND tag_id = ${query.tag})`);
  }
  // A removed relationship leaves the list but keeps the data: shown only when asked for.
  if (query.state) conditions.push(eq(customers.relationshipState, query.state));
  else conditions.push(ne(customers.relationshipState, 'removed'));
  if (query.country) conditions.push(eq(customers.country, query.country));
  // Archived customers leave the list, its count, search and exports; `archived=1` shows only them.
  conditions.push(query.archived === '1' ? isNotNull(customers.archivedAt) : isNull(customers.archivedAt));
  if (query.incomplete === '1') conditions.push(incompleteCustomer);
  return { conditions, matches };
}

/** The customers, or (searching) the search's matches and their customers: CROSS JOIN keeps SQLite reading the matches first. */
function fromCustomers<Fields extends SelectedFields>(scope: TenantScope, filters: CustomerFilters, fields: Fields) {
  return filters.matches ? scope.db.select(fields).from(filters.matches).$dynamic().crossJoin(customers) : scope.db.select(fields).from(customers).$dynamic();
}
const joinedTo = (filters: CustomerFilters) => (filters.matches ? [eq(customers.id, filters.matches.customerId)] : []);

/** The list as it opens: its total is kept by triggers (customer_counts) instead of counted per request. */
const unfiltered = (query: FilterQuery) =>
  searchQueryPrefixes(query.q).length === 0 && !query.tag && !query.state && !query.country && query.archived !== '1' && query.incomplete !== '1';

type PageRow = { customer: CustomerRow; tags: string };
/** The name of the page's tags column (a JSON array), next to the customer's own columns. */
const PAGE_TAGS = 'page_tags';

/** The sort column, then the id; sort and direction travel in the cursor, so another sort's cursor is refused. */
function keysetOf(query: CustomerListQuery): Keyset<PageRow> {
  const { column, key, kind } = sortColumns[query.sort];
  const descending = query.dir === 'desc';
  return {
    label: [query.sort, query.dir],
    keys: [
      { by: column, kind, of: (row) => row.customer[key] as string | number, descending },
      { by: customers.id, kind: 'string', of: (row) => row.customer.id, descending },
    ],
  };
}

/**
 * A searched or filtered list counts its matches only up to this many and then says "more than 1,000":
 * counting 7,500 tagged customers exactly cost 30–90 ms of SQL per list request at 50,000 customers,
 * for a figure nobody reads to the last digit. Exports and jobs count exactly (`exactCount`).
 */
export const LIST_COUNT_CAP = 1_000;

/**
 * The page and count statements of a list query, built but not run (the EXPLAIN test inspects them).
 * `filters` may be passed in when the caller reads many pages of one query (exports).
 */
export async function customerListStatements(
  scope: TenantScope,
  query: CustomerListQuery,
  options: { filters?: CustomerFilters; exactCount?: boolean; tagCheckedLater?: boolean } = {},
) {
  const keyset = keysetOf(query);
  const { orderBy, after } = keysetClauses(keyset, query.cursor);
  const filters = options.filters ?? (await customerFilters(scope, query, { tagCheckedLater: options.tagCheckedLater }));
  const matches = scope.where(customers, ...joinedTo(filters), ...filters.conditions);
  return {
    keyset,
    page: fromCustomers(scope, filters, { customer: customers, tags: tagsJson.as(PAGE_TAGS) })
      .where(and(matches, after))
      .orderBy(...orderBy)
      .limit(query.limit + 1),
    count: unfiltered(query)
      ? scope.db.select({ total: customerCounts.listed }).from(customerCounts).where(eq(customerCounts.resellerId, scope.resellerId))
      : options.exactCount
        ? fromCustomers(scope, filters, { total: count() }).where(matches)
        : scope.db.select({ total: count() }).from(
            fromCustomers(scope, filters, { one: sql<number>`1`.as('one') })
              .where(matches)
              .limit(LIST_COUNT_CAP + 1)
              .as('capped_matches'),
          ),
  };
}

/** One page of customers and its cursor (the statement reads one more row to learn whether another page follows). */
const pageOf = (query: CustomerListQuery, keyset: Keyset<PageRow>, rows: PageRow[]) => pageFrom(rows, query.limit, keyset, customerFromRow);

const customerColumns = Object.entries(getTableColumns(customers)).map(([key, column]) => ({ key, name: column.name, column }));

/** A customer row from D1's record (keyed by column name), decoded by each column as drizzle would. */
function customerFromRecord(record: Record<string, unknown>): CustomerRow {
  const row: Record<string, unknown> = {};
  for (const { key, name, column } of customerColumns) {
    const value = record[name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as CustomerRow;
}

/**
 * The list's page and count in one D1 batch, its rows read straight from D1's records: drizzle's row
 * mapping checks the kind of every cell (51 rows × 40 columns), a sixth of a list request's CPU.
 */
async function runListBatch(scope: TenantScope, page: { toSQL(): Query }, countQuery: { toSQL(): Query }, check?: { toSQL(): Query }): Promise<[PageRow[], number, boolean]> {
  const d1 = scope.db.$client;
  const [pageResult, countResult, checkResult] = await d1.batch<Record<string, unknown>>(
    [page, countQuery, ...(check ? [check] : [])].map((statement) => {
      const { sql: text, params } = statement.toSQL();
      return d1.prepare(text).bind(...params);
    }),
  );
  const rows = (pageResult?.results ?? []).map((record) => ({ customer: customerFromRecord(record), tags: record[PAGE_TAGS] as string }));
  const [counted] = Object.values(countResult?.results[0] ?? {});
  return [rows, Number(counted ?? 0), !check || (checkResult?.results.length ?? 0) > 0];
}

/** A page of the list and its total; `totalCapped` when the list matches more than LIST_COUNT_CAP customers (then `total` is the cap). */
export async function listCustomers(scope: TenantScope, query: CustomerListQuery) {
  const { keyset, page: pageQuery, count: countQuery } = await customerListStatements(scope, query, { tagCheckedLater: true });
  const [rows, total, tagKnown] = await runListBatch(scope, pageQuery, countQuery, query.tag ? knownTag(scope, query.tag) : undefined);
  if (!tagKnown) throw unknownTag();
  const totalCapped = !unfiltered(query) && total > LIST_COUNT_CAP;
  const page = pageOf(query, keyset, rows);
  // A change started from the list (a row's action, the view opened from it) is planned from the row shown.
  page.items.forEach((customer, index) => {
    rememberCustomer(scope, customer, rows[index]!.tags);
  });
  return { ...page, total: totalCapped ? LIST_COUNT_CAP : total, totalCapped };
}

/** The ids of the customers a list query shows, in customer-number order, at most `limit` (a bulk job over "every customer of the list"). */
export async function matchingCustomerIds(scope: TenantScope, query: FilterQuery, limit: number): Promise<string[]> {
  const filters = await customerFilters(scope, query);
  const rows = await fromCustomers(scope, filters, { id: customers.id })
    .where(scope.where(customers, ...joinedTo(filters), ...filters.conditions))
    .orderBy(customers.customerNumber, customers.id)
    .limit(limit)
    .all();
  return rows.map((row) => row.id);
}

export type CustomerQuery = Omit<CustomerListQuery, 'limit' | 'cursor'>;

export async function countCustomers(scope: TenantScope, query: CustomerQuery): Promise<number> {
  const { count: countQuery } = await customerListStatements(scope, { ...query, limit: 1 }, { exactCount: true });
  return (await countQuery.get())?.total ?? 0;
}

/**
 * Every customer of a list query in the list's order, one keyset page at a time (exports): memory
 * holds one page, and a page costs the same however deep into the list it is.
 */
export async function* customerPages(scope: TenantScope, query: CustomerQuery, pageSize = 1000): AsyncGenerator<Customer[]> {
  const filters = await customerFilters(scope, query);
  yield* everyPage(async (cursor) => {
    const pageQuery = { ...query, limit: pageSize, cursor };
    const { keyset, page } = await customerListStatements(scope, pageQuery, { filters });
    return pageOf(pageQuery, keyset, await page.all());
  });
}

/** The SQL a list query runs, for `npm run bench:api`'s floor (only sent when BENCH_SQL=1). */
export async function listSqlForBenchmark(scope: TenantScope, query: CustomerListQuery): Promise<string> {
  const { page, count } = await customerListStatements(scope, query);
  return encodeURIComponent(JSON.stringify([page.toSQL(), count.toSQL()]));
}

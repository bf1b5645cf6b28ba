// What a customer holds (orders, subscriptions, licences, domains, portal users) and the two list
// figures derived from it: monthly revenue (MRR) and the product count. Every write that changes a
// holding adds `refreshCustomerTotals` to its batch, so the list is never out of step.
import { eq, ne, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Context } from 'hono';
import { pageQuery } from '../../schema/common';
import type { Customer } from '../../schema/customers';
import type { Asset, Domain, PortalUser, Service, Subscription } from '../../schema/orders';
import type { LiveEvent } from '../../schema/realtime';
import { assets, customers, domains, portalUsers, subscriptions } from '../../schema/tables';
import { currentActor } from '../auth/guards';
import { nowIso, type TenantScope, tenantScope } from '../db';
import type { AppEnv } from '../env';
import { NotFound } from '../errors';
import { sortKey, tableList } from '../pagination';
import { readTogether } from '../readTogether';
import { rememberRows, type VersionedRow, type VersionedTable } from '../rowMemory';
import { readQuery } from '../validate';
import { type AuditActor, liveEvent } from '../write';
import { loadCustomer } from './rows';

/**
 * MRR: active recurring subscriptions, yearly ones at 1/12; a Standard reseller's markup on top
 * (a Basic reseller has none, so a change from Standard to Basic drops it at the next refresh).
 * Products: subscriptions not cancelled plus one-off licences still active (shop and reseller products).
 */
const monthlyRevenue = sql`(SELECT CAST(round(coalesce(sum(CASE s.billing WHEN 'monthly' THEN s.quantity * s.unit_price_cents ELSE s.quantity * s.unit_price_cents / 12.0 END), 0)
    * (1 + (SELECT CASE r.partner_type WHEN 'standard' THEN r.markup_basis_points ELSE 0 END FROM resellers r WHERE r.id = customers.reseller_id) / 10000.0)) AS INTEGER)
  FROM subscriptions s WHERE s.customer_id = customers.id AND s.state = 'active')`;
const productCount = sql`((SELECT count(*) FROM subscriptions s WHERE s.customer_id = customers.id AND s.state <> 'cancelled')
  + (SELECT count(*) FROM assets a WHERE a.customer_id = customers.id AND a.subscription_id IS NULL AND a.state = 'active'))`;

/** Recomputes MRR and product count of the customers matched, and moves their version on. */
export function refreshCustomerTotals(scope: TenantScope, which: SQL) {
  return scope.db
    .update(customers)
    .set({ monthlyRevenueCents: monthlyRevenue, productCount, version: sql`${customers.version} + 1`, updatedAt: nowIso() })
    .where(scope.where(customers, which));
}

export const refreshTotalsOf = (scope: TenantScope, customerId: string) => refreshCustomerTotals(scope, eq(customers.id, customerId));

/** After the batch: the customer row as it now is, for colleagues' lists (MRR, product count). */
export function customerChangedEvent(scope: TenantScope, actor: AuditActor, customerId: string) {
  return async (): Promise<LiveEvent[]> => {
    const customer = await loadCustomer(scope, customerId);
    return customer ? [liveEvent('customer.updated', actor, customer, customer)] : [];
  };
}

/** The customer of a nested route (`/customers/:customerId/...`), or 404 for another reseller's. */
export async function requireOwnCustomer(scope: TenantScope, customerId: string): Promise<Customer> {
  const customer = await loadCustomer(scope, customerId);
  if (!customer) throw new NotFound();
  return customer;
}

/** A row of a customer-owned table by id, scoped to the reseller, or 404. */
export async function requireOwned<T extends SQLiteTable & { id: SQLiteColumn; resellerId: SQLiteColumn }>(scope: TenantScope, table: T, id: string) {
  const row = await scope.db
    .select()
    .from(table as SQLiteTable)
    .where(scope.where(table, eq(table.id, id)))
    .get();
  if (!row) throw new NotFound();
  return row as T['$inferSelect'];
}

/** A stored row as the API shows it: without the reseller and the timestamps. */
export const strip = <T extends { resellerId: string; createdAt?: string; updatedAt?: string }>(row: T) => {
  const { resellerId: _r, createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
};

/** A licence as the API shows it (its order is not part of it). */
export const assetView = ({ orderId: _o, ...row }: typeof assets.$inferSelect): Asset => strip(row);

type CustomerListParams = { customerId: string };
type CustomerTable = VersionedTable & { customerId: SQLiteColumn };

/**
 * One customer's rows by a name, then by id, so rows with the same name never tie; each list has its
 * (reseller, customer, name, id) index to page along.
 */
function customerList<Row extends VersionedRow, Item>(
  table: CustomerTable,
  name: { column: SQLiteColumn; key: keyof Row & string },
  item: (row: Row) => Item,
  where = (params: CustomerListParams): (SQL | undefined)[] => [eq(table.customerId, params.customerId)],
) {
  return tableList<CustomerListParams, Row, Item>({
    table,
    where,
    order: () => ({ keys: [sortKey<Row, typeof name.key>(name.column, name.key), sortKey<Row, 'id'>(table.id, 'id')] }),
    item,
    // The user edits from these tabs: a change based on a row shown here is planned without reading it.
    seen: (scope, rows) => rememberRows(scope, table, rows),
  });
}

type SubscriptionRow = typeof subscriptions.$inferSelect;

/** The lists under `/customers/:customerId/…`. */
export const holdingLists = {
  subscriptions: customerList<SubscriptionRow, Subscription>(subscriptions, { column: subscriptions.name, key: 'name' }, strip),
  assets: customerList<typeof assets.$inferSelect, Asset>(assets, { column: assets.name, key: 'name' }, assetView),
  /** The services tab ("Dienste verwalten"): the services active or suspended subscriptions provide. */
  services: customerList<SubscriptionRow, Service>(
    subscriptions,
    { column: subscriptions.serviceName, key: 'serviceName' },
    (row) => ({ subscriptionId: row.id, name: row.serviceName, product: row.name, state: row.state === 'active' ? 'running' : 'suspended' }),
    (params) => [eq(subscriptions.customerId, params.customerId), ne(subscriptions.state, 'cancelled'), ne(subscriptions.serviceName, '')],
  ),
  domains: customerList<typeof domains.$inferSelect, Domain>(domains, { column: domains.name, key: 'name' }, strip),
  users: customerList<typeof portalUsers.$inferSelect, PortalUser>(portalUsers, { column: portalUsers.username, key: 'username' }, strip),
};

export type HoldingList = keyof typeof holdingLists;

/** `GET /customers/:customerId/<list>`: one page of the customer's list; another reseller's customer is a 404. */
export async function holdingsPage<L extends HoldingList>(c: Context<AppEnv>, list: L) {
  const scope = tenantScope(c.env, currentActor(c));
  const customerId = c.req.param('customerId')!;
  // The customer check and the page at once (both scoped to the reseller; the page is only shown when
  // the check passed, and another reseller's customer is a 404 before anything about the query).
  const [, page] = await readTogether([requireOwnCustomer(scope, customerId), (async () => holdingLists[list].read(scope, { customerId, ...readQuery(c, pageQuery) }))()]);
  return page;
}

// What a customer holds (orders, subscriptions, licences, domains, portal users) and the two list
// figures derived from it: monthly revenue (MRR) and the product count. Every write that changes a
// holding adds `refreshCustomerTotals` to its batch, so the list is never out of step.
import { and, asc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Customer } from '../../schema/customers';
import type { Asset, Domain, PortalUser, Service, Subscription } from '../../schema/orders';
import type { LiveEvent } from '../../schema/realtime';
import { assets, customers, domains, portalUsers, subscriptions } from '../../schema/tables';
import { nowIso, type TenantScope } from '../db';
import { NotFound } from '../errors';
import { liveEvent, type AuditActor } from '../write';
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

const strip = <T extends { resellerId: string; createdAt?: string; updatedAt?: string }>(row: T) => {
  const { resellerId: _r, createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
};

export async function subscriptionsOf(scope: TenantScope, customerId: string): Promise<Subscription[]> {
  const rows = await scope.db.select().from(subscriptions).where(scope.where(subscriptions, eq(subscriptions.customerId, customerId))).orderBy(asc(subscriptions.name)).all();
  return rows.map(strip);
}

export async function assetsOf(scope: TenantScope, customerId: string): Promise<Asset[]> {
  const rows = await scope.db.select().from(assets).where(scope.where(assets, eq(assets.customerId, customerId))).orderBy(asc(assets.name)).all();
  return rows.map(({ orderId: _o, ...row }) => strip(row));
}

/** Seed 000 "Dienste verwalten": the services active or suspended subscriptions provide. */
export async function servicesOf(scope: TenantScope, customerId: string): Promise<Service[]> {
  const rows = await scope.db
    .select()
    .from(subscriptions)
    .where(scope.where(subscriptions, and(eq(subscriptions.customerId, customerId), ne(subscriptions.state, 'cancelled'), ne(subscriptions.serviceName, ''))))
    .orderBy(asc(subscriptions.serviceName))
    .all();
  return rows.map((row) => ({ subscriptionId: row.id, name: row.serviceName, product: row.name, state: row.state === 'active' ? 'running' : 'suspended' }));
}

export async function domainsOf(scope: TenantScope, customerId: string): Promise<Domain[]> {
  const rows = await scope.db.select().from(domains).where(scope.where(domains, eq(domains.customerId, customerId))).orderBy(asc(domains.name)).all();
  return rows.map(strip);
}

export async function portalUsersOf(scope: TenantScope, customerId: string): Promise<PortalUser[]> {
  const rows = await scope.db.select().from(portalUsers).where(scope.where(portalUsers, eq(portalUsers.customerId, customerId))).orderBy(asc(portalUsers.username)).all();
  return rows.map(strip);
}

// The catalog, orders and what fulfilled orders create: subscriptions, licences (assets), domains and portal users.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { initialOrderStatus } from '../orderStatuses';
import { billingCycles, catalogs, domainVerifications, domainZones, renewalModes, subscriptionStates } from '../orders';
import { resellerRef } from './accounts';
import { timestamps } from './columns';
import { customerRef } from './customers';

/** Each reseller's catalog: the four distributor catalogs (read-only here) and its own products. */
export const products = sqliteTable(
  'products',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    catalog: text('catalog', { enum: catalogs }).notNull(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    billing: text('billing', { enum: billingCycles }).notNull(),
    priceCents: integer('price_cents').notNull(),
    currency: text('currency').notNull().default('EUR'),
    createsLicence: integer('creates_licence', { mode: 'boolean' }).notNull().default(false),
    serviceName: text('service_name').notNull().default(''),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (table) => [uniqueIndex('products_reseller_sku_unique').on(table.resellerId, table.sku), index('products_catalog_idx').on(table.resellerId, table.catalog, table.name, table.id)],
);

export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    customerId: customerRef(),
    /** Per reseller, drawn inside the inserting statement; the unique index is the backstop. */
    orderNumber: integer('order_number').notNull(),
    catalog: text('catalog', { enum: catalogs }).notNull(),
    /** A status code of the reseller's order settings. */
    status: text('status').notNull().default(initialOrderStatus),
    orderDate: text('order_date').notNull(),
    fulfilledAt: text('fulfilled_at'),
    totalCents: integer('total_cents').notNull(),
    currency: text('currency').notNull().default('EUR'),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('orders_reseller_number_unique').on(table.resellerId, table.orderNumber),
    index('orders_customer_idx').on(table.resellerId, table.customerId, table.orderNumber),
  ],
);

export const orderLines = sqliteTable(
  'order_lines',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    billing: text('billing', { enum: billingCycles }).notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    totalCents: integer('total_cents').notNull(),
  },
  (table) => [index('order_lines_order_idx').on(table.orderId)],
);

export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    customerId: customerRef(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    name: text('name').notNull(),
    billing: text('billing', { enum: ['monthly', 'yearly'] }).notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    term: text('term', { enum: ['P1M', 'P1Y'] }).notNull(),
    renewalDate: text('renewal_date').notNull(),
    state: text('state', { enum: subscriptionStates }).notNull().default('active'),
    serviceName: text('service_name').notNull().default(''),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (table) => [
    index('subscriptions_customer_idx').on(table.resellerId, table.customerId, table.state),
    index('subscriptions_name_idx').on(table.resellerId, table.customerId, table.name, table.id),
    index('subscriptions_service_idx').on(table.resellerId, table.customerId, table.serviceName, table.id),
  ],
);

export const assets = sqliteTable(
  'assets',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    customerId: customerRef(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    subscriptionId: text('subscription_id').references(() => subscriptions.id),
    name: text('name').notNull(),
    seatsTotal: integer('seats_total').notNull(),
    seatsUsed: integer('seats_used').notNull().default(0),
    licenceKey: text('licence_key').notNull(),
    state: text('state', { enum: ['active', 'inactive'] })
      .notNull()
      .default('active'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (table) => [index('assets_customer_idx').on(table.resellerId, table.customerId, table.name, table.id), index('assets_subscription_idx').on(table.subscriptionId)],
);

export const domains = sqliteTable(
  'domains',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    customerId: customerRef(),
    name: text('name').notNull(),
    contract: text('contract').notNull().default(''),
    registrar: text('registrar').notNull().default(''),
    verification: text('verification', { enum: domainVerifications }).notNull().default('pending'),
    zone: text('zone', { enum: domainZones }).notNull().default('managed'),
    transferLock: integer('transfer_lock', { mode: 'boolean' }).notNull().default(true),
    renewalMode: text('renewal_mode', { enum: renewalModes }).notNull().default('auto'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('domains_reseller_name_unique').on(table.resellerId, table.name),
    index('domains_customer_idx').on(table.resellerId, table.customerId, table.name, table.id),
  ],
);

export const portalUsers = sqliteTable(
  'portal_users',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    customerId: customerRef(),
    username: text('username').notNull(),
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull(),
    email: text('email').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('portal_users_username_unique').on(table.resellerId, table.username),
    index('portal_users_customer_idx').on(table.resellerId, table.customerId, table.username, table.id),
  ],
);

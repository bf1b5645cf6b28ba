import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { relationshipStates } from './customers';
import { customFieldTypes } from './customFields';
import { duplicateReasons } from './duplicateKeys.js';
import { type ImportReport, importStatuses } from './imports';
import { jobItemStates, jobKinds, jobStates } from './jobs';
import { defaultOrderStatuses, initialOrderStatus, type OrderStatusSetting } from './orderStatuses';
import { billingCycles, catalogs, domainVerifications, domainZones, renewalModes, subscriptionStates } from './orders';
import { partnerTypes, roles } from './permissions';
import { type SavedView, savedViewVisibilities } from './savedViews';
import { tagColors } from './tags';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const timestamps = {
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
};

/** The tenant column of every reseller-owned table; `tenantScope` filters on it. */
const resellerRef = () =>
  text('reseller_id')
    .notNull()
    .references(() => resellers.id);
/** The owning customer of orders, subscriptions, licences, domains and portal users. */
const customerRef = () =>
  text('customer_id')
    .notNull()
    .references(() => customers.id);

export const resellers = sqliteTable('resellers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  partnerType: text('partner_type', { enum: partnerTypes }).notNull(),
  currency: text('currency').notNull().default('EUR'),
  onlyOwnerAddsCustomers: integer('only_owner_adds_customers', { mode: 'boolean' }).notNull().default(false),
  /** The reseller's indirect provider (distributor), invited together with it when asked. */
  indirectProvider: text('indirect_provider').notNull().default(''),
  invitationDays: integer('invitation_days').notNull().default(14),
  /** A Standard reseller's markup on its customers' revenue, in basis points (1500 = 15 %); Basic has none. */
  markupBasisPoints: integer('markup_basis_points').notNull().default(0),
  /** The order settings: statuses in workflow order (schema/orderStatuses.ts); every reseller starts with the defaults. */
  orderStatuses: text('order_statuses', { mode: 'json' }).$type<OrderStatusSetting[]>().notNull().default(defaultOrderStatuses),
  orderStatusesVersion: integer('order_statuses_version').notNull().default(1),
  version: integer('version').notNull().default(1),
  ...timestamps,
});

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: roles }).notNull(),
    /** `pbkdf2-sha256$<iterations>$<salt>$<hash>` so the algorithm and count can change later. */
    passwordHash: text('password_hash').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    locale: text('locale', { enum: ['de', 'en'] })
      .notNull()
      .default('de'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  // One account per e-mail address and reseller: a person who works for two resellers has two accounts
  // (sharing the password hash's salt), and sign-in finds them all by the address.
  (table) => [uniqueIndex('users_email_reseller_unique').on(table.email, table.resellerId), index('users_reseller_idx').on(table.resellerId, table.displayName, table.id)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie token; the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    resellerId: resellerRef(),
    createdAt: text('created_at').notNull().default(now),
    expiresAt: text('expires_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull().default(now),
    revokedAt: text('revoked_at'),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);

/** Failed sign-ins per account (`email:`) and per client address (`ip:`). */
export const signInThrottle = sqliteTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastFailureAt: text('last_failure_at').notNull(),
  lockedUntil: text('locked_until'),
});

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    resellerId: resellerRef(),
    actorUserId: text('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    customerId: text('customer_id'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    createdAt: text('created_at').notNull().default(now),
  },
  (table) => [index('audit_reseller_time_idx').on(table.resellerId, table.id), index('audit_reseller_customer_idx').on(table.resellerId, table.customerId, table.id)],
);

export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    customerNumber: text('customer_number').notNull(),
    company: text('company').notNull().default(''),
    contactFirstName: text('contact_first_name').notNull().default(''),
    contactLastName: text('contact_last_name').notNull().default(''),
    email: text('email').notNull(),
    phone: text('phone').notNull().default(''),
    mobile: text('mobile').notNull().default(''),
    website: text('website').notNull().default(''),
    address: text('address').notNull(),
    postalCode: text('postal_code').notNull(),
    city: text('city').notNull(),
    state: text('state').notNull().default(''),
    /** ISO 3166-1 alpha-2. */
    country: text('country').notNull(),
    primaryDomain: text('primary_domain').notNull().default(''),
    /** Microsoft Entra tenant id, lower case; '' when not known (unique per reseller otherwise). */
    microsoftId: text('microsoft_id').notNull().default(''),
    relationshipState: text('relationship_state', { enum: relationshipStates }).notNull().default('none'),
    grantedRights: text('granted_rights', { mode: 'json' }).$type<string[]>().notNull().default([]),
    rightsToReview: integer('rights_to_review', { mode: 'boolean' }).notNull().default(false),
    indirectProvider: text('indirect_provider'),
    monthlyRevenueCents: integer('monthly_revenue_cents').notNull().default(0),
    productCount: integer('product_count').notNull().default(0),
    customFields: text('custom_fields', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    /** German sort keys kept beside the row (schema/collation.js), so every sort runs on an index. */
    nameSort: text('name_sort').notNull().default(''),
    contactSort: text('contact_sort').notNull().default(''),
    citySort: text('city_sort').notNull().default(''),
    tagsSort: text('tags_sort').notNull().default(''),
    /** Set while the customer is archived: out of the list, its count, search and exports, data kept. */
    archivedAt: text('archived_at'),
    archivedBy: text('archived_by'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('customers_reseller_number_unique').on(table.resellerId, table.customerNumber),
    uniqueIndex('customers_reseller_microsoft_id_unique').on(table.resellerId, table.microsoftId).where(sql`${table.microsoftId} <> ''`),
    index('customers_reseller_created_idx').on(table.resellerId, table.createdAt, table.id),
    index('customers_sort_name_idx').on(table.resellerId, table.nameSort, table.id),
    index('customers_sort_contact_idx').on(table.resellerId, table.contactSort, table.id),
    index('customers_sort_phone_idx').on(table.resellerId, table.phone, table.id),
    index('customers_sort_city_idx').on(table.resellerId, table.citySort, table.id),
    index('customers_sort_email_idx').on(table.resellerId, table.email, table.id),
    index('customers_sort_mrr_idx').on(table.resellerId, table.monthlyRevenueCents, table.id),
    index('customers_sort_products_idx').on(table.resellerId, table.productCount, table.id),
    index('customers_sort_state_idx').on(table.resellerId, table.relationshipState, table.id),
    index('customers_sort_tags_idx').on(table.resellerId, table.tagsSort, table.id),
    index('customers_country_idx').on(table.resellerId, table.country, table.customerNumber),
    // An import matches a row to its customer by primary domain (Partner Center's file names no number or e-mail).
    index('customers_primary_domain_idx').on(table.resellerId, table.primaryDomain),
  ],
);

/** Prefix-searchable words of each customer, rewritten in the same batch as the customer row. */
export const customerSearchTerms = sqliteTable(
  'customer_search_terms',
  {
    resellerId: text('reseller_id').notNull(),
    term: text('term').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
  },
  (table) => [
    primaryKey({ columns: [table.resellerId, table.term, table.customerId] }),
    // (customer, term): a multi-word search reads its longest word's range and asks each match
    // whether it also has the other words, one seek each (worker/customers/list.ts).
    index('customer_search_terms_customer_term_idx').on(table.customerId, table.term),
  ],
);

export const tags = sqliteTable(
  'tags',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    name: text('name').notNull(),
    /** Lower-cased name: two tags may not differ only in case. */
    nameKey: text('name_key').notNull(),
    color: text('color', { enum: tagColors }).notNull().default('gray'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (table) => [uniqueIndex('tags_reseller_name_unique').on(table.resellerId, table.nameKey)],
);

export const customerTags = sqliteTable(
  'customer_tags',
  {
    resellerId: text('reseller_id').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    tagId: text('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.customerId, table.tagId] }), index('customer_tags_tag_idx').on(table.resellerId, table.tagId, table.customerId)],
);

export const customFields = sqliteTable(
  'custom_fields',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    label: text('label').notNull(),
    type: text('type', { enum: customFieldTypes }).notNull(),
    options: text('options', { mode: 'json' }).$type<string[]>().notNull().default([]),
    required: integer('required', { mode: 'boolean' }).notNull().default(false),
    position: integer('position').notNull().default(0),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (table) => [index('custom_fields_reseller_idx').on(table.resellerId, table.position, table.createdAt, table.id)],
);

/**
 * One row per guard name whose CHECK fails when a batch's precondition (a version, "nothing attached")
 * does not hold; the failing statement aborts the whole D1 batch, so nothing is half-written.
 */
export const writeGuards = sqliteTable(
  'write_guards',
  {
    name: text('name').primaryKey(),
    ok: integer('ok').notNull(),
  },
  (table) => [check('write_guard_holds', sql`${table.ok} = 1`)],
);

/**
 * One row per committed write batch, written inside the batch: when D1 loses the connection after a
 * batch was sent, this tells whether it committed, so the write is retried only if it did not.
 */
export const writeCommits = sqliteTable(
  'write_commits',
  {
    id: text('id').primaryKey(),
    committedAt: text('committed_at').notNull(),
  },
  (table) => [index('write_commits_at_idx').on(table.committedAt)],
);

/**
 * How many customers each reseller's list shows without filters (relationship not removed). Kept by
 * triggers on `customers` (migration 0007) in the same transaction as every insert, delete and
 * relationship change, so the unfiltered list answers its total without counting 50,000 rows.
 */
export const customerCounts = sqliteTable('customer_counts', {
  resellerId: text('reseller_id').primaryKey(),
  listed: integer('listed').notNull().default(0),
});

/**
 * What deleting a customer removed (its row, tag links, domains, the invitations it let go), written in
 * the delete's batch so "Rückgängig" can put it all back with the same id until `undoUntil`.
 * Columns are stored as JSON objects keyed by column name, so they round-trip exactly.
 */
export const deletedCustomers = sqliteTable(
  'deleted_customers',
  {
    customerId: text('customer_id').primaryKey(),
    resellerId: resellerRef(),
    customerNumber: text('customer_number').notNull(),
    customer: text('customer').notNull(),
    tagIds: text('tag_ids').notNull(),
    domains: text('domains').notNull(),
    invitationIds: text('invitation_ids').notNull(),
    deletedBy: text('deleted_by').notNull(),
    deletedAt: text('deleted_at').notNull().default(now),
    undoUntil: text('undo_until').notNull(),
  },
  (table) => [index('deleted_customers_reseller_idx').on(table.resellerId, table.undoUntil)],
);

/**
 * Live events of committed writes, written in the write's own batch and removed once the reseller's
 * hub has broadcast them: an isolate that dies between commit and publish loses nothing, because the
 * hub re-drives what is left here. `seq` is the commit order; `events` is JSON, or null when the
 * events are computed after the commit (then a re-drive can only tell clients to resync).
 */
export const liveOutbox = sqliteTable(
  'live_outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    resellerId: resellerRef(),
    events: text('events'),
    createdAt: text('created_at').notNull(),
  },
  (table) => [index('live_outbox_reseller_idx').on(table.resellerId, table.seq), index('live_outbox_created_idx').on(table.createdAt)],
);

export const invitations = sqliteTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    kind: text('kind', { enum: ['existing', 'new'] }).notNull(),
    /** Set from the start for an existing customer; for "Neue Beziehung" once the customer accepted. */
    customerId: text('customer_id').references(() => customers.id),
    /** SHA-256 of the link's token; the token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull(),
    state: text('state', { enum: ['pending', 'accepted', 'declined', 'revoked'] })
      .notNull()
      .default('pending'),
    requestedRights: text('requested_rights', { mode: 'json' }).$type<string[]>().notNull(),
    grantedRights: text('granted_rights', { mode: 'json' }).$type<string[]>(),
    includeIndirectProvider: integer('include_indirect_provider', { mode: 'boolean' }).notNull().default(false),
    indirectProvider: text('indirect_provider'),
    language: text('language', { enum: ['de', 'en'] })
      .notNull()
      .default('de'),
    sentByUserId: text('sent_by_user_id').references(() => users.id),
    sentByName: text('sent_by_name').notNull(),
    expiresAt: text('expires_at').notNull(),
    respondedAt: text('responded_at'),
    /** When the customer first and last opened a usable link (the public page); null until then. */
    openedAt: text('opened_at'),
    lastOpenedAt: text('last_opened_at'),
    /** The latest reminder and how many were sent; each reminder's own link is in `invitation_reminders`. */
    lastRemindedAt: text('last_reminded_at'),
    lastRemindedBy: text('last_reminded_by'),
    reminderCount: integer('reminder_count').notNull().default(0),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('invitations_token_unique').on(table.tokenHash),
    index('invitations_reseller_idx').on(table.resellerId, table.createdAt, table.id),
    index('invitations_customer_idx').on(table.resellerId, table.customerId),
  ],
);

/**
 * A reminder of an open invitation: who sent it when, and its own link (SHA-256 only), which leads to
 * the same invitation as the first one until it is answered, expires or is resent (then the hash is cleared).
 */
export const invitationReminders = sqliteTable(
  'invitation_reminders',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    invitationId: text('invitation_id')
      .notNull()
      .references(() => invitations.id),
    tokenHash: text('token_hash'),
    sentByName: text('sent_by_name').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (table) => [uniqueIndex('invitation_reminders_token_unique').on(table.tokenHash), index('invitation_reminders_invitation_idx').on(table.resellerId, table.invitationId)],
);

/**
 * Saved views of the customer list. `scopeKey` is 'team' for a team view and the owner's id for a
 * private one, so names are unique per team and per person (and private rows are found by owner).
 */
export const savedViews = sqliteTable(
  'saved_views',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    /** A staff member's id, or an API token's (tokens may keep views too); no foreign key for that reason. */
    ownerId: text('owner_id').notNull(),
    ownerName: text('owner_name').notNull(),
    visibility: text('visibility', { enum: savedViewVisibilities }).notNull(),
    scopeKey: text('scope_key').notNull(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    state: text('state', { mode: 'json' }).$type<SavedView['state']>().notNull(),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (table) => [uniqueIndex('saved_views_name_unique').on(table.resellerId, table.scopeKey, table.nameKey)],
);

/** Each person's default view of the customer list; goes with the view when it is deleted. */
export const savedViewDefaults = sqliteTable(
  'saved_view_defaults',
  {
    resellerId: text('reseller_id').notNull(),
    userId: text('user_id').notNull(),
    viewId: text('view_id')
      .notNull()
      .references(() => savedViews.id, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.resellerId, table.userId] }), index('saved_view_defaults_view_idx').on(table.viewId)],
);

/** Fixed-window request counters for public endpoints (the invitation page), one row per key and window. */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  hits: integer('hits').notNull(),
});

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

/** Integration tokens: only the SHA-256 of the secret is stored; the reseller owns them, not a person. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    scopes: text('scopes', { mode: 'json' }).$type<string[]>().notNull(),
    expiresOn: text('expires_on'),
    rateLimitPerMinute: integer('rate_limit_per_minute').notNull().default(300),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (table) => [uniqueIndex('api_tokens_hash_unique').on(table.tokenHash), index('api_tokens_reseller_idx').on(table.resellerId, table.createdAt, table.id)],
);

/**
 * The first answer to a POST with an Idempotency-Key, kept 24 hours and replayed for the same key sent
 * by the same credential (a staff member's sessions, or one API token). Answers that issue a secret are
 * kept with the secret withheld.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    resellerId: text('reseller_id').notNull(),
    /** `usr_…` for a signed-in staff member, `tok_…` for an API token. */
    credential: text('credential').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    body: text('body'),
    createdAt: text('created_at').notNull().default(now),
  },
  (table) => [primaryKey({ columns: [table.resellerId, table.credential, table.key] }), index('idempotency_created_idx').on(table.createdAt)],
);

export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    url: text('url').notNull(),
    /** The signing secret must be readable to sign; it is shown once and never returned again. */
    secret: text('secret').notNull(),
    eventTypes: text('event_types', { mode: 'json' }).$type<string[]>().notNull(),
    description: text('description').notNull().default(''),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull().default(now),
  },
  (table) => [index('webhook_endpoints_reseller_idx').on(table.resellerId, table.createdAt, table.id)],
);

export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    resellerId: text('reseller_id').notNull(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id),
    eventKind: text('event_kind').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    nextAttemptAt: text('next_attempt_at'),
    createdAt: text('created_at').notNull().default(now),
  },
  (table) => [
    index('webhook_deliveries_due_idx').on(table.resellerId, table.status, table.nextAttemptAt),
    index('webhook_deliveries_endpoint_idx').on(table.endpointId, table.createdAt, table.id),
  ],
);

/** An uploaded customer file: its columns, the chosen mapping and, once imported, the report. */
export const customerImports = sqliteTable(
  'customer_imports',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    createdBy: text('created_by').notNull(),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: ['csv', 'xlsx', 'xls'] }).notNull(),
    columns: text('columns', { mode: 'json' }).$type<string[]>().notNull(),
    sample: text('sample', { mode: 'json' }).$type<string[][]>().notNull(),
    rowCount: integer('row_count').notNull(),
    mapping: text('mapping', { mode: 'json' }).$type<string[]>().notNull(),
    mappingSource: text('mapping_source', { enum: ['remembered', 'guessed', 'chosen'] }).notNull(),
    status: text('status', { enum: importStatuses }).notNull().default('uploaded'),
    report: text('report', { mode: 'json' }).$type<ImportReport>(),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (table) => [index('customer_imports_reseller_idx').on(table.resellerId, table.createdAt)],
);

/** The data rows of an upload, one per line of the file, until it is imported. */
export const customerImportRows = sqliteTable(
  'customer_import_rows',
  {
    importId: text('import_id')
      .notNull()
      .references(() => customerImports.id, { onDelete: 'cascade' }),
    resellerId: resellerRef(),
    line: integer('line').notNull(),
    cells: text('cells', { mode: 'json' }).$type<string[]>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.importId, table.line] })],
);

/** The mapping last chosen for a set of headers, so the next file of the same shape maps itself. */
export const importMappings = sqliteTable(
  'import_mappings',
  {
    resellerId: resellerRef(),
    headersKey: text('headers_key').notNull(),
    mapping: text('mapping', { mode: 'json' }).$type<string[]>().notNull(),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (table) => [primaryKey({ columns: [table.resellerId, table.headersKey] })],
);

/** A background job of the reseller (schema/jobs.ts): counts kept per chunk, the report in `job_items`. */
export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    kind: text('kind', { enum: jobKinds }).notNull(),
    state: text('state', { enum: jobStates }).notNull().default('queued'),
    /** The kind's parameters (e.g. the tag), validated when the job started. */
    params: text('params', { mode: 'json' }).notNull(),
    label: text('label').notNull(),
    total: integer('total').notNull(),
    processed: integer('processed').notNull().default(0),
    succeeded: integer('succeeded').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    cancelRequested: integer('cancel_requested', { mode: 'boolean' }).notNull().default(false),
    /** Who started it: audit rows of its chunks name this person (or API token). */
    startedByUserId: text('started_by_user_id'),
    startedByName: text('started_by_name').notNull(),
    /** Started with an API token: `started_by_user_id` then holds the token's id, which is no staff member. */
    startedByApiToken: integer('started_by_api_token', { mode: 'boolean' }).notNull().default(false),
    cancelledByUserId: text('cancelled_by_user_id'),
    cancelledByName: text('cancelled_by_name'),
    finishedAt: text('finished_at'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (table) => [index('jobs_reseller_idx').on(table.resellerId, table.createdAt, table.id)],
);

/** One row per item of a job, in the order they are worked through; the report is read from here. */
export const jobItems = sqliteTable(
  'job_items',
  {
    jobId: text('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    resellerId: resellerRef(),
    seq: integer('seq').notNull(),
    itemId: text('item_id').notNull(),
    state: text('state', { enum: jobItemStates }).notNull().default('pending'),
    reason: text('reason'),
  },
  (table) => [primaryKey({ columns: [table.jobId, table.seq] }), index('job_items_state_idx').on(table.jobId, table.state, table.seq)],
);

/**
 * An export job's snapshot: each exported customer as the list shows it (the `Customer` object the
 * streamed export writes), in the job's order; its file is written from here on download. Kept
 * EXPORT_FILE_HOURS after the job ended, then deleted when the reseller's next export job starts.
 */
export const jobExportRows = sqliteTable(
  'job_export_rows',
  {
    jobId: text('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    resellerId: resellerRef(),
    seq: integer('seq').notNull(),
    row: text('row', { mode: 'json' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.jobId, table.seq] }), index('job_export_rows_reseller_idx').on(table.resellerId)],
);

/**
 * The keys by which a customer looks like another (schema/duplicateKeys.js): e-mail, phone digits,
 * domains, company name without its legal form. Rewritten in the same batch as its search terms, so a
 * customer is a hint for the next one the moment it is committed.
 */
export const customerMatchKeys = sqliteTable(
  'customer_match_keys',
  {
    resellerId: text('reseller_id').notNull(),
    kind: text('kind', { enum: duplicateReasons }).notNull(),
    key: text('key').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
  },
  (table) => [
    primaryKey({ columns: [table.resellerId, table.kind, table.key, table.customerId] }),
    index('customer_match_keys_customer_idx').on(table.customerId, table.kind, table.key),
  ],
);

/**
 * How many customers share each key, kept by triggers on customer_match_keys (in its migration): a key of
 * two or more is a group of possible duplicates, and the partial index holds only those, so the
 * "Mögliche Duplikate" list pages through groups without reading the customers that have none.
 */
export const customerMatchGroups = sqliteTable(
  'customer_match_groups',
  {
    resellerId: text('reseller_id').notNull(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    members: integer('members').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.resellerId, table.kind, table.key] }),
    index('customer_match_groups_shared_idx').on(table.resellerId, table.kind, table.key).where(sql`${table.members} > 1`),
  ],
);

/**
 * Pairs a staff member marked "kein Duplikat" (first id < second id): they are not offered again. Kept
 * when one of them is deleted, so a delete that is undone finds its marks again.
 */
export const duplicateDismissals = sqliteTable(
  'duplicate_dismissals',
  {
    resellerId: resellerRef(),
    firstId: text('first_id').notNull(),
    secondId: text('second_id').notNull(),
    dismissedBy: text('dismissed_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (table) => [
    primaryKey({ columns: [table.resellerId, table.firstId, table.secondId] }),
    index('duplicate_dismissals_second_idx').on(table.resellerId, table.secondId, table.firstId),
  ],
);

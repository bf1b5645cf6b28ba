// Resellers, their staff, sessions, sign-in throttling and the audit log: what every other table hangs on.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { defaultOrderStatuses, type OrderStatusSetting } from '../orderStatuses';
import { partnerTypes, roles } from '../permissions';
import { now, timestamps } from './columns';

/** The tenant column of every reseller-owned table; `tenantScope` filters on it. */
export const resellerRef = () =>
  text('reseller_id')
    .notNull()
    .references(() => resellers.id);

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

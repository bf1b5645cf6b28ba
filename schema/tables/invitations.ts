// Invitations to a reseller relationship and their reminders.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { resellerRef, users } from './accounts';
import { now, timestamps } from './columns';
import { customers } from './customers';

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

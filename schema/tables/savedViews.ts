// Saved views of the customer list and each person's default view.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { type SavedView, savedViewVisibilities } from '../savedViews';
import { resellerRef } from './accounts';
import { timestamps } from './columns';

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

// Merged customers: what a merge moved and replaced, kept so it can be undone exactly, and the
// removed customer's number, by which the list search still finds the customer that stayed.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { resellerRef } from './accounts';
import { now } from './columns';

/**
 * One merge of `mergedId` into `survivorId`. The snapshot columns are JSON written by the merge's
 * batch itself (inside the transaction), so they hold exactly what was there when it committed:
 * both customer rows keyed by column name, both customers' tag ids, and `moved`, the id and version
 * of every row that moved per table. `searchTerms` are the dropped number's words, which the
 * search terms of `findsId` keep (worker/customers/mergedNumbers.ts) for as long as this row exists.
 */
export const customerMerges = sqliteTable(
  'customer_merges',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    /** The customer that stayed. */
    survivorId: text('survivor_id').notNull(),
    mergedId: text('merged_id').notNull(),
    survivorNumber: text('survivor_number').notNull(),
    mergedNumber: text('merged_number').notNull(),
    /** The number the merge dropped (usually `mergedNumber`, the survivor's own when the other one was chosen). */
    droppedNumber: text('dropped_number').notNull(),
    searchTerms: text('search_terms').notNull(),
    /** The customer the dropped number finds: the survivor, or the one it was itself merged into later. */
    findsId: text('finds_id').notNull(),
    survivor: text('survivor').notNull(),
    merged: text('merged').notNull(),
    survivorTagIds: text('survivor_tag_ids').notNull(),
    mergedTagIds: text('merged_tag_ids').notNull(),
    moved: text('moved').notNull(),
    /** Earlier merges into the removed customer, pointed at the survivor by this one. */
    repointedMergeIds: text('repointed_merge_ids').notNull(),
    /** The survivor's version right after the merge: an undo needs it unchanged. */
    survivorVersion: integer('survivor_version').notNull(),
    mergedBy: text('merged_by').notNull(),
    mergedByUserId: text('merged_by_user_id'),
    mergedAt: text('merged_at').notNull().default(now),
    undoUntil: text('undo_until').notNull(),
  },
  (table) => [
    index('customer_merges_survivor_idx').on(table.resellerId, table.survivorId, table.mergedAt),
    index('customer_merges_merged_idx').on(table.resellerId, table.mergedId, table.mergedAt),
    index('customer_merges_finds_idx').on(table.resellerId, table.findsId),
  ],
);

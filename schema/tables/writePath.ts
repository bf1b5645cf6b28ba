// Tables of the write path itself: batch guards, commit markers, the live outbox, Idempotency-Key answers and rate-limit windows.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { resellerRef } from './accounts';
import { now } from './columns';

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

/** Fixed-window request counters for public endpoints (the invitation page), one row per key and window. */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  hits: integer('hits').notNull(),
});

// Background jobs of the reseller's hub: the job, its items (the report) and an export job's rows.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { jobItemStates, jobKinds, jobStates } from '../jobs';
import { resellerRef } from './accounts';
import { timestamps } from './columns';

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

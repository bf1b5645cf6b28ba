import * as v from 'valibot';
import { pageQueryEntries } from './common';
import { customerListQuery } from './customers';
import { exportFormats, fileOptions } from './exports';
import { invitationCreateInput } from './invitations';
import type { Permission } from './permissions';

/**
 * Background jobs: work over many items (customers) that runs in the reseller's hub, chunk by chunk,
 * outside the request that started it. A kind registers how one chunk is processed (worker/jobs).
 */
export const jobKinds = ['customers.tag', 'customers.untag', 'customers.invite', 'customers.archive', 'customers.import', 'customers.export'] as const;
export type JobKind = (typeof jobKinds)[number];

/** What starting (and cancelling) a job of each kind needs, besides `customers.write` to cancel. */
export const jobKindPermissions: Record<JobKind, Permission> = {
  // New rows need customers.create on top, as in the dry run (checked per row: refused `not_allowed_to_create`).
  'customers.import': 'customers.write',
  'customers.tag': 'customers.write',
  'customers.untag': 'customers.write',
  'customers.invite': 'invitations.manage',
  'customers.archive': 'customers.write',
  'customers.export': 'customers.export',
};

export const jobStates = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof jobStates)[number];
export const isJobOpen = (state: JobState) => state === 'queued' || state === 'running';

/** One item of a job's report; `skipped` items were never reached (the job was cancelled or broke). */
export const jobItemStates = ['pending', 'succeeded', 'failed', 'skipped'] as const;
export type JobItemState = (typeof jobItemStates)[number];

/**
 * Why an item was refused; the client translates each (`jobs.reasons.*`). `not_found`: the customer
 * was deleted (or archived) after the job started; the others are the action's own rules.
 * `row_refused`: an import's row the dry run refuses (its reasons per field are in the import's report).
 */
export const jobItemReasons = [
  'not_found',
  'not_tagged',
  'tag_deleted',
  'relationship_active',
  'invitation_pending',
  'no_indirect_provider',
  'customer_archived',
  'cancelled',
  'job_failed',
  'already_archived',
  'row_refused',
] as const;
export type JobItemReason = (typeof jobItemReasons)[number];

/** At most this many customers in one job (a selection or a filter); above it a 422 `too_many_customers`. */
export const MAX_JOB_ITEMS = 5_000;
/** The selection travels in the request body: up to this many ids. */
export const MAX_SELECTED_IDS = 1_000;

/** An export job's file is kept this long after the job ended; then it answers 410 `export_expired` and its rows go. */
export const EXPORT_FILE_HOURS = 24;

/** The file an export job made: present once the job succeeded, downloadable until `expiresAt`. */
export const jobFileOutput = v.object({
  format: v.picklist(exportFormats),
  rows: v.number(),
  expiresAt: v.string(),
});
export type JobFile = v.InferOutput<typeof jobFileOutput>;

export const jobOutput = v.object({
  id: v.string(),
  kind: v.picklist(jobKinds),
  state: v.picklist(jobStates),
  /** What the job does, for its title (e.g. the tag's name). */
  label: v.string(),
  total: v.number(),
  processed: v.number(),
  succeeded: v.number(),
  failed: v.number(),
  cancelRequested: v.boolean(),
  startedBy: v.string(),
  cancelledBy: v.nullable(v.string()),
  createdAt: v.string(),
  finishedAt: v.nullable(v.string()),
  /** Export jobs only: the file to download (`GET /api/v1/jobs/:id/file`) once the job succeeded; null otherwise. */
  file: v.nullable(jobFileOutput),
  version: v.number(),
  /** What the job works on when that is one thing with its own report (an import: `GET /customer-imports/:id`). */
  subject: v.optional(v.object({ type: v.picklist(['customer_import']), id: v.string() })),
});
export type Job = v.InferOutput<typeof jobOutput>;

export const jobItemOutput = v.object({
  seq: v.number(),
  /** The customer's id; for an import (`customers.import`) the row's line in the file. */
  itemId: v.string(),
  /** The customer's display name; null when it no longer exists (and for an import's lines). */
  name: v.nullable(v.string()),
  state: v.picklist(jobItemStates),
  reason: v.nullable(v.picklist(jobItemReasons)),
});
export type JobItem = v.InferOutput<typeof jobItemOutput>;

export const jobListQuery = v.object({ state: v.optional(v.picklist(jobStates, 'invalid_value')), ...pageQueryEntries });
export const jobItemsQuery = v.object({ state: v.optional(v.picklist(jobItemStates, 'invalid_value')), ...pageQueryEntries });

const idList = (max: number) => v.pipe(v.array(v.pipe(v.string(), v.maxLength(60)), 'invalid_type'), v.minLength(1, 'required'), v.maxLength(max, 'too_many'));

/** "All customers matching the current search and filters", resolved to ids when the job starts. */
export const customerFilterInput = v.strictObject(v.pick(customerListQuery, ['q', 'tag', 'state', 'country', 'incomplete']).entries);

/** Which customers: the selected rows, or everything a filter matches (exactly one of the two). */
const targetEntries = {
  customerIds: v.optional(idList(MAX_SELECTED_IDS)),
  filter: v.optional(customerFilterInput),
};
const oneTarget = <T extends { customerIds?: unknown; filter?: unknown }>() =>
  v.check<T, 'target_required'>((input) => (input.customerIds === undefined) !== (input.filter === undefined), 'target_required');

export const bulkTagJobInput = v.pipe(v.strictObject({ ...targetEntries, tagId: v.pipe(v.string(), v.minLength(1, 'required'), v.maxLength(60)) }), oneTarget());
export type BulkTagJobInput = v.InferOutput<typeof bulkTagJobInput>;

/** Invite each customer to a relationship: the single invitation's options, for every customer of the target. */
export const bulkInviteJobInput = v.pipe(v.strictObject({ ...targetEntries, ...v.omit(invitationCreateInput, ['customerId']).entries }), oneTarget());
export type BulkInviteJobInput = v.InferOutput<typeof bulkInviteJobInput>;

/** Archive each customer (as `POST /customers/:id/archive` does); nothing but the target. */
export const bulkArchiveJobInput = v.pipe(v.strictObject(targetEntries), oneTarget());

/**
 * Export each customer into a file (the customer export's columns), downloadable by every colleague
 * who may export for EXPORT_FILE_HOURS: the target plus the file's format, CSV separator and language.
 */
export const bulkExportJobInput = v.pipe(v.strictObject({ ...targetEntries, ...fileOptions }), oneTarget());
export type BulkExportJobInput = v.InferOutput<typeof bulkExportJobInput>;

export const bulkJobStarted = v.object({ job: jobOutput });

import { and, eq, inArray, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { customerDisplayName } from '../../schema/customers';
import {
  EXPORT_FILE_HOURS,
  isJobOpen,
  type Job,
  type JobItem,
  type JobItemReason,
  type JobState,
  jobItemOutput,
  jobItemsQuery,
  jobKinds,
  jobListQuery,
  jobOutput,
} from '../../schema/jobs';
import { customers, jobItems, jobs } from '../../schema/tables';
import { assertPermission, currentActor, requirePermission } from '../auth/guards';
import { customerFileResponse } from '../customers/exportFile';
import { nowIso, tenantScope } from '../db';
import type { AppEnv } from '../env';
import { AppError, Conflict, NotFound } from '../errors';
import { type ExportJobParams, exportedCustomers } from '../jobs/exportKind';
import { jobKind } from '../jobs/kinds';
import { kickJob } from '../jobs/start';
import { type JobRow, jobFile, loadJob, loadJobRow, toJob } from '../jobs/store';
import { describeList, describeRoute } from '../openapi/describeRoute';
import { spreadsheet } from '../openapi/operation';
import { type Keyset, keysetClauses, pageFrom, sortKey, tableList } from '../pagination';
import { readTogether } from '../readTogether';
import { noBody, readQuery } from '../validate';
import { commitWrite, GuardFailed, liveEvent, readBackById } from '../write';

export const jobRoutes = new Hono<AppEnv>();

/** Newest first: the tray shows what is running and what just ended. */
const jobList = tableList<{ state?: JobState }, JobRow, Job>({
  table: jobs,
  where: (params) => [params.state ? eq(jobs.state, params.state) : undefined],
  order: () => ({ keys: [sortKey(jobs.createdAt, 'createdAt', true), sortKey(jobs.id, 'id', true)] }),
  item: toJob,
});

// Every staff member who sees customers sees the reseller's jobs and their progress.
jobRoutes.get(
  '/',
  describeList({ tag: 'Jobs', summary: "List the reseller's jobs, newest first", query: jobListQuery, item: jobOutput }),
  requirePermission('customers.read'),
  async (c) => {
    const scope = tenantScope(c.env, currentActor(c));
    return c.json(await jobList.read(scope, readQuery(c, jobListQuery)));
  },
);

jobRoutes.get(
  '/:id',
  describeRoute({ tag: 'Jobs', summary: 'A job with its counts', responses: { 200: v.object({ job: jobOutput }) } }),
  requirePermission('customers.read'),
  async (c) => {
    return c.json({ job: await loadJob(tenantScope(c.env, currentActor(c)), c.req.param('id')) });
  },
);

type ItemRow = { item: typeof jobItems.$inferSelect; company: string | null; contactFirstName: string | null; contactLastName: string | null };
const bySeq: Keyset<ItemRow> = { keys: [{ by: jobItems.seq, kind: 'number', of: (row) => row.item.seq }] };

/** The report: each item with its outcome and reason, in the order the job worked through them. */
jobRoutes.get(
  '/:id/items',
  describeList({ tag: 'Jobs', summary: "A job's report: each item with its outcome and reason", query: jobItemsQuery, item: jobItemOutput }),
  requirePermission('customers.read'),
  async (c) => {
    const scope = tenantScope(c.env, currentActor(c));
    const query = readQuery(c, jobItemsQuery);
    const jobId = c.req.param('id');
    const { orderBy, after } = keysetClauses(bySeq, query.cursor);
    // The job and its page at once, both scoped to the reseller: another reseller's job is a 404.
    const [job, rows] = await readTogether([
      loadJobRow(scope, jobId),
      scope.db
        .select({ item: jobItems, company: customers.company, contactFirstName: customers.contactFirstName, contactLastName: customers.contactLastName })
        .from(jobItems)
        .leftJoin(customers, and(eq(customers.id, jobItems.itemId), eq(customers.resellerId, scope.resellerId)))
        .where(scope.where(jobItems, eq(jobItems.jobId, jobId), query.state ? eq(jobItems.state, query.state) : undefined, after))
        .orderBy(...orderBy)
        .limit(query.limit + 1)
        .all(),
    ]);
    if (!job) throw new NotFound();
    return c.json(
      pageFrom(
        rows,
        query.limit,
        bySeq,
        (row): JobItem => ({
          seq: row.item.seq,
          itemId: row.item.itemId,
          name:
            row.company === null && row.contactLastName === null
              ? null
              : customerDisplayName({ company: row.company ?? '', contactFirstName: row.contactFirstName ?? '', contactLastName: row.contactLastName ?? '' }),
          state: row.item.state,
          reason: row.item.reason as JobItemReason | null,
        }),
      ),
    );
  },
);

/**
 * Asks the job to stop: the chunk being worked on finishes, nothing after it starts, and what was done
 * stays done and reported. Cancelling needs what starting the job needed (customers.write for the
 * route; the kind's own permission on top, e.g. invitations.manage for invitations).
 */
jobRoutes.post(
  '/:id/cancel',
  describeRoute({
    tag: 'Jobs',
    summary: 'Cancel a job',
    description:
      "The chunk being worked on finishes; nothing after it starts. What was done stays done; the rest is reported as `skipped` (`cancelled`). The answer is the job with `cancelRequested`; between chunks it ends (`cancelled`) a moment later, and `job.changed` on the live socket (or `GET /jobs/:id`) shows it. Needs the permission the job's kind needs to start as well.",
    responses: { 200: v.object({ job: jobOutput }) },
    errors: { 409: ['job_closed'] },
  }),
  requirePermission('customers.write'),
  noBody,
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const id = c.req.param('id');
    // Nothing is read first: the job being the reseller's, of a kind the actor may cancel, and still open
    // is the batch's guard; only when it fails is the job read to say why (404, 403, 409).
    const kindsToCancel = jobKinds.filter((kind) => actor.permissions.has(jobKind(kind).permission));
    const cancellable = scope.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(scope.where(jobs, eq(jobs.id, id), inArray(jobs.kind, kindsToCancel), inArray(jobs.state, ['queued', 'running']), eq(jobs.cancelRequested, false)));
    const back = readBackById(scope, jobs, id);
    let results: unknown[];
    try {
      results = await commitWrite(c, actor, {
        guards: [sql`EXISTS ${cancellable}`],
        statements: [
          scope.db
            .update(jobs)
            .set({ cancelRequested: true, cancelledByUserId: actor.userId, cancelledByName: actor.displayName, version: sql`${jobs.version} + 1`, updatedAt: nowIso() })
            .where(scope.where(jobs, eq(jobs.id, id))),
          back.statement,
        ],
        // Written ahead of the change, so its SQL records the job as it was asked to stop.
        auditFirst: true,
        audit: {
          action: 'job.cancel_requested',
          entityType: 'job',
          entityId: id,
          before: sql`(SELECT json_object('state', ${jobs.state}, 'processed', ${jobs.processed}, 'total', ${jobs.total}) FROM ${jobs} WHERE ${scope.where(jobs, eq(jobs.id, id))})`,
        },
        events: async (statementResults) => {
          const row = await back.row(statementResults);
          return [liveEvent('job.changed', actor, row, toJob(row))];
        },
      });
    } catch (error) {
      if (!(error instanceof GuardFailed)) throw error;
      const row = await loadJobRow(scope, id);
      if (!row) throw new NotFound();
      assertPermission(actor, jobKind(row.kind).permission);
      throw jobClosed(toJob(row));
    }
    // The hub ends it between chunks at once, during one right after it; the tray learns it live.
    c.executionCtx.waitUntil(kickJob(c, actor.resellerId, id));
    return c.json({ job: toJob(await back.row(results)) });
  },
);

const jobClosed = (current: Job) => new Conflict('job_closed', 'This job has already ended or is being cancelled.', { current });

/**
 * An export job's file, written from the job's snapshot as `GET /customers/export` writes its file
 * (same columns, names, audit action `customers.exported`, with the job's id). Anyone of the reseller
 * who may export downloads it, for EXPORT_FILE_HOURS after the job ended: then 410 `export_expired`.
 */
jobRoutes.get(
  '/:id/file',
  describeRoute({
    tag: 'Jobs',
    summary: "Download an export job's file",
    description: `The file of a succeeded \`customers.export\` job, written from the customers it kept, with the export's own columns and names; audited as \`customers.exported\` with the job's id. 409 \`export_not_ready\` while it runs, \`job_has_no_file\` for another kind or a cancelled or failed export; 410 \`export_expired\` ${EXPORT_FILE_HOURS} hours after it ended.`,
    responses: { 200: spreadsheet },
    errors: { 409: ['export_not_ready', 'job_has_no_file'], 410: ['export_expired'] },
  }),
  requirePermission('customers.export'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const row = await loadJobRow(scope, c.req.param('id'));
    if (!row) throw new NotFound();
    if (row.kind !== 'customers.export') throw new Conflict('job_has_no_file', 'Only an export job has a file.');
    if (isJobOpen(row.state)) throw new Conflict('export_not_ready', 'The export is still running; its file is ready when the job has finished.', { current: toJob(row) });
    const file = jobFile(row);
    if (!file) throw new Conflict('job_has_no_file', 'This export job was cancelled or failed: it has no file. Start the export again.', { current: toJob(row) });
    if (Date.parse(file.expiresAt) <= Date.now()) throw new AppError(410, 'export_expired', 'The file of this export is no longer kept. Start the export again.');
    const params = row.params as ExportJobParams;
    return customerFileResponse(c, actor, {
      format: params.format,
      separator: params.separator,
      lang: params.lang,
      pages: exportedCustomers(scope, row.id),
      rows: file.rows,
      auditDetails: { jobId: row.id },
    });
  },
);

import { and, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { isJobOpen, type JobItemReason } from '../../schema/jobs';
import type { LiveEvent } from '../../schema/realtime';
import { jobItems, jobs } from '../../schema/tables';
import { nowIso, type TenantScope, tenantScope } from '../db';
import type { Bindings } from '../env';
import { type AuditActor, commitWrite, GuardFailed, liveEvent, type WriteContext } from '../write';
import { jobKind } from './kinds';
import type { ChunkContext, JobActor, JobWrite } from './registry';
import { type JobRow, loadJobRow, toJob } from './store';

export type Publish = (events: LiveEvent[]) => Promise<void>;

const starterOf = (row: JobRow): JobActor =>
  row.startedByUserId
    ? { resellerId: row.resellerId, userId: row.startedByUserId, displayName: row.startedByName, apiTokenId: row.startedByApiToken ? row.startedByUserId : undefined }
    : { resellerId: row.resellerId, userId: null, displayName: row.startedByName };

const contextOf = (c: WriteContext, scope: TenantScope, row: JobRow): ChunkContext<unknown> => ({ env: c.env, scope, actor: starterOf(row), jobId: row.id, params: row.params });

const jobEvent = (row: JobRow, actor: AuditActor) => liveEvent('job.changed', actor, { id: row.id, version: row.version }, toJob(row));

/** The job's open jobs, oldest first: what the hub works through on each alarm. */
export async function openJobIds(env: Bindings, resellerId: string): Promise<string[]> {
  const scope = tenantScope(env, { resellerId });
  const rows = await scope.db
    .select({ id: jobs.id })
    .from(jobs)
    .where(scope.where(jobs, inArray(jobs.state, ['queued', 'running'])))
    .orderBy(jobs.createdAt, jobs.id)
    .all();
  return rows.map((row) => row.id);
}

/**
 * Ends a job: cancelled (the remaining items reported as skipped), succeeded (every item reached) or
 * failed (the job itself broke; the rest skipped). One batch with its audit row; guarded so it ends once.
 */
async function endJob(
  c: WriteContext,
  scope: TenantScope,
  row: JobRow,
  state: 'succeeded' | 'failed' | 'cancelled',
  publish: Publish,
  end: { write?: JobWrite; cause?: unknown } = {},
): Promise<boolean> {
  const finishedAt = nowIso();
  const ended: JobRow = { ...row, state, finishedAt, version: row.version + 1 };
  const actor: AuditActor =
    state === 'cancelled' && row.cancelledByName ? { resellerId: row.resellerId, userId: row.cancelledByUserId, displayName: row.cancelledByName } : starterOf(row);
  const skipped: BatchItem<'sqlite'>[] =
    state === 'succeeded'
      ? []
      : [
          scope.db
            .update(jobItems)
            .set({ state: 'skipped', reason: state === 'cancelled' ? 'cancelled' : 'job_failed' })
            .where(and(eq(jobItems.jobId, row.id), eq(jobItems.state, 'pending'))),
        ];
  const spec = jobKind(row.kind);
  const hooked = spec.ended ? await spec.ended(contextOf(c, scope, row), state, end.cause) : undefined;
  const writes = [end.write, hooked].filter((write): write is JobWrite => write !== undefined);
  try {
    await commitWrite(c, actor, {
      guards: [sql`(SELECT state IN ('queued', 'running') AND version = ${row.version} FROM jobs WHERE id = ${row.id})`, ...writes.flatMap((write) => write.guards ?? [])],
      statements: [
        ...writes.flatMap((write) => write.statements),
        scope.db
          .update(jobs)
          .set({ state, finishedAt, version: ended.version, updatedAt: finishedAt })
          .where(scope.where(jobs, eq(jobs.id, row.id))),
        ...skipped,
      ],
      audit: [
        ...writes.flatMap((write) => write.audit ?? []),
        {
          action: state === 'cancelled' ? 'job.cancelled' : 'job.finished',
          entityType: 'job',
          entityId: row.id,
          after: { kind: row.kind, state, total: row.total, processed: row.processed, succeeded: row.succeeded, failed: row.failed },
        },
      ],
    });
  } catch (error) {
    if (error instanceof GuardFailed) return false;
    throw error;
  }
  const events = await Promise.all(writes.map((write) => write.events?.() ?? []));
  await publish([...events.flat(), jobEvent(ended, actor)]);
  return true;
}

/**
 * Ends a job whose items are all reached as succeeded. A kind with `commit` writes everything now, in
 * that one batch; if the commit cannot be planned or its batch fails, nothing of it lands and the job
 * ends as failed, the kind's `ended` hook told why. A cancel or another step that changed the job
 * meanwhile wins: the next step ends it as that says.
 */
async function finishJob(c: WriteContext, scope: TenantScope, row: JobRow, publish: Publish): Promise<void> {
  const spec = jobKind(row.kind);
  if (!spec.commit) {
    await endJob(c, scope, row, 'succeeded', publish);
    return;
  }
  let cause: unknown;
  try {
    if (await endJob(c, scope, row, 'succeeded', publish, { write: await spec.commit(contextOf(c, scope, row)) })) return;
    const current = await loadJobRow(scope, row.id);
    if (!current || !isJobOpen(current.state) || current.version !== row.version) return;
    cause = new GuardFailed();
  } catch (error) {
    cause = error;
  }
  console.error(`job ${row.id} (${row.kind}) commit failed: ${cause instanceof Error ? `${cause.constructor.name} ${cause.message}` : 'unknown'}`);
  await endJob(c, scope, row, 'failed', publish, { cause });
}

/**
 * One step of a job: the next chunk of pending items in one D1 batch (the kind's writes and audit rows,
 * the items' outcomes, the job's counts), then its live events. Returns whether work is left.
 * Guarded on the job's `processed` count, so a chunk is never applied twice.
 */
export async function runJobStep(c: WriteContext, resellerId: string, jobId: string, publish: Publish): Promise<boolean> {
  const scope = tenantScope(c.env, { resellerId });
  const row = await loadJobRow(scope, jobId);
  if (!row || !isJobOpen(row.state)) return false;
  if (row.cancelRequested) {
    await endJob(c, scope, row, 'cancelled', publish);
    return false;
  }
  const spec = jobKind(row.kind);
  const items = await scope.db
    .select({ seq: jobItems.seq, itemId: jobItems.itemId })
    .from(jobItems)
    .where(and(eq(jobItems.jobId, row.id), eq(jobItems.state, 'pending')))
    .orderBy(jobItems.seq)
    .limit(spec.chunkSize)
    .all();
  if (items.length === 0) {
    await finishJob(c, scope, row, publish);
    return false;
  }
  const actor = starterOf(row);
  const plan = await spec.processChunk(
    contextOf(c, scope, row),
    items.map((item) => item.itemId),
  );

  const byOutcome = new Map<JobItemReason | null, number[]>();
  for (const item of items) {
    const outcome = plan.outcomes.get(item.itemId) ?? null;
    const seqs = byOutcome.get(outcome) ?? [];
    seqs.push(item.seq);
    byOutcome.set(outcome, seqs);
  }
  const succeeded = byOutcome.get(null)?.length ?? 0;
  const itemStatements = [...byOutcome].map(([reason, seqs]) =>
    scope.db
      .update(jobItems)
      .set({ state: reason === null ? 'succeeded' : 'failed', reason })
      .where(and(eq(jobItems.jobId, row.id), sql`${jobItems.seq} IN (SELECT value FROM json_each(${JSON.stringify(seqs)}))`)),
  );
  const counts = { processed: row.processed + items.length, succeeded: row.succeeded + succeeded, failed: row.failed + items.length - succeeded };
  const next: JobRow = { ...row, ...counts, state: 'running', version: row.version + 1, updatedAt: nowIso() };
  try {
    await commitWrite(c, actor, {
      guards: [sql`(SELECT processed FROM jobs WHERE id = ${row.id}) = ${row.processed}`, ...(plan.guards ?? [])],
      statements: [
        ...plan.statements,
        ...itemStatements,
        scope.db
          .update(jobs)
          .set({ ...counts, state: 'running', version: sql`${jobs.version} + 1`, updatedAt: next.updatedAt })
          .where(scope.where(jobs, eq(jobs.id, row.id))),
      ],
      audit: plan.audit ?? [],
    });
  } catch (error) {
    // Another step applied this chunk, or a customer changed under it: the next step reads afresh.
    if (error instanceof GuardFailed) return true;
    throw error;
  }
  const after = (await loadJobRow(scope, row.id)) ?? next;
  await publish([...((await plan.events?.()) ?? []), jobEvent(after, actor)]);
  // Cancelling stops after the current chunk; the last chunk ends the job at once.
  if (after.cancelRequested) {
    await endJob(c, scope, after, 'cancelled', publish);
    return false;
  }
  if (after.processed >= after.total) {
    await finishJob(c, scope, after, publish);
    return false;
  }
  return true;
}

/** After repeated failures of one chunk: the job ends as failed, what was done stays done and is reported. */
export async function failJob(c: WriteContext, resellerId: string, jobId: string, publish: Publish) {
  const scope = tenantScope(c.env, { resellerId });
  const row = await loadJobRow(scope, jobId);
  if (row && isJobOpen(row.state)) await endJob(c, scope, row, 'failed', publish);
}

import { eq } from 'drizzle-orm';
import type { ExportFormat } from '../../schema/exports';
import { EXPORT_FILE_HOURS, type Job, type JobFile } from '../../schema/jobs';
import { jobs } from '../../schema/tables';
import type { TenantScope } from '../db';
import { NotFound } from '../errors';

export type JobRow = typeof jobs.$inferSelect;

/** An export job's file: once it succeeded, for EXPORT_FILE_HOURS after it ended (its rows are the customers it exported). */
export function jobFile(row: JobRow): JobFile | null {
  if (row.kind !== 'customers.export' || row.state !== 'succeeded' || !row.finishedAt) return null;
  const expiresAt = new Date(Date.parse(row.finishedAt) + EXPORT_FILE_HOURS * 3_600_000).toISOString();
  return { format: (row.params as { format: ExportFormat }).format, rows: row.succeeded, expiresAt };
}

export function toJob(row: JobRow): Job {
  return {
    ...subjectOf(row.params),
    id: row.id,
    kind: row.kind,
    state: row.state,
    label: row.label,
    total: row.total,
    processed: row.processed,
    succeeded: row.succeeded,
    failed: row.failed,
    cancelRequested: row.cancelRequested,
    startedBy: row.startedByName,
    cancelledBy: row.cancelledByName,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    file: jobFile(row),
    version: row.version,
  };
}

export async function loadJobRow(scope: TenantScope, id: string): Promise<JobRow | undefined> {
  return scope.db
    .select()
    .from(jobs)
    .where(scope.where(jobs, eq(jobs.id, id)))
    .get();
}

export async function loadJob(scope: TenantScope, id: string): Promise<Job> {
  const row = await loadJobRow(scope, id);
  if (!row) throw new NotFound();
  return toJob(row);
}

/** A kind whose params name its `subject` (the import it runs) shows it in the job: the client links its own report. */
function subjectOf(params: unknown): Pick<Job, 'subject'> {
  const subject = (params as { subject?: Job['subject'] } | null)?.subject;
  return subject ? { subject } : {};
}

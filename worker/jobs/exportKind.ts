import { eq, gt, inArray, sql } from 'drizzle-orm';
import type { Locale } from '../../schema/common';
import type { Customer } from '../../schema/customers';
import type { CsvSeparator, ExportFormat } from '../../schema/exports';
import { EXPORT_FILE_HOURS, type JobItemReason, jobKindPermissions } from '../../schema/jobs';
import { jobExportRows, jobItems, jobs } from '../../schema/tables';
import { loadCustomers } from '../customers/rows';
import { nowIso, type TenantScope } from '../db';
import { CUSTOMER_CHUNK } from './customerKinds';
import { type ChunkPlan, defineJobKind } from './registry';

export interface ExportJobParams {
  format: ExportFormat;
  separator?: CsvSeparator;
  lang?: Locale;
}

/**
 * Exports each customer: the chunk's customers as the list shows them are kept in `job_export_rows`
 * (in the job's order); the file is written from there when someone downloads it (`GET /jobs/:id/file`).
 * Every customer still there is exported, archived ones too (a hand-picked selection is exported as
 * picked); one deleted after the start is reported as `not_found`.
 */
export const exportJob = defineJobKind<ExportJobParams, 'customers.export'>({
  kind: 'customers.export',
  permission: jobKindPermissions['customers.export'],
  chunkSize: CUSTOMER_CHUNK,
  async processChunk({ scope, jobId }, ids): Promise<ChunkPlan> {
    const outcomes = new Map<string, JobItemReason | null>(ids.map((id) => [id, 'not_found']));
    const found = await loadCustomers(scope, ids);
    for (const customer of found) outcomes.set(customer.id, null);
    if (found.length === 0) return { outcomes, statements: [] };
    // One statement: each customer lands at its item's place in the job (one JSON parameter, as the start does with ids).
    const snapshot = scope.db
      .insert(jobExportRows)
      .select(
        sql`SELECT ${jobItems.jobId}, ${jobItems.resellerId}, ${jobItems.seq}, found.value FROM json_each(${JSON.stringify(found)}) AS found JOIN ${jobItems} ON ${jobItems.jobId} = ${jobId} AND ${jobItems.resellerId} = ${scope.resellerId} AND ${jobItems.itemId} = json_extract(found.value, '$.id')`,
      );
    return { outcomes, statements: [snapshot] };
  },
});

/** The moment before which an ended export job's file has expired. */
export const exportFileCutoff = (now = Date.now()) => nowIso(new Date(now - EXPORT_FILE_HOURS * 3_600_000));

/**
 * Deletes the snapshots no one can download any more: of export jobs that ended more than
 * EXPORT_FILE_HOURS ago, or that ended without a file (cancelled, failed). Runs with each new export job's start.
 */
export function expiredExportRows(scope: TenantScope) {
  const ended = scope.db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      scope.where(
        jobs,
        eq(jobs.kind, 'customers.export'),
        sql`${jobs.state} NOT IN ('queued', 'running') AND (${jobs.state} <> 'succeeded' OR ${jobs.finishedAt} < ${exportFileCutoff()})`,
      ),
    );
  return scope.db.delete(jobExportRows).where(scope.where(jobExportRows, inArray(jobExportRows.jobId, ended)));
}

/** The snapshot of an export job page by page in the job's order (one page in memory at a time). */
export async function* exportedCustomers(scope: TenantScope, jobId: string, pageSize = 500): AsyncGenerator<Customer[]> {
  let after = -1;
  for (;;) {
    const rows = await scope.db
      .select({ seq: jobExportRows.seq, row: jobExportRows.row })
      .from(jobExportRows)
      .where(scope.where(jobExportRows, eq(jobExportRows.jobId, jobId), gt(jobExportRows.seq, after)))
      .orderBy(jobExportRows.seq)
      .limit(pageSize)
      .all();
    if (rows.length > 0) yield rows.map((row) => row.row as Customer);
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.seq;
  }
}

import { asc, eq, lte, sql } from 'drizzle-orm';
import type { ImportReport } from '../../schema/imports';
import { type Job, type JobItemReason, jobKindPermissions } from '../../schema/jobs';
import { customerImportRows, customerImports } from '../../schema/tables';
import type { Tag } from '../../schema/tags';
import { loadCustomFieldDefinitions } from '../customers/customFieldValues';
import { nowIso, type TenantScope } from '../db';
import { NotFound } from '../errors';
import { type ChunkPlan, defineJobKind, type JobWrite } from '../jobs/registry';
import { readTogether } from '../readTogether';
import { type AuditEntry, GuardFailed, liveEvent } from '../write';
import { checkMapping, ImportChanged, planImport } from './plan';
import { customerAuditStatements, customerStatements, planGuards, tagStatements } from './statements';

export type ImportRecord = typeof customerImports.$inferSelect;

export async function findImport(scope: TenantScope, id: string): Promise<ImportRecord | undefined> {
  return scope.db
    .select()
    .from(customerImports)
    .where(scope.where(customerImports, eq(customerImports.id, id)))
    .get();
}

export async function requireImport(scope: TenantScope, id: string): Promise<ImportRecord> {
  const record = await findImport(scope, id);
  if (!record) throw new NotFound();
  return record;
}

/** What colleagues' screens hear of an import (not its rows: a report can be large). */
export function importEventData(record: ImportRecord) {
  return { id: record.id, fileName: record.fileName, status: record.status, rowCount: record.rowCount, counts: record.report?.counts ?? null, createdBy: record.createdBy };
}

/**
 * The dry run of an import against the customers as they are now: every row, or (`checkTo`) the rows
 * from `checkFrom` to `checkTo` (the earlier ones only matched, see planImport).
 */
export async function planOfImport(
  scope: TenantScope,
  record: ImportRecord,
  options: { canCreate: boolean; importVersion: number; actorName: string; checkFrom?: number; checkTo?: number },
) {
  const [definitions, rows] = await readTogether([
    loadCustomFieldDefinitions(scope),
    scope.db
      .select({ line: customerImportRows.line, cells: customerImportRows.cells })
      .from(customerImportRows)
      .where(scope.where(customerImportRows, eq(customerImportRows.importId, record.id), options.checkTo === undefined ? undefined : lte(customerImportRows.line, options.checkTo)))
      .orderBy(asc(customerImportRows.line))
      .all(),
  ]);
  checkMapping(record.mapping, record.columns.length, definitions);
  const plan = await planImport(scope, {
    rows,
    mapping: record.mapping,
    definitions,
    canCreate: options.canCreate,
    importVersion: options.importVersion,
    actorName: options.actorName,
    checkFrom: options.checkFrom,
  });
  return { ...plan, definitions };
}

export interface ImportJobParams {
  importId: string;
  /** The dry run the user confirmed, and the import's version it was made at. */
  fingerprint: string;
  dryRunVersion: number;
  /** Whether the starter may create customers (customers.create); otherwise new rows are refused, as in the dry run. */
  canCreate: boolean;
  subject: NonNullable<Job['subject']>;
}

/** Rows per chunk: each chunk is checked against the customers as they are when it runs. */
export const IMPORT_CHUNK = 500;

/** The import's own row while it runs (a no-op once it ended otherwise). */
const importUpdate = (scope: TenantScope, record: ImportRecord, values: Partial<ImportRecord>) =>
  scope.db
    .update(customerImports)
    .set(values)
    .where(scope.where(customerImports, eq(customerImports.id, record.id), eq(customerImports.status, 'running')));

/** Why an import job wrote nothing, as its report says: customers changed since the dry run, or the write broke. */
export const failureOf = (cause: unknown) =>
  cause instanceof GuardFailed || cause instanceof ImportChanged || /customers\.customer_number|customers\.microsoft_id|tags\.name_key/.test(String(cause))
    ? ('import_changed' as const)
    : ('import_failed' as const);

/**
 * The import as a job in the reseller's hub. Its items are the file's data lines. A chunk writes no
 * customer: it checks its rows against the customers as they are then and reports each (refused rows
 * as `row_refused`), so every staff member sees the progress. After the last chunk, `commit` plans the
 * whole import once more, which must still be the dry run the user confirmed (its fingerprint), and
 * returns every customer write with the guards of the request-time import (worker/imports/statements.ts):
 * the runner commits it in ONE batch with the job's end, so all rows land or none.
 */
export const importJob = defineJobKind<ImportJobParams, 'customers.import'>({
  kind: 'customers.import',
  permission: jobKindPermissions['customers.import'],
  chunkSize: IMPORT_CHUNK,
  async processChunk({ scope, actor, params }, itemIds): Promise<ChunkPlan> {
    const lines = itemIds.map(Number);
    const record = await findImport(scope, params.importId);
    if (record?.status !== 'running') return { outcomes: new Map(itemIds.map((id) => [id, 'not_found'])), statements: [] };
    const plan = await planOfImport(scope, record, {
      canCreate: params.canCreate,
      importVersion: params.dryRunVersion,
      actorName: actor.displayName,
      checkFrom: Math.min(...lines),
      checkTo: Math.max(...lines),
    });
    const refused = new Set(plan.rows.filter((row) => row.action === 'refuse').map((row) => String(row.line)));
    return { outcomes: new Map<string, JobItemReason | null>(itemIds.map((id) => [id, refused.has(id) ? 'row_refused' : null])), statements: [] };
  },
  async commit({ scope, actor, params }): Promise<JobWrite> {
    const record = await findImport(scope, params.importId);
    if (record?.status !== 'running') throw new ImportChanged();
    const plan = await planOfImport(scope, record, { canCreate: params.canCreate, importVersion: params.dryRunVersion, actorName: actor.displayName });
    if (plan.fingerprint !== params.fingerprint) throw new ImportChanged();
    const written = plan.planned.filter((row) => row.action === 'create' || row.action === 'update');
    const created = written.filter((row) => row.action === 'create').map((row) => row.after!);
    const updatedRows = written.filter((row) => row.action === 'update');
    const report: ImportReport = { counts: plan.counts, rows: plan.rows, importedAt: nowIso(), importedBy: actor.displayName };
    const next: ImportRecord = { ...record, status: 'imported', report, version: record.version + 1, updatedAt: report.importedAt };
    // Tags the file names that did not exist: made with the customers, as the tag route makes one.
    const newTags: Tag[] = plan.tagWrites.created.map((tag) => ({
      ...tag,
      color: 'gray',
      version: 1,
      customerCount: plan.tagWrites.links.filter((link) => link.tagId === tag.id).length,
    }));
    return {
      guards: [
        sql`(SELECT version FROM customer_imports WHERE id = ${record.id} AND status = 'running') = ${record.version}`,
        ...planGuards(scope, created, updatedRows, plan.tagWrites),
      ],
      statements: [
        ...customerStatements(
          scope,
          created,
          updatedRows.map((row) => row.after!),
        ),
        ...tagStatements(scope, plan.tagWrites),
        ...customerAuditStatements(scope, actor, written),
        importUpdate(scope, record, { status: 'imported', report, version: next.version, updatedAt: next.updatedAt }),
        // The rows were only kept for this; the report holds what became of each.
        scope.db.delete(customerImportRows).where(scope.where(customerImportRows, eq(customerImportRows.importId, record.id))),
      ],
      audit: [
        ...newTags.map((tag): AuditEntry => ({ action: 'tag.created', entityType: 'tag', entityId: tag.id, after: tag })),
        { action: 'customer_import.imported', entityType: 'customer_import', entityId: record.id, after: { fileName: record.fileName, counts: plan.counts } },
      ],
      events: async () => [
        ...newTags.map((tag) => liveEvent('tag.created', actor, tag, tag)),
        ...created.map((customer) => liveEvent('customer.created', actor, customer, customer)),
        ...updatedRows.map((row) => liveEvent('customer.updated', actor, row.after!, row.after)),
        liveEvent('customer_import.changed', actor, next, importEventData(next)),
      ],
    };
  },
  /**
   * Failed: the import is marked failed with the reason, its rows kept to look at and run again.
   * Cancelled (only possible before the commit): back to uploaded, nothing written.
   */
  async ended({ scope, actor, params }, state, cause): Promise<JobWrite> {
    const record = await findImport(scope, params.importId);
    if (state === 'succeeded' || !record || record.status !== 'running') return { statements: [] };
    const updatedAt = nowIso();
    const failure = state === 'failed' ? failureOf(cause) : undefined;
    const report: ImportReport | null = failure
      ? { counts: { create: 0, update: 0, unchanged: 0, refuse: 0 }, rows: [], importedAt: updatedAt, importedBy: actor.displayName, failure }
      : null;
    const next: ImportRecord = { ...record, status: failure ? 'failed' : 'uploaded', report, version: record.version + 1, updatedAt };
    return {
      statements: [importUpdate(scope, record, { status: next.status, report, version: next.version, updatedAt })],
      audit: failure ? [{ action: 'customer_import.failed', entityType: 'customer_import', entityId: record.id, after: { fileName: record.fileName, failure } }] : [],
      events: async () => [liveEvent('customer_import.changed', actor, next, importEventData(next))],
    };
  },
});

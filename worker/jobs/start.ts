import { type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { CustomerListQuery } from '../../schema/customers';
import { type Job, MAX_JOB_ITEMS } from '../../schema/jobs';
import { customers, jobItems, jobs } from '../../schema/tables';
import { matchingCustomerIds } from '../customers/list';
import { newId, nowIso, type TenantScope } from '../db';
import type { Actor } from '../env';
import { AppError, Invalid, NotFound } from '../errors';
import { hubOf } from '../live';
import { commitWrite, liveEvent, type WriteContext } from '../write';
import type { JobKindSpec } from './registry';
import { type JobRow, toJob } from './store';

/** Ids go into one statement as one JSON parameter (json_each), this many at a time. */
const IDS_PER_INSERT = 1_000;

export type CustomerTarget = { customerIds: string[]; filter?: undefined } | { customerIds?: undefined; filter: Pick<CustomerListQuery, 'q' | 'tag' | 'state' | 'country'> };

/** A bulk job's customers: their ids, and the guards that hold its start to them. */
export interface ResolvedCustomers {
  itemIds: string[];
  guards: SQL[];
}

/**
 * The customers a bulk job works on, resolved to ids when it starts. A selection must be the reseller's
 * own customers: any other id (another reseller's, or none) is a 404 and nothing starts, as for every
 * other route; that is a guard of the start's batch, so a selection is not read first. A filter is the
 * list's own filter code, read; above MAX_JOB_ITEMS it is refused with a 422.
 */
export async function resolveCustomers(scope: TenantScope, target: CustomerTarget): Promise<ResolvedCustomers> {
  if (target.customerIds) {
    const ids = [...new Set(target.customerIds)];
    const count = sql`(SELECT count(*) FROM ${customers} WHERE ${scope.where(customers, sql`${customers.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`)})`;
    return { itemIds: ids, guards: [sql`${count} = ${ids.length}`] };
  }
  const ids = await matchingCustomerIds(scope, target.filter, MAX_JOB_ITEMS + 1);
  if (ids.length === 0) throw new Invalid({ filter: 'no_customers' }, 'No customer matches the filter.');
  if (ids.length > MAX_JOB_ITEMS) {
    throw new AppError(422, 'too_many_customers', `The filter matches more than ${MAX_JOB_ITEMS} customers; narrow it down and start the job again.`, {
      fields: { filter: 'too_many_customers' },
    });
  }
  return { itemIds: ids, guards: [] };
}

/** A selection with an id that is not one of the reseller's customers (or one deleted meanwhile). */
export const customersNotFound = () => new NotFound('One or more customers were not found.');

/**
 * Starts a job: the job row, one report row per item and the `job.started` audit row in one batch,
 * (plus the kind's own `alongside` statements, e.g. a clean-up), then the hub takes over (its first chunk right away, the rest by alarm). Answers the queued job.
 */
export async function startJob<Params>(
  c: WriteContext,
  actor: Actor,
  scope: TenantScope,
  spec: JobKindSpec<Params>,
  start: { params: Params; label: string; itemIds: string[]; guards?: SQL[]; alongside?: BatchItem<'sqlite'>[] },
): Promise<Job> {
  const id = newId('job');
  const createdAt = nowIso();
  const row: JobRow = {
    id,
    resellerId: actor.resellerId,
    kind: spec.kind,
    state: 'queued',
    params: start.params,
    label: start.label,
    total: start.itemIds.length,
    processed: 0,
    succeeded: 0,
    failed: 0,
    cancelRequested: false,
    startedByUserId: actor.userId,
    startedByName: actor.displayName,
    startedByApiToken: actor.apiTokenId !== undefined,
    cancelledByUserId: null,
    cancelledByName: null,
    finishedAt: null,
    version: 1,
    createdAt,
    updatedAt: createdAt,
  };
  const statements: BatchItem<'sqlite'>[] = [...(start.alongside ?? []), scope.db.insert(jobs).values(row)];
  for (let offset = 0; offset < start.itemIds.length; offset += IDS_PER_INSERT) {
    const slice = JSON.stringify(start.itemIds.slice(offset, offset + IDS_PER_INSERT));
    statements.push(scope.db.insert(jobItems).select(sql`SELECT ${id}, ${actor.resellerId}, key + ${offset}, value, 'pending', NULL FROM json_each(${slice})`));
  }
  const job = toJob(row);
  // A failed guard (a customer of the selection gone, a remembered row changed) throws GuardFailed: nothing started.
  await commitWrite(c, actor, {
    guards: start.guards,
    statements,
    audit: { action: 'job.started', entityType: 'job', entityId: id, after: { kind: spec.kind, label: start.label, total: row.total } },
    // Colleagues hear of the queued job before its first chunk's progress.
    events: [liveEvent('job.changed', actor, { id, version: 1 }, job)],
    afterEvents: () => kickJob(c, actor.resellerId, id),
  });
  return job;
}

/** Asks the reseller's hub to work on the job now; if that fails, the hub's next alarm (set by any job's step) picks it up. */
export async function kickJob(c: WriteContext, resellerId: string, jobId: string): Promise<void> {
  try {
    await hubOf(c.env, resellerId).runJob(resellerId, jobId);
  } catch (error) {
    console.error(`job kick failed for ${jobId}: ${error instanceof Error ? error.message : 'unknown'}`);
  }
}

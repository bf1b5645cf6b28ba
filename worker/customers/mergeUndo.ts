// Undoing a merge within MERGE_UNDO_MINUTES: both customers come back exactly as the merge found them
// (ids, numbers, fields, tags, relationship) and every moved row goes back to its customer, in one
// batch. Only when nothing the merge touched changed since; otherwise the answer says what blocks it.
import { desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Customer } from '../../schema/customers';
import { type CustomerMerge, MERGE_UNDO_MINUTES, type MergeUndoBlocker } from '../../schema/merges';
import { customerMerges, customers, customerTags, tags } from '../../schema/tables';
import { nowIso, type TenantScope, tenantScope } from '../db';
import type { Actor } from '../env';
import { AppError, Conflict, NotFound } from '../errors';
import { planFromMemory } from '../rowMemory';
import { commitWrite, GuardFailed, liveEvent, readBack, type WriteContext } from '../write';
import { customerColumnsFromJson, customerRowFromJson } from './deleteUndo';
import { mergeRecordColumns, movedTableNames, movedTables, rememberedMerge } from './merge';
import { customerFromRow, loadCustomer, refreshTagsSort, searchTermStatements, tagsJson } from './rows';

type MergeRecord = typeof customerMerges.$inferSelect;
type MovedRows = Record<(typeof movedTableNames)[number], { id: string; version: number }[]>;

/** The merges a customer took part in, as survivor or as the one removed, newest first (at most `limit`). */
export async function mergesOf(scope: TenantScope, customerId: string, limit: number): Promise<CustomerMerge[]> {
  return scope.db
    .select(mergeRecordColumns)
    .from(customerMerges)
    .where(scope.where(customerMerges, or(eq(customerMerges.survivorId, customerId), eq(customerMerges.mergedId, customerId))))
    .orderBy(desc(customerMerges.mergedAt), desc(customerMerges.id))
    .limit(limit)
    .all();
}

const publicMerge = (record: MergeRecord): CustomerMerge =>
  Object.fromEntries(Object.keys(mergeRecordColumns).map((key) => [key, record[key as keyof MergeRecord]])) as CustomerMerge;

async function requireMerge(scope: TenantScope, id: string): Promise<MergeRecord> {
  const record = await scope.db
    .select()
    .from(customerMerges)
    .where(scope.where(customerMerges, eq(customerMerges.id, id)))
    .get();
  if (!record) throw new NotFound();
  return record;
}

const undoExpired = () => new AppError(410, 'merge_undo_expired', `A merge can be undone for ${MERGE_UNDO_MINUTES} minutes; that time is over.`);

/**
 * What keeps the undo from restoring both customers exactly, read now (the batch's guards hold it to
 * the same state): empty when nothing does.
 */
async function undoBlockers(scope: TenantScope, record: MergeRecord): Promise<MergeUndoBlocker[]> {
  const blockers = new Set<MergeUndoBlocker>();
  const survivor = await loadCustomer(scope, record.survivorId);
  if (!survivor) blockers.add('survivor_merged');
  else if (survivor.version !== record.survivorVersion) blockers.add('survivor_changed');
  const moved = JSON.parse(record.moved) as MovedRows;
  for (const key of movedTableNames) {
    const table = movedTables[key];
    const ids = moved[key].map((row) => row.id);
    for (let start = 0; start < ids.length; start += 80) {
      const now = await scope.db
        .select({ id: table.id, customerId: table.customerId, version: table.version })
        .from(table)
        .where(scope.where(table, inArray(table.id, ids.slice(start, start + 80))))
        .all();
      const byId = new Map(now.map((row) => [row.id, row]));
      if (moved[key].slice(start, start + 80).some((row) => byId.get(row.id)?.customerId !== record.survivorId || byId.get(row.id)?.version !== row.version)) {
        blockers.add('moved_row_changed');
      }
    }
  }
  const tagIds = [...new Set([...(JSON.parse(record.survivorTagIds) as string[]), ...(JSON.parse(record.mergedTagIds) as string[])])];
  if (tagIds.length > 0) {
    const found = await scope.db
      .select({ id: tags.id })
      .from(tags)
      .where(scope.where(tags, inArray(tags.id, tagIds)))
      .all();
    if (found.length !== tagIds.length) blockers.add('tag_deleted');
  }
  // Both numbers and Microsoft IDs must be free again, or held by the survivor that gives them back.
  const keys = [JSON.parse(record.survivor), JSON.parse(record.merged)] as { customer_number: string; microsoft_id: string }[];
  const numbers = keys.map((row) => row.customer_number);
  const microsoftIds = keys.map((row) => row.microsoft_id).filter(Boolean);
  const holders = await scope.db
    .select({ id: customers.id })
    .from(customers)
    .where(
      scope.where(
        customers,
        sql`${customers.id} <> ${record.survivorId}`,
        or(inArray(customers.customerNumber, numbers), microsoftIds.length > 0 ? inArray(customers.microsoftId, microsoftIds) : undefined),
      ),
    )
    .all();
  if (holders.length > 0) blockers.add('number_taken');
  return [...blockers];
}

const blocked = (reasons: MergeUndoBlocker[]) => new Conflict('merge_undo_blocked', 'Something this merge changed has changed since, so it cannot be undone exactly.', { reasons });

/** The ids of one table's moved rows, from the merge's snapshot. */
const movedIds = (record: MergeRecord, key: string) => sql`(SELECT json_extract(value, '$.id') FROM json_each(json_extract(${record.moved}, ${`$.${key}`})))`;

/** Inside the batch: every moved row still on the survivor with the version it had when it moved. */
function movedRowsUnchanged(record: MergeRecord): SQL[] {
  return movedTableNames.map((key) => {
    const table = movedTables[key];
    return sql`NOT EXISTS (SELECT 1 FROM json_each(json_extract(${record.moved}, ${`$.${key}`})) j LEFT JOIN ${table} x ON x.id = json_extract(j.value, '$.id')
      WHERE x.id IS NULL OR x.reseller_id <> ${record.resellerId} OR x.customer_id <> ${record.survivorId} OR x.version <> json_extract(j.value, '$.version'))`;
  });
}

function undoStatements(scope: TenantScope, record: MergeRecord): BatchItem<'sqlite'>[] {
  const updatedAt = nowIso();
  const survivorRow = customerRowFromJson(JSON.parse(record.survivor));
  const mergedRow = customerRowFromJson(JSON.parse(record.merged));
  const { id: survivorId, ...survivorColumns } = survivorRow;
  const thisMerge = eq(customerMerges.id, record.id);
  return [
    // The survivor first: it gives back a number or Microsoft ID it took from the other.
    scope.db
      .update(customers)
      .set({ ...survivorColumns, version: record.survivorVersion + 1, updatedAt })
      .where(scope.where(customers, eq(customers.id, survivorId))),
    scope.db
      .delete(customerTags)
      .where(scope.where(customerTags, eq(customerTags.customerId, survivorId), sql`${customerTags.tagId} NOT IN (SELECT value FROM json_each(${record.survivorTagIds}))`)),
    scope.db.insert(customers).select(
      scope.db
        .select(customerColumnsFromJson(customerMerges.merged) as never)
        .from(customerMerges)
        .where(scope.where(customerMerges, thisMerge)),
    ),
    // Its version moves past the merge's event (which removed it at version + 1), so open screens take it back.
    scope.db
      .update(customers)
      .set({ version: mergedRow.version + 2, updatedAt })
      .where(scope.where(customers, eq(customers.id, mergedRow.id))),
    scope.db.insert(customerTags).select(
      scope.db
        .select({ resellerId: tags.resellerId, customerId: sql<string>`${mergedRow.id}`.as('customer_id'), tagId: tags.id })
        .from(tags)
        .where(scope.where(tags, sql`${tags.id} IN (SELECT value FROM json_each(${record.mergedTagIds}))`)),
    ),
    ...movedTableNames.map((key) => {
      const table = movedTables[key];
      return scope.db
        .update(table)
        .set({ customerId: mergedRow.id })
        .where(scope.where(table, sql`${table.id} IN ${movedIds(record, key)}`));
    }),
    scope.db
      .update(customerMerges)
      .set({ findsId: mergedRow.id })
      .where(scope.where(customerMerges, sql`${customerMerges.id} IN (SELECT value FROM json_each(${record.repointedMergeIds}))`)),
    // Gone with the merge: the survivor's search terms no longer carry the dropped number.
    scope.db.delete(customerMerges).where(scope.where(customerMerges, thisMerge)),
    refreshTagsSort(scope, [survivorId, mergedRow.id]),
    ...searchTermStatements(scope, survivorRow),
    ...searchTermStatements(scope, mergedRow),
  ];
}

/**
 * Undoes merge `mergeId` of the actor's reseller: 404 for an unknown one (or another reseller's),
 * 410 `merge_undo_expired` after MERGE_UNDO_MINUTES, 409 `merge_undo_blocked` with `reasons` when
 * something it touched changed since. Returns both customers as they are again.
 */
export async function undoMerge(c: WriteContext, actor: Actor, mergeId: string): Promise<{ survivor: Customer; merged: Customer }> {
  const scope = tenantScope(c.env, actor);
  // The record as this isolate's merge stored it (its existence, time and survivor are the batch's first guard), else read.
  const find = async (fresh: boolean) => {
    const kept = fresh ? undefined : rememberedMerge(scope, mergeId);
    return kept ? { record: kept, fromMemory: true } : { record: await requireMerge(scope, mergeId), fromMemory: false };
  };
  const { ids, both, results } = await planFromMemory(find, ({ record, fromMemory }) => undoFound(c, actor, scope, record, fromMemory));
  // Read back after planFromMemory: nothing that follows the commit may send the undo round again.
  const rows = await both.all(results);
  const [survivor, merged] = ids.map((id) => rows.find((row) => row.customer.id === id)).map((row) => row && customerFromRow(row));
  if (!survivor || !merged) throw new NotFound();
  return { survivor, merged };
}

async function undoFound(c: WriteContext, actor: Actor, scope: TenantScope, record: MergeRecord, fromMemory: boolean) {
  const mergeId = record.id;
  const now = nowIso();
  if (record.undoUntil <= now) throw undoExpired();
  const merge = publicMerge(record);
  // Both customers as committed, read back as the batch's last statement (no trip of their own).
  const ids = [record.survivorId, record.mergedId];
  const both = readBack(() =>
    scope.db
      .select({ customer: customers, tags: tagsJson })
      .from(customers)
      .where(scope.where(customers, inArray(customers.id, ids))),
  );
  const tagIds = sql`(SELECT value FROM json_each(${record.survivorTagIds}) UNION SELECT value FROM json_each(${record.mergedTagIds}))`;
  let results: unknown[];
  try {
    // The guards hold the batch to the state the merge left; only when one fails is it read why.
    results = await commitWrite(c, actor, {
      guards: [
        sql`EXISTS (SELECT 1 FROM customer_merges WHERE id = ${record.id} AND reseller_id = ${scope.resellerId} AND survivor_id = ${record.survivorId} AND undo_until > ${now})`,
        sql`(SELECT version FROM customers WHERE id = ${record.survivorId} AND reseller_id = ${scope.resellerId}) = ${record.survivorVersion}`,
        sql`NOT EXISTS (SELECT 1 FROM customers WHERE id = ${record.mergedId})`,
        sql`(SELECT count(*) FROM tags WHERE reseller_id = ${scope.resellerId} AND id IN ${tagIds}) = (SELECT count(*) FROM ${tagIds})`,
        ...movedRowsUnchanged(record),
      ],
      statements: [...undoStatements(scope, record), both.statement],
      audit: [record.survivorId, record.mergedId].map((customerId) => ({
        action: 'customer.merge_undone' as const,
        entityType: 'customer',
        entityId: customerId,
        customerId,
        after: merge,
      })),
      events: async () => {
        const [survivor, merged] = await Promise.all([loadCustomer(scope, record.survivorId), loadCustomer(scope, record.mergedId)]);
        return [
          liveEvent('customer.merge_undone', actor, { id: record.mergedId, version: merged?.version }, { merge, survivor, merged }),
          ...(survivor ? [liveEvent('customer.updated', actor, survivor, survivor)] : []),
        ];
      },
    });
  } catch (error) {
    // Changed a moment ago, or a number taken at the same moment (the unique index is the backstop): say why,
    // once planned from D1 (a plan from memory is made again by planFromMemory).
    if (!(error instanceof GuardFailed) && !/customers\.customer_number|customers\.microsoft_id/.test(String(error))) throw error;
    if (fromMemory) throw new GuardFailed();
    const latest = await requireMerge(scope, mergeId);
    if (latest.undoUntil <= nowIso()) throw undoExpired();
    throw blocked(await undoBlockers(scope, latest));
  }
  return { ids, both, results };
}

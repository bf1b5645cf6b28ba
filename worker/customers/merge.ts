// Merging two customers: the surviving one takes the chosen field values, the union of both tag sets,
// the chosen relationship and everything that hung on the other (orders, subscriptions, licences,
// domains, portal users, invitations); the other is removed, its number stays searchable. One guarded
// batch, which first copies what it changes into customer_merges so the merge can be undone exactly.
import { eq, getTableName, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Customer } from '../../schema/customers';
import { changedCustomerErrors, missingCustomerFields } from '../../schema/customers';
import type { FieldErrors } from '../../schema/errorCodes';
import { type CustomerMerge, type CustomerMergeInput, MERGE_UNDO_MINUTES, mergeOutcome, relationshipsConflict } from '../../schema/merges';
import { assets, customerMerges, customers, customerTags, domains, invitations, orders, portalUsers, subscriptions } from '../../schema/tables';
import { newId, nowIso, type TenantScope, tenantScope } from '../db';
import type { Actor } from '../env';
import { Conflict, Invalid, NotFound, VersionConflict } from '../errors';
import { readTogether } from '../readTogether';
import { IsolateMemory, planFromMemory } from '../rowMemory';
import { type AuditEntry, commitWrite, GuardFailed, liveEvent, readBack, type WriteContext } from '../write';
import { type CustomerForChange, customerForChange } from './customerMemory';
import { rowAsJson } from './deleteUndo';
import { refreshTotalsOf } from './holdings';
import { numberSearchTerms } from './mergedNumbers';
import { customerFromRow, customerQuery, loadCustomer, refreshTagsSort, rowOf, searchTermStatements } from './rows';

/** Every table whose rows hang on a customer and move with a merge, by the key they have in `moved`. */
export const movedTables = { orders, subscriptions, assets, domains, portalUsers, invitations };
export type MovedTable = keyof typeof movedTables;
export const movedTableNames = Object.keys(movedTables) as MovedTable[];

/** `json_object('orders', [{id, version}, …], …)`: what hangs on the customer `alias` right now. */
function movedRowsJson(alias: string): SQL {
  const parts = movedTableNames.map((key) => {
    const table = getTableName(movedTables[key]);
    return `'${key}', json((SELECT json_group_array(json_object('id', x.id, 'version', x.version)) FROM ${table} x WHERE x.customer_id = ${alias}.id))`;
  });
  return sql.raw(`json_object(${parts.join(', ')})`);
}

const tagIdsJson = (alias: string) => sql.raw(`(SELECT json_group_array(ct.tag_id) FROM customer_tags ct WHERE ct.customer_id = ${alias}.id)`);

export const mergeRecordColumns = {
  id: customerMerges.id,
  survivorId: customerMerges.survivorId,
  mergedId: customerMerges.mergedId,
  survivorNumber: customerMerges.survivorNumber,
  mergedNumber: customerMerges.mergedNumber,
  droppedNumber: customerMerges.droppedNumber,
  mergedBy: customerMerges.mergedBy,
  mergedAt: customerMerges.mergedAt,
  undoUntil: customerMerges.undoUntil,
};

async function requireVersion(scope: TenantScope, id: string, version: number): Promise<Customer> {
  const customer = await loadCustomer(scope, id);
  if (!customer) throw new NotFound();
  if (customer.version !== version) throw new VersionConflict('this customer', customer);
  return customer;
}

const choiceRequired = () =>
  new Conflict('relationship_choice_required', 'Both customers have an accepted relationship and they differ: say which one stays (`relationship`).', {
    fields: { relationship: 'choice_required' },
  });

/** The survivor as it is after the merge, or 409/422 when the choices cannot make one. */
function survivorAfter(survivor: Customer, merged: Customer, input: CustomerMergeInput, at: string): Customer {
  if (!input.relationship && relationshipsConflict(survivor, merged)) throw choiceRequired();
  const unknown: FieldErrors = {};
  for (const id of Object.keys(input.customFields)) if (!(id in survivor.customFields) && !(id in merged.customFields)) unknown[`customFields.${id}`] = 'unknown_field';
  if (Object.keys(unknown).length > 0) throw new Invalid(unknown);
  const outcome = mergeOutcome(survivor, merged, input);
  const next: Customer = { ...survivor, ...outcome.fields, ...outcome.relationship, customFields: outcome.customFields, version: survivor.version + 1, updatedAt: at };
  // Values of two customers may not fit together (one's postal code, the other's country), and a
  // stored e-mail or address may not be replaced by the other's empty one (as an edit may not empty it).
  const errors = changedCustomerErrors(survivor, next);
  const missingBefore = missingCustomerFields(survivor);
  for (const field of missingCustomerFields(next)) if (field !== 'name' && !missingBefore.includes(field)) errors[`fields.${field}`] = 'required';
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  return next;
}

/**
 * Merges `mergedId` into `survivorId` for the actor's reseller: another reseller's id is a 404, a
 * version the user did not see a 409, differing accepted relationships without a choice a 409
 * `relationship_choice_required`. Returns the merge and the survivor as it now is.
 */
type MergeRecord = typeof customerMerges.$inferSelect;

// The merges this isolate's batches stored, for the undo the same person usually clicks at once.
const rememberedMerges = new IsolateMemory<MergeRecord>(1_000, MERGE_UNDO_MINUTES * 60_000);
const mergeKey = (scope: TenantScope, mergeId: string) => `${scope.resellerId}/${mergeId}`;

/** The merge record a merge's batch returned (none when its answer was lost after the commit). */
function rememberMerge(scope: TenantScope, returned: unknown) {
  for (const record of (returned as MergeRecord[] | undefined) ?? []) rememberedMerges.set(mergeKey(scope, record.id), record);
}

/** A merge of the reseller as this isolate stored it. Nothing of the record but `findsId` changes later, and an undo does not use that. */
export const rememberedMerge = (scope: TenantScope, mergeId: string) => rememberedMerges.get(mergeKey(scope, mergeId));

export async function mergeCustomers(c: WriteContext, actor: Actor, input: CustomerMergeInput): Promise<{ merge: CustomerMerge; customer: Customer }> {
  const scope = tenantScope(c.env, actor);
  // Both as the merge dialog showed them when this isolate remembers those versions (else read together),
  // held to them by the batch's guards; a plan from memory whose guard fails is made again from D1.
  const find = async (fresh: boolean) => {
    const [survivor, merged] = await readTogether([
      customerForChange(scope, input.survivorId, input.survivorVersion, { fresh }),
      customerForChange(scope, input.mergedId, input.mergedVersion, { fresh }),
    ] as const);
    return { survivor, merged, fromMemory: survivor.fromMemory || merged.fromMemory };
  };
  const { merge, survivorBack, results } = await planFromMemory(find, (found) => mergeFound(c, actor, scope, input, found));
  // Read back after planFromMemory: nothing that follows the commit may send the merge round again.
  const stored = await survivorBack.first(results);
  if (!stored) throw new NotFound();
  return { merge, customer: customerFromRow(stored) };
}

async function mergeFound(
  c: WriteContext,
  actor: Actor,
  scope: TenantScope,
  input: CustomerMergeInput,
  found: { survivor: CustomerForChange; merged: CustomerForChange; fromMemory: boolean },
): Promise<{ merge: CustomerMerge; survivorBack: { first(results: unknown[]): Promise<Parameters<typeof customerFromRow>[0] | undefined> }; results: unknown[] }> {
  const [survivor, merged] = [found.survivor.current, found.merged.current];
  for (const [customer, version] of [
    [survivor, input.survivorVersion],
    [merged, input.mergedVersion],
  ] as const) {
    if (customer.version !== version) throw new VersionConflict('this customer', customer);
  }
  const at = new Date();
  const mergedAt = nowIso(at);
  const next = survivorAfter(survivor, merged, input, mergedAt);
  const row = rowOf(scope, next);
  const droppedNumber = next.customerNumber === merged.customerNumber ? survivor.customerNumber : merged.customerNumber;
  const merge: CustomerMerge = {
    id: newId('mrg'),
    survivorId: survivor.id,
    mergedId: merged.id,
    survivorNumber: survivor.customerNumber,
    mergedNumber: merged.customerNumber,
    droppedNumber,
    mergedBy: actor.displayName,
    mergedAt,
    undoUntil: nowIso(new Date(at.getTime() + MERGE_UNDO_MINUTES * 60_000)),
  };
  // The refresh of MRR and product count moves the version on once more.
  const survivorVersion = next.version + 1;
  const { id: _id, resellerId: _r, createdAt: _c, tagsSort: _t, monthlyRevenueCents: _m, productCount: _p, ...columns } = row;
  const statements: BatchItem<'sqlite'>[] = [
    // First, inside the transaction: both customers and what hangs on the merged one, exactly as they are.
    scope.db
      .insert(customerMerges)
      .select(
        scope.db
          .select({
            id: sql<string>`${merge.id}`.as('id'),
            resellerId: sql<string>`${scope.resellerId}`.as('reseller_id'),
            survivorId: sql<string>`${survivor.id}`.as('survivor_id'),
            mergedId: sql<string>`${merged.id}`.as('survivorBackid'),
            survivorNumber: sql<string>`${survivor.customerNumber}`.as('survivor_number'),
            mergedNumber: sql<string>`${merged.customerNumber}`.as('survivorBacknumber'),
            droppedNumber: sql<string>`${droppedNumber}`.as('dropped_number'),
            searchTerms: sql<string>`${JSON.stringify(numberSearchTerms(droppedNumber))}`.as('search_terms'),
            findsId: sql<string>`${survivor.id}`.as('finds_id'),
            survivor: sql<string>`${rowAsJson(customers, 's')}`.as('survivor'),
            merged: sql<string>`${rowAsJson(customers, 'm')}`.as('merged'),
            survivorTagIds: sql<string>`${tagIdsJson('s')}`.as('survivor_tag_ids'),
            mergedTagIds: sql<string>`${tagIdsJson('m')}`.as('survivorBacktag_ids'),
            moved: sql<string>`${movedRowsJson('m')}`.as('moved'),
            repointedMergeIds: sql<string>`(SELECT json_group_array(cm.id) FROM customer_merges cm WHERE cm.reseller_id = ${scope.resellerId} AND cm.finds_id = m.id)`.as(
              'repointed_merge_ids',
            ),
            survivorVersion: sql<number>`${survivorVersion}`.as('survivor_version'),
            mergedBy: sql<string>`${actor.displayName}`.as('survivorBackby'),
            mergedByUserId: sql<string | null>`${actor.userId}`.as('survivorBackby_user_id'),
            mergedAt: sql<string>`${mergedAt}`.as('survivorBackat'),
            undoUntil: sql<string>`${merge.undoUntil}`.as('undo_until'),
          })
          .from(sql`customers s, customers m`)
          .where(sql`s.id = ${survivor.id} AND s.reseller_id = ${scope.resellerId} AND m.id = ${merged.id} AND m.reseller_id = ${scope.resellerId}`),
      )
      // Returned as stored (`rememberMerge`): "Rückgängig" right after is planned without reading it.
      .returning(),
    // Numbers merged into the removed customer earlier now find the survivor.
    scope.db
      .update(customerMerges)
      .set({ findsId: survivor.id })
      .where(scope.where(customerMerges, eq(customerMerges.findsId, merged.id))),
    // Moved rows keep their version: nothing of theirs but the owner changes, and an undo compares it.
    ...movedTableNames.map((key) => {
      const table = movedTables[key];
      return scope.db
        .update(table)
        .set({ customerId: survivor.id })
        .where(scope.where(table, eq(table.customerId, merged.id)));
    }),
    scope.db
      .insert(customerTags)
      .select(
        scope.db
          .select({ resellerId: customerTags.resellerId, customerId: sql<string>`${survivor.id}`.as('customer_id'), tagId: customerTags.tagId })
          .from(customerTags)
          .where(scope.where(customerTags, eq(customerTags.customerId, merged.id))),
      )
      .onConflictDoNothing(),
    // Its tag links, search terms and duplicate keys go with it (ON DELETE CASCADE); its number is free from here on.
    scope.db.delete(customers).where(scope.where(customers, eq(customers.id, merged.id))),
    scope.db
      .update(customers)
      .set(columns)
      .where(scope.where(customers, eq(customers.id, survivor.id))),
    refreshTotalsOf(scope, survivor.id),
    refreshTagsSort(scope, [survivor.id]),
    ...searchTermStatements(scope, row),
  ];
  const survivorBack = readBack(() => customerQuery(scope, survivor.id));
  const audit: AuditEntry[] = [
    { action: 'customer.merged', entityType: 'customer', entityId: survivor.id, customerId: survivor.id, before: survivor, after: { ...next, mergeId: merge.id, merged } },
    { action: 'customer.merged', entityType: 'customer', entityId: merged.id, customerId: merged.id, before: merged, after: { mergeId: merge.id, mergedInto: survivor.id } },
  ];
  let results: unknown[];
  try {
    results = await commitWrite(c, actor, {
      guards: [found.survivor.unchanged, found.merged.unchanged],
      statements: [...statements, survivorBack.statement],
      audit,
      events: async () => {
        const current = await loadCustomer(scope, survivor.id);
        return [
          liveEvent('customer.merged', actor, { id: merged.id, version: merged.version + 1 }, { merge, survivor: current }),
          ...(current ? [liveEvent('customer.updated', actor, current, current)] : []),
        ];
      },
    });
  } catch (error) {
    if (!(error instanceof GuardFailed) || found.fromMemory) throw error;
    // Changed or removed meanwhile: the same answers as before the batch.
    await readTogether([requireVersion(scope, survivor.id, survivor.version), requireVersion(scope, merged.id, merged.version)] as const);
    throw new VersionConflict('these customers');
  }
  rememberMerge(scope, results[0]);
  return { merge, survivorBack, results };
}

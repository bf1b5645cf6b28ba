import * as v from 'valibot';
import { pageQueryEntries } from './common';
import { type Customer, customerFieldsEntries, customerOutput } from './customers';
import type { FieldErrorCode } from './errorCodes';

/** How long a merge can be undone (the survivor's page offers it meanwhile). */
export const MERGE_UNDO_MINUTES = 10;

/** The customer fields a merge chooses between, in the form's order: every master-data field. */
export const mergeFields = Object.keys(customerFieldsEntries) as (keyof typeof customerFieldsEntries)[];
export type MergeField = (typeof mergeFields)[number];

/** Which customer's value stays: the survivor's own, or the merged customer's. */
export const mergeSides = ['survivor', 'merged'] as const;
export type MergeSide = (typeof mergeSides)[number];
const side = v.picklist(mergeSides, 'invalid_option');

const customerId = v.pipe(v.string(), v.minLength(1, 'required'), v.maxLength(80, 'too_long'));
const version = v.pipe(v.number(), v.integer(), v.minValue(1));

const mergeObject = v.strictObject({
  /** The customer that stays, and the version the user saw. */
  survivorId: customerId,
  survivorVersion: version,
  /** The customer that is merged into it and removed. */
  mergedId: customerId,
  mergedVersion: version,
  /** Per field, whose value stays; a field left out keeps the survivor's value, or the other's when the survivor's is empty. */
  fields: v.optional(v.strictObject(Object.fromEntries(mergeFields.map((field) => [field, v.optional(side)])) as Record<MergeField, v.OptionalSchema<typeof side, undefined>>), {}),
  /** The same per custom field id. */
  customFields: v.optional(v.record(v.pipe(v.string(), v.maxLength(40, 'too_long')), side), {}),
  /** Whose relationship stays; required when both customers have an active relationship that differs. */
  relationship: v.optional(side),
});

export const customerMergeInput = v.pipe(
  mergeObject,
  v.forward(
    v.check((input) => input.survivorId !== input.mergedId, 'same_customer' satisfies FieldErrorCode),
    ['mergedId'],
  ),
);
export type CustomerMergeInput = v.InferOutput<typeof customerMergeInput>;

/** A merge as the API answers it: who merged what into what, and until when it can be undone. */
export const customerMergeOutput = v.object({
  id: v.string(),
  survivorId: v.string(),
  mergedId: v.string(),
  survivorNumber: v.string(),
  mergedNumber: v.string(),
  /** The number the survivor no longer carries; searching it still finds the survivor. */
  droppedNumber: v.string(),
  mergedBy: v.string(),
  mergedAt: v.string(),
  undoUntil: v.string(),
});
export type CustomerMerge = v.InferOutput<typeof customerMergeOutput>;

export const customerMergeResult = v.object({ merge: customerMergeOutput, customer: customerOutput });

/** Undo answers both customers as they are again. */
export const mergeUndoResult = v.object({ survivor: customerOutput, merged: customerOutput });

/** The merges a customer took part in (as survivor or as the one removed), newest first. */
export const customerMergeQuery = v.object({ customerId, limit: pageQueryEntries.limit });

/**
 * What keeps an undo from restoring both customers exactly: the survivor was changed since, a moved
 * row (order, subscription, licence, domain, portal user, invitation) was changed or removed, a tag
 * of theirs was deleted, the removed customer's number or Microsoft ID is taken again, or the
 * survivor was itself merged into another customer.
 */
export const mergeUndoBlockers = ['survivor_changed', 'moved_row_changed', 'tag_deleted', 'number_taken', 'survivor_merged'] as const;
export type MergeUndoBlocker = (typeof mergeUndoBlockers)[number];

/** The live event's data when a merge commits or is undone: enough for a toast and for an open view of either customer. */
export const customerMergeEventData = v.object({
  merge: customerMergeOutput,
  survivor: v.optional(customerOutput),
  merged: v.optional(customerOutput),
});
export type CustomerMergeEventData = v.InferOutput<typeof customerMergeEventData>;

type MergedCustomer = Pick<Customer, MergeField | 'customFields' | 'relationshipState' | 'grantedRights' | 'rightsToReview' | 'indirectProvider'>;

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/** The value that stays when nobody chose: the survivor's, unless it is empty and the other's is not. */
export const defaultSide = (survivorValue: unknown, mergedValue: unknown): MergeSide => (isEmpty(survivorValue) && !isEmpty(mergedValue) ? 'merged' : 'survivor');

const relationshipRank: Record<Customer['relationshipState'], number> = { none: 0, removed: 1, pending: 2, active: 3 };

/**
 * Two accepted relationships that differ (other rights, another indirect provider) cannot be united:
 * the user chooses which one the customer keeps.
 */
export function relationshipsConflict(survivor: MergedCustomer, merged: MergedCustomer): boolean {
  if (survivor.relationshipState !== 'active' || merged.relationshipState !== 'active') return false;
  const rights = (customer: MergedCustomer) => [...customer.grantedRights].sort().join('\n');
  return rights(survivor) !== rights(merged) || (survivor.indirectProvider ?? '') !== (merged.indirectProvider ?? '');
}

/** Without a conflict the relationship further along stays (accepted before pending before removed before none). */
export const defaultRelationshipSide = (survivor: MergedCustomer, merged: MergedCustomer): MergeSide =>
  relationshipRank[merged.relationshipState] > relationshipRank[survivor.relationshipState] ? 'merged' : 'survivor';

/** Every custom field id either customer has a value for. */
export const customFieldIdsOf = (survivor: MergedCustomer, merged: MergedCustomer) => [...new Set([...Object.keys(survivor.customFields), ...Object.keys(merged.customFields)])];

/**
 * What the surviving customer becomes: per field and custom field the chosen (or default) side's
 * value, and the chosen relationship. Shared by the merge view's preview and the API, so both agree.
 */
export function mergeOutcome(survivor: MergedCustomer, merged: MergedCustomer, choice: Pick<CustomerMergeInput, 'fields' | 'customFields' | 'relationship'>) {
  const pick = <T>(chosen: MergeSide | undefined, ours: T, theirs: T) => ((chosen ?? defaultSide(ours, theirs)) === 'merged' ? theirs : ours);
  const fields = Object.fromEntries(mergeFields.map((field) => [field, pick(choice.fields[field], survivor[field], merged[field])])) as Pick<Customer, MergeField>;
  const customFields: Record<string, unknown> = {};
  for (const id of customFieldIdsOf(survivor, merged)) {
    const value = pick(choice.customFields[id], survivor.customFields[id], merged.customFields[id]);
    if (value !== undefined) customFields[id] = value;
  }
  const relationshipSide = choice.relationship ?? defaultRelationshipSide(survivor, merged);
  const from = relationshipSide === 'merged' ? merged : survivor;
  return {
    fields,
    customFields,
    relationshipSide,
    relationship: { relationshipState: from.relationshipState, grantedRights: from.grantedRights, rightsToReview: from.rightsToReview, indirectProvider: from.indirectProvider },
  };
}

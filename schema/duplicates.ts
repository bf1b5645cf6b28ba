import * as v from 'valibot';
import { pageQueryEntries } from './common';
import { countryCodes } from './countries';
import { customerOutput } from './customers';
import { duplicateReasons } from './duplicateKeys.js';

export { type DuplicateReason, duplicateReasons } from './duplicateKeys.js';
export const duplicateReasonSchema = v.picklist(duplicateReasons);

/** How a possible duplicate is shown: enough to recognise it and open it. */
export const duplicateCustomerOutput = v.pick(customerOutput, [
  'id',
  'customerNumber',
  'company',
  'contactFirstName',
  'contactLastName',
  'email',
  'phone',
  'city',
  'primaryDomain',
  'archivedAt',
]);
export type DuplicateCustomer = v.InferOutput<typeof duplicateCustomerOutput>;

/** An existing customer a new one looks like, and why (strongest reason first). */
export const duplicateHintOutput = v.object({ customer: duplicateCustomerOutput, reasons: v.array(duplicateReasonSchema) });
export type DuplicateHint = v.InferOutput<typeof duplicateHintOutput>;

const typed = (max: number) => v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max, 'too_long')), '');

/** The fields of a customer being entered, as far as they are typed: each may be partial or empty. */
export const duplicateHintQuery = v.object({
  company: typed(160),
  email: typed(254),
  phone: typed(40),
  mobile: typed(40),
  website: typed(200),
  primaryDomain: typed(253),
  country: v.optional(v.picklist(countryCodes, 'invalid_country')),
  /** The customer being edited, left out of its own hints. */
  excludeId: v.optional(v.pipe(v.string(), v.maxLength(80, 'too_long'))),
});
export type DuplicateHintQuery = v.InferOutput<typeof duplicateHintQuery>;

/** A group of customers sharing one key: the reason, the shared value, and its members (at most `MAX_GROUP_MEMBERS`). */
export const duplicateGroupOutput = v.object({
  reason: duplicateReasonSchema,
  key: v.string(),
  memberCount: v.number(),
  customers: v.array(duplicateCustomerOutput),
});
export type DuplicateGroup = v.InferOutput<typeof duplicateGroupOutput>;
export const MAX_GROUP_MEMBERS = 20;

export const duplicateGroupQuery = v.object({ ...pageQueryEntries });

/** "Kein Duplikat": every pair of these customers is not offered again. */
export const duplicateDismissalInput = v.strictObject({
  customerIds: v.pipe(
    v.array(v.pipe(v.string(), v.maxLength(80, 'too_long'))),
    v.minLength(2, 'too_few'),
    v.maxLength(MAX_GROUP_MEMBERS, 'too_many'),
    v.check((ids) => new Set(ids).size === ids.length, 'duplicate_ids'),
  ),
});

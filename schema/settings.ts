import * as v from 'valibot';
import { requiredText } from './common';
import { partnerTypeSchema } from './permissions';

export const resellerSettings = v.object({
  name: v.string(),
  partnerType: partnerTypeSchema,
  currency: v.string(),
  onlyOwnerAddsCustomers: v.boolean(),
  /** The distributor invited together with the reseller when staff tick it; empty = none. */
  indirectProvider: v.string(),
  /** How long an invitation link stays valid. */
  invitationDays: v.number(),
  /** A Standard reseller's markup on its customers' monthly revenue, in basis points (1250 = 12.5 %); Basic resellers have none. */
  markupBasisPoints: v.number(),
  version: v.number(),
});
export type ResellerSettings = v.InferOutput<typeof resellerSettings>;

export const settingsUpdateInput = v.pipe(
  v.strictObject({
    version: v.pipe(v.number(), v.integer(), v.minValue(1)),
    name: v.optional(requiredText(160)),
    onlyOwnerAddsCustomers: v.optional(v.boolean()),
    indirectProvider: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(160, 'too_long'))),
    invitationDays: v.optional(v.pipe(v.number('invalid_number'), v.integer('invalid_number'), v.minValue(1, 'too_small'), v.maxValue(90, 'too_large'))),
    markupBasisPoints: v.optional(v.pipe(v.number('invalid_number'), v.integer('invalid_number'), v.minValue(0, 'too_small'), v.maxValue(10_000, 'too_large'))),
  }),
  v.check((input) => Object.keys(input).some((key) => key !== 'version'), 'nothing_to_change'),
);
export type SettingsUpdateInput = v.InferOutput<typeof settingsUpdateInput>;

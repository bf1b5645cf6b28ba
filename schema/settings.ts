import * as v from 'valibot';
import { requiredText } from './common';
import { partnerTypeSchema } from './permissions';

export const resellerSettings = v.object({
  name: v.string(),
  partnerType: partnerTypeSchema,
  currency: v.string(),
  onlyOwnerAddsCustomers: v.boolean(),
  version: v.number(),
});
export type ResellerSettings = v.InferOutput<typeof resellerSettings>;

export const settingsUpdateInput = v.pipe(
  v.object({
    version: v.pipe(v.number(), v.integer(), v.minValue(1)),
    name: v.optional(requiredText(160)),
    onlyOwnerAddsCustomers: v.optional(v.boolean()),
  }),
  v.check((input) => input.name !== undefined || input.onlyOwnerAddsCustomers !== undefined, 'nothing_to_change'),
);
export type SettingsUpdateInput = v.InferOutput<typeof settingsUpdateInput>;

import * as v from 'valibot';
import { emailSchema, localeSchema, requiredText } from './common';
import { roleSchema } from './permissions';

/** Initial passwords: long enough to matter, bounded so hashing cost stays predictable. */
export const passwordSchema = v.pipe(v.string(), v.minLength(10, 'password_too_short'), v.maxLength(200, 'too_long'));

export const staffCreateInput = v.strictObject({
  email: emailSchema,
  displayName: requiredText(120),
  role: roleSchema,
  password: passwordSchema,
  locale: v.optional(localeSchema, 'de'),
});
export type StaffCreateInput = v.InferOutput<typeof staffCreateInput>;

export const staffUpdateInput = v.pipe(
  v.strictObject({
    version: v.pipe(v.number(), v.integer(), v.minValue(1)),
    displayName: v.optional(requiredText(120)),
    role: v.optional(roleSchema),
    active: v.optional(v.boolean()),
  }),
  v.check((input) => input.displayName !== undefined || input.role !== undefined || input.active !== undefined, 'nothing_to_change'),
);
export type StaffUpdateInput = v.InferOutput<typeof staffUpdateInput>;

export const staffMember = v.object({
  id: v.string(),
  email: v.string(),
  displayName: v.string(),
  role: roleSchema,
  active: v.boolean(),
  locale: localeSchema,
  createdAt: v.string(),
  updatedAt: v.string(),
  version: v.number(),
});
export type StaffMember = v.InferOutput<typeof staffMember>;

import * as v from 'valibot';
import { emailSchema, localeSchema } from './common';
import { partnerTypeSchema, permissionSchema, roleSchema } from './permissions';

export const signInInput = v.strictObject({
  email: emailSchema,
  password: v.pipe(v.string(), v.minLength(1, 'required'), v.maxLength(200, 'too_long')),
  /** Which reseller to sign in to, when the address has accounts at several (409 `choose_reseller` lists them). */
  resellerId: v.optional(v.pipe(v.string(), v.maxLength(60))),
});
export type SignInInput = v.InferOutput<typeof signInInput>;

/** What the client learns about the signed-in user (GET/POST /api/v1/session). */
export const sessionInfo = v.object({
  user: v.object({
    id: v.string(),
    email: v.string(),
    displayName: v.string(),
    role: roleSchema,
    locale: localeSchema,
  }),
  reseller: v.object({
    id: v.string(),
    name: v.string(),
    partnerType: partnerTypeSchema,
    currency: v.string(),
  }),
  permissions: v.array(permissionSchema),
  modules: v.object({ customers: v.boolean() }),
});
export type SessionInfo = v.InferOutput<typeof sessionInfo>;

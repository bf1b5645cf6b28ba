import * as v from 'valibot';
import { localeSchema, pageQueryEntries } from './common';
import { customerSelfServiceInput } from './customers';

/**
 * What a reseller may ask a customer for (seeds 003, 004): delegated admin (DAP), granular admin
 * roles (GDAP-like), billing view, product and user management. Removing the relationship takes the
 * delegated admin away; granular roles stay until the customer removes them.
 */
export const granularRoles = ['granular:global_reader', 'granular:helpdesk_admin', 'granular:user_admin', 'granular:license_admin', 'granular:billing_admin'] as const;
export const customerRights = ['delegated_admin', ...granularRoles, 'billing_view', 'product_management', 'user_management'] as const;
export type CustomerRight = (typeof customerRights)[number];
export const customerRightSchema = v.picklist(customerRights, 'invalid_option');

export const isGranular = (right: string) => right.startsWith('granular:');

/** Rights kept when the reseller removes the relationship (the delegated admin rights go, granular roles stay). */
export const rightsKeptOnRemoval = (rights: readonly string[]) => rights.filter(isGranular);

const rightsList = v.pipe(
  v.array(customerRightSchema),
  v.minLength(1, 'rights_required'),
  v.maxLength(customerRights.length, 'too_many'),
  v.transform((rights) => customerRights.filter((right) => rights.includes(right))),
);

export const invitationStates = ['pending', 'accepted', 'declined', 'expired', 'revoked'] as const;

/** A reminder of the same invitation may follow the last one after this many hours (429 before). */
export const REMINDER_INTERVAL_HOURS = 24;
export type InvitationState = (typeof invitationStates)[number];

/** An existing customer is invited (from the customer's Actions), or a new one ("Neue Beziehung"). */
export const invitationCreateInput = v.strictObject({
  customerId: v.optional(v.pipe(v.string(), v.maxLength(60))),
  requestedRights: rightsList,
  includeIndirectProvider: v.optional(v.boolean(), false),
  language: v.optional(localeSchema, 'de'),
  expiresInDays: v.optional(v.pipe(v.number('invalid_number'), v.integer('invalid_number'), v.minValue(1, 'too_small'), v.maxValue(90, 'too_large'))),
});
export type InvitationCreateInput = v.InferOutput<typeof invitationCreateInput>;

export const invitationListQuery = v.object({
  state: v.optional(v.picklist(invitationStates, 'invalid_value')),
  customerId: v.optional(v.pipe(v.string(), v.maxLength(60))),
  ...pageQueryEntries,
});

const rightsOutput = v.array(v.picklist(customerRights));
const invitationKind = v.picklist(['existing', 'new']);

/** An invitation as staff see it; the token itself is returned only when it is made. */
export const invitationOutput = v.object({
  id: v.string(),
  kind: invitationKind,
  customerId: v.nullable(v.string()),
  customerName: v.nullable(v.string()),
  state: v.picklist(invitationStates),
  requestedRights: rightsOutput,
  grantedRights: v.nullable(rightsOutput),
  includeIndirectProvider: v.boolean(),
  indirectProvider: v.nullable(v.string()),
  language: localeSchema,
  sentBy: v.string(),
  createdAt: v.string(),
  expiresAt: v.string(),
  respondedAt: v.nullable(v.string()),
  /** The customer opened a usable link: first and latest time (tracking, never set by an expired or revoked link). */
  openedAt: v.nullable(v.string()),
  lastOpenedAt: v.nullable(v.string()),
  lastRemindedAt: v.nullable(v.string()),
  lastRemindedBy: v.nullable(v.string()),
  reminderCount: v.number(),
  /** When the invitation was last changed (for a revoked one: when it was revoked). */
  updatedAt: v.string(),
  version: v.number(),
});
export type Invitation = v.InferOutput<typeof invitationOutput>;

/** What the public page may show about a valid invitation: the reseller and the rights asked, nothing else. */
export const publicInvitationOutput = v.object({
  resellerName: v.string(),
  kind: invitationKind,
  /** For an existing customer, the name the reseller has on file, so the customer recognizes it. */
  customerName: v.nullable(v.string()),
  requestedRights: rightsOutput,
  indirectProvider: v.nullable(v.string()),
  language: localeSchema,
  expiresAt: v.string(),
});
export type PublicInvitation = v.InferOutput<typeof publicInvitationOutput>;

/** What the invite dialog offers: the reseller's indirect provider ('' for none) and how long links stay valid. */
export const invitationTerms = v.object({ indirectProvider: v.string(), invitationDays: v.number() });

/** The customer's answer. A new customer also enters its master data (the new-customer rules). */
export const invitationAcceptInput = v.strictObject({
  grantedRights: v.pipe(
    v.array(customerRightSchema),
    v.minLength(1, 'rights_required'),
    v.maxLength(customerRights.length, 'too_many'),
    v.transform((rights) => customerRights.filter((right) => rights.includes(right))),
  ),
  customer: v.optional(customerSelfServiceInput),
});
export type InvitationAcceptInput = v.InferOutput<typeof invitationAcceptInput>;

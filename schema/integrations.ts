// API tokens and webhooks, the integration API: inputs and the shapes the API returns.
import * as v from 'valibot';
import { requiredText } from './common';
import { permissionSchema } from './permissions';
import type { LiveEventKind } from './realtime';

export const apiTokenCreateInput = v.strictObject({
  name: requiredText(80),
  scopes: v.pipe(v.array(permissionSchema), v.minLength(1, 'scopes_required'), v.maxLength(20, 'too_many')),
  /** ISO date (YYYY-MM-DD) after which the token stops working; none = until revoked. */
  expiresOn: v.optional(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date'))),
  /** Requests per minute this token may make (429 with Retry-After above it). */
  rateLimitPerMinute: v.optional(v.pipe(v.number('invalid_number'), v.integer('invalid_number'), v.minValue(1, 'too_small'), v.maxValue(6_000, 'too_large')), 300),
});

export const apiTokenOutput = v.object({
  id: v.string(),
  name: v.string(),
  /** The first characters of the secret, so people can tell their tokens apart. */
  prefix: v.string(),
  scopes: v.array(v.string()),
  expiresOn: v.nullable(v.string()),
  rateLimitPerMinute: v.number(),
  createdBy: v.string(),
  createdAt: v.string(),
  lastUsedAt: v.nullable(v.string()),
  revokedAt: v.nullable(v.string()),
});
export type ApiToken = v.InferOutput<typeof apiTokenOutput>;

/** What integrations may subscribe to: the committed changes colleagues see live. */
export const webhookEventTypes = [
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'customer.archived',
  'customer.unarchived',
  'customer.restored',
  'customer.merged',
  'customer.merge_undone',
  'order.changed',
  'invitation.accepted',
  'invitation.declined',
  'relationship.removed',
] as const satisfies readonly LiveEventKind[];

export const webhookCreateInput = v.strictObject({
  /** https only (checked by the API, which may allow http://localhost in local tests). */
  url: v.pipe(v.string(), v.trim(), v.maxLength(500, 'too_long'), v.url('invalid_url')),
  eventTypes: v.pipe(v.array(v.picklist(webhookEventTypes, 'invalid_option')), v.minLength(1, 'events_required')),
  description: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(120, 'too_long')), ''),
});

export const webhookEndpointOutput = v.object({
  id: v.string(),
  url: v.string(),
  eventTypes: v.array(v.string()),
  description: v.string(),
  active: v.boolean(),
  createdAt: v.string(),
});
export type WebhookEndpoint = v.InferOutput<typeof webhookEndpointOutput>;

export const webhookDeliveryOutput = v.object({
  id: v.string(),
  endpointId: v.string(),
  eventKind: v.string(),
  status: v.picklist(['pending', 'delivered', 'failed']),
  attempts: v.number(),
  lastStatusCode: v.nullable(v.number()),
  lastError: v.nullable(v.string()),
  nextAttemptAt: v.nullable(v.string()),
  createdAt: v.string(),
});
export type WebhookDelivery = v.InferOutput<typeof webhookDeliveryOutput>;

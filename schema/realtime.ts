import * as v from 'valibot';

/** What changed, as published by the worker after a committed write. */
export const liveEventKinds = [
  'customer.created',
  'customer.updated',
  'customer.deleted',
  /** Archived, restored from the archive, and brought back after a delete: each carries the row. */
  'customer.archived',
  'customer.unarchived',
  'customer.restored',
  /** One customer merged into another, and that merge undone: `data` is schema/merges.ts' event data. */
  'customer.merged',
  'customer.merge_undone',
  'tag.created',
  'tag.updated',
  'tag.deleted',
  'custom_field.created',
  'custom_field.updated',
  'invitation.changed',
  'invitation.accepted',
  'invitation.declined',
  'relationship.removed',
  'order.changed',
  'subscription.changed',
  'asset.changed',
  'domain.changed',
  'portal_user.changed',
  'product.changed',
  'order_statuses.changed',
  'customer_import.changed',
  /** A background job started, advanced a chunk, finished or was cancelled; `data` is the job. */
  'job.changed',
  /** Team views only: a private view is never published. */
  'saved_view.changed',
  'saved_view.deleted',
] as const;
export type LiveEventKind = (typeof liveEventKinds)[number];

export interface LiveEvent {
  kind: LiveEventKind;
  /** The id of the changed entity (customer, tag, field, invitation). */
  entityId: string;
  /** The entity's version after the change; clients ignore events not newer than what they hold. */
  version?: number;
  /** The changed row as the API returns it (absent for deletions). */
  data?: unknown;
  actor: { userId: string | null; displayName: string };
  at: string;
}

export interface PresenceEntry {
  userId: string;
  displayName: string;
  /** Customer ids this person has open, and the ones they are editing. */
  viewing: string[];
  editing: string[];
}

/** Hub → browser. `seq` numbers the reseller's events; a client remembers the last one it saw. */
export type ServerMessage =
  | { type: 'hello'; seq: number; presence: PresenceEntry[] }
  | { type: 'event'; seq: number; event: LiveEvent }
  | { type: 'resync'; seq: number }
  | { type: 'presence'; presence: PresenceEntry[] }
  | { type: 'pong' };

/** The hub closes a socket with this code when its session, user or token has ended; the client signs out instead of reconnecting. */
export const LIVE_CLOSE_SIGNED_OUT = 4001;

/** `GET /api/v1/live?since=<seq>` asks for the events after `seq`; without it the socket starts afresh. */
export const liveQuery = v.object({ since: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'invalid_number'))) });

/** Browser → hub. */
export const clientMessage = v.variant('type', [
  v.object({ type: v.literal('presence'), viewing: v.nullable(v.pipe(v.string(), v.maxLength(60))), editing: v.nullable(v.pipe(v.string(), v.maxLength(60))) }),
  v.object({ type: v.literal('ping') }),
]);
export type ClientMessage = v.InferOutput<typeof clientMessage>;

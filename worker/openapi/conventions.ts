// What every route of a kind answers besides its own errors: sign-in, permission, CSRF, body, query,
// path ids, Idempotency-Key and If-Match. The one place the document learns the cross-cutting rules.
import type * as v from 'valibot';
import type { ErrorCode } from '../../schema/errorCodes';
import { customerModulePermissions, type Permission } from '../../schema/permissions';
import type { Operation } from './operation';

export type ErrorCodes = Map<number, ErrorCode[]>;

/** `:id` in a Hono path. */
export const pathParams = (path: string) => [...path.matchAll(/:(\w+)/g)].map((match) => match[1]!);

function objectEntries(schema: v.GenericSchema | undefined): v.ObjectEntries | undefined {
  const root = schema && 'pipe' in schema ? (schema.pipe as v.GenericSchema[])[0] : schema;
  return root && 'entries' in root ? (root.entries as v.ObjectEntries) : undefined;
}

/** A body that names the version it is based on also takes `If-Match` (and answers 409/412 when stale), as does a change that says so. */
export const takesVersion = (operation: Operation) => operation.ifMatch === true || objectEntries(operation.body)?.version !== undefined;

/** Idempotency-Key needs someone signed in: keys are stored per reseller. */
export const takesIdempotencyKey = (operation: Operation) => operation.method === 'post' && operation.access !== 'public';

/**
 * A GET whose answer holds exactly one versioned resource carries `ETag: "v<version>"` (see
 * worker/http/conventions.ts, which decides the same at run time).
 */
export function answersWithEtag(operation: Operation, schema: v.GenericSchema): boolean {
  const entries = objectEntries(schema);
  if (operation.method !== 'get' || !entries || 'items' in entries) return false;
  return Object.values(entries).filter((entry) => objectEntries(entry)?.version?.type === 'number').length === 1;
}

export function errorCodesOf(operation: Operation, permission: Permission | undefined): ErrorCodes {
  const codes: ErrorCodes = new Map();
  const add = (status: number, ...more: ErrorCode[]) => codes.set(status, [...new Set([...(codes.get(status) ?? []), ...more])]);
  const signedIn = operation.access !== 'public';
  if (signedIn) {
    add(401, 'unauthenticated', 'invalid_token');
    add(429, 'rate_limited');
  }
  if (permission) add(403, 'forbidden', ...(customerModulePermissions.includes(permission) ? (['module_unavailable'] as const) : []));
  // Cookie-authenticated writes must come from the app's own origin and carry JSON.
  if (operation.method !== 'get') add(403, 'csrf_rejected');
  if (operation.method === 'post' || operation.method === 'put' || operation.method === 'patch') add(415, 'unsupported_media_type');
  if (operation.body) {
    add(400, 'invalid_json');
    add(413, 'payload_too_large');
    add(422, 'validation_failed');
  }
  if (operation.query) add(422, 'validation_failed');
  if (signedIn && pathParams(operation.path).length > 0) add(404, 'not_found');
  if (takesIdempotencyKey(operation)) {
    add(400, 'invalid_idempotency_key');
    add(409, 'idempotency_in_progress');
    add(422, 'idempotency_key_reused');
  }
  if (takesVersion(operation)) {
    add(400, 'invalid_if_match');
    add(409, 'version_conflict');
    add(412, 'precondition_failed');
  }
  for (const [status, more] of Object.entries(operation.errors ?? {})) add(Number(status), ...more);
  return new Map([...codes].sort(([a], [b]) => a - b));
}

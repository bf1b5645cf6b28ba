// API conventions shared by every route: ETag / If-Match on versioned resources and Idempotency-Key
// on POST. Routes keep validating `version` in the body; these only translate the HTTP headers.
import type { Context, MiddlewareHandler } from 'hono';
import { sha256Hex } from '../auth/crypto';
import type { AppEnv } from '../env';
import { AppError, BadRequest } from '../errors';

const IDEMPOTENCY_HOURS = 24;
/** 1–200 visible ASCII characters, e.g. an order number or a UUID. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** `"v7"` (or `W/"v7"`, or `"7"`) → 7. */
function versionFromEtag(value: string): number | undefined {
  const match = /^(?:W\/)?"v?(\d{1,9})"$/.exec(value.trim());
  return match ? Number(match[1]) : undefined;
}

/** The version an If-Match header names, checked against the body's own `version` when both are sent. */
export function ifMatchVersion(c: Context, bodyVersion: unknown): number | undefined {
  const header = c.req.header('if-match');
  if (header === undefined) return undefined;
  const version = versionFromEtag(header);
  if (version === undefined) throw new BadRequest('invalid_if_match', 'If-Match must be an ETag this API returned, e.g. "v3".');
  if (bodyVersion !== undefined && bodyVersion !== version) throw new AppError(412, 'precondition_failed', 'If-Match and the body name different versions.');
  return version;
}

/**
 * Single resources answer with `ETag: "v<version>"`; an update sent with If-Match that finds another
 * version answers 412 (the route's 409 version_conflict, with the current data, under the HTTP name).
 */
export const versionPreconditions: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const isJson = c.res.headers.get('content-type')?.startsWith('application/json');
  if (!isJson) return;
  if (c.req.method === 'GET' && c.res.status === 200) {
    const text = await c.res.clone().text();
    // Lists (the hot path) carry no ETag: leave them unparsed.
    if (text.startsWith('{"items"')) return;
    const body = JSON.parse(text) as Record<string, unknown>;
    const resources = Object.values(body).filter(
      (value): value is { version: number } => typeof value === 'object' && value !== null && typeof (value as { version?: unknown }).version === 'number',
    );
    if (!('items' in body) && resources.length === 1) c.header('ETag', `"v${resources[0]!.version}"`);
  } else if (c.req.header('if-match') !== undefined && c.res.status === 409) {
    const body = (await c.res.clone().json()) as { error?: { code?: string } };
    if (body.error?.code === 'version_conflict') {
      c.res = new Response(JSON.stringify({ error: { ...body.error, code: 'precondition_failed' } }), { status: 412, headers: c.res.headers });
    }
  }
};

/**
 * `Idempotency-Key` on POST: the first answer is stored for 24 hours and returned again for the same
 * key; the same key with another request is refused. Keys are per reseller. A 5xx is not stored, so
 * the client's retry runs the request again.
 */
export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('idempotency-key');
  const actor = c.get('actor');
  if (c.req.method !== 'POST' || key === undefined || !actor) return next();
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw new BadRequest('invalid_idempotency_key', 'Idempotency-Key must be 1–200 visible ASCII characters.');
  const requestHash = await sha256Hex(`${new URL(c.req.url).pathname}\n${await c.req.text()}`);
  const db = c.env.DB;
  const cutoff = new Date(Date.now() - IDEMPOTENCY_HOURS * 3_600_000).toISOString();
  // Claim the key; an expired claim is taken over, a live one is left alone (no row returned).
  const claimed = await db
    .prepare(
      `INSERT INTO idempotency_keys (reseller_id, key, request_hash, created_at) VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
       ON CONFLICT (reseller_id, key) DO UPDATE SET request_hash = excluded.request_hash, status = NULL, body = NULL, created_at = excluded.created_at
       WHERE idempotency_keys.created_at < ?4
       RETURNING key`,
    )
    .bind(actor.resellerId, key, requestHash, cutoff)
    .first();
  if (!claimed) {
    const stored = await db
      .prepare('SELECT request_hash AS requestHash, status, body FROM idempotency_keys WHERE reseller_id = ?1 AND key = ?2')
      .bind(actor.resellerId, key)
      .first<{ requestHash: string; status: number | null; body: string | null }>();
    if (stored?.requestHash !== requestHash) throw new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request.');
    if (stored.status === null) throw new AppError(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is still running.');
    return new Response(stored.body, { status: stored.status, headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' } });
  }
  await next();
  if (c.res.status >= 500) {
    await db.prepare('DELETE FROM idempotency_keys WHERE reseller_id = ?1 AND key = ?2').bind(actor.resellerId, key).run();
  } else {
    const body = await c.res.clone().text();
    await db.prepare('UPDATE idempotency_keys SET status = ?3, body = ?4 WHERE reseller_id = ?1 AND key = ?2').bind(actor.resellerId, key, c.res.status, body).run();
  }
};

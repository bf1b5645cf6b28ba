// `Idempotency-Key` on POST: the first answer is kept for 24 hours and given again when the same
// credential sends the same key with the same request. It runs inside the route's permission guard, so
// a replay is only ever handed to someone the route would answer anyway.
import type { Context, Next } from 'hono';
import { sha256Hex } from '../auth/crypto';
import type { Actor, AppEnv } from '../env';
import { AppError, BadRequest } from '../errors';

const IDEMPOTENCY_HOURS = 24;
/** 1–200 visible ASCII characters, e.g. an order number or a UUID. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** Set on every replayed answer. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** Set on a replayed answer whose first answer carried a secret that is never kept. */
export const SECRET_WITHHELD_HEADER = 'Idempotent-Secret-Withheld';

/** Keys of one staff member (any of their sessions) or of one API token: another credential's key is its own. */
const credentialOf = (actor: Actor) => actor.apiTokenId ?? actor.userId;

/**
 * An answer that shows a secret once (a token's secret, an invitation link): what is kept for replays is
 * the same answer without the secret fields and with `secretWithheld: true`.
 */
export function jsonWithSecret<T extends Record<string, unknown>>(c: Context<AppEnv>, body: T, secretFields: readonly (keyof T & string)[], status: 200 | 201 = 200) {
  const kept: Record<string, unknown> = { ...body, secretWithheld: true };
  for (const field of secretFields) delete kept[field];
  c.set('replayBody', JSON.stringify(kept));
  return c.json(body, status);
}

/** Runs the route once per credential and key; later requests with the key get the kept answer. */
export async function idempotent(c: Context<AppEnv>, actor: Actor, next: Next): Promise<Response | undefined> {
  const key = c.req.header('idempotency-key');
  if (c.req.method !== 'POST' || key === undefined) {
    await next();
    return;
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw new BadRequest('invalid_idempotency_key', 'Idempotency-Key must be 1–200 visible ASCII characters.');
  const url = new URL(c.req.url);
  const requestHash = await sha256Hex(`${c.req.method}\n${url.pathname}${url.search}\n${await sha256Hex(await c.req.text())}`);
  const db = c.env.DB;
  const credential = credentialOf(actor);
  const cutoff = new Date(Date.now() - IDEMPOTENCY_HOURS * 3_600_000).toISOString();
  // Claim the key in one statement; an expired claim is taken over, a live one is left alone (no row returned).
  const claimed = await db
    .prepare(
      `INSERT INTO idempotency_keys (reseller_id, credential, key, request_hash, created_at) VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
       ON CONFLICT (reseller_id, credential, key) DO UPDATE SET request_hash = excluded.request_hash, status = NULL, body = NULL, created_at = excluded.created_at
       WHERE idempotency_keys.created_at < ?5
       RETURNING key`,
    )
    .bind(actor.resellerId, credential, key, requestHash, cutoff)
    .first();
  if (!claimed) {
    const stored = await db
      .prepare('SELECT request_hash AS requestHash, status, body FROM idempotency_keys WHERE reseller_id = ?1 AND credential = ?2 AND key = ?3')
      .bind(actor.resellerId, credential, key)
      .first<{ requestHash: string; status: number | null; body: string | null }>();
    if (stored?.requestHash !== requestHash) throw new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request.');
    if (stored.status === null) throw new AppError(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is still running.');
    const headers: Record<string, string> = { 'content-type': 'application/json', [REPLAYED_HEADER]: 'true' };
    if (stored.body?.includes('"secretWithheld":true')) headers[SECRET_WITHHELD_HEADER] = 'true';
    return new Response(stored.body, { status: stored.status, headers });
  }
  await next();
  // A 5xx is not kept, so the client's retry runs the request again.
  if (c.res.status >= 500) {
    await db.prepare('DELETE FROM idempotency_keys WHERE reseller_id = ?1 AND credential = ?2 AND key = ?3').bind(actor.resellerId, credential, key).run();
    return;
  }
  const body = c.get('replayBody') ?? (await c.res.clone().text());
  await db
    .prepare('UPDATE idempotency_keys SET status = ?4, body = ?5 WHERE reseller_id = ?1 AND credential = ?2 AND key = ?3')
    .bind(actor.resellerId, credential, key, c.res.status, body)
    .run();
}

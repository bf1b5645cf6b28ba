import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { effectivePermissions, type Permission } from '../../schema/permissions';
import { apiTokens, resellers } from '../../schema/tables';
import { database, nowIso } from '../db';
import type { Actor, AppEnv } from '../env';
import { AppError } from '../errors';
import { randomToken, sha256Hex } from './crypto';
import { assertHitsWithin, countHit } from './rateLimit';

/** Secrets look like `dsk_<43 chars>`; the prefix makes leaked ones easy to find with secret scanners. */
export const TOKEN_PREFIX = 'dsk_';

export async function newApiTokenSecret() {
  const secret = `${TOKEN_PREFIX}${randomToken(32)}`;
  return { secret, tokenHash: await sha256Hex(secret), prefix: secret.slice(0, TOKEN_PREFIX.length + 6) };
}

export const bearerOf = (c: Context) => {
  const header = c.req.header('authorization');
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
};

const invalidToken = () => new AppError(401, 'invalid_token', 'The API token is unknown, expired or revoked.');

/**
 * The actor of an `Authorization: Bearer` request: the reseller the token belongs to, with the
 * token's scopes as permissions (never more than an admin of that reseller has). Rate limited per token.
 */
export async function actorFromToken(c: Context<AppEnv>, secret: string): Promise<Actor> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 100) throw invalidToken();
  const db = database(c.env);
  const tokenHash = await sha256Hex(secret);
  const live = and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt));
  // One trip: the lookup, and the token's hit counted beside it (only a token that exists is counted,
  // so guessed secrets leave no rows behind).
  const rule = { name: 'token', windowMs: 60_000 };
  // (Two selects rather than a join: a batch maps rows by column name, which a join's two `id`s confuse.)
  const [tokenRows, resellerRows, hit] = await db.batch([
    db.select().from(apiTokens).where(live).limit(1),
    db
      .select()
      .from(resellers)
      .where(inArray(resellers.id, db.select({ id: apiTokens.resellerId }).from(apiTokens).where(live)))
      .limit(1),
    countHit(db, rule, { table: apiTokens, key: apiTokens.id, where: live }),
  ]);
  const today = nowIso().slice(0, 10);
  const [token] = tokenRows;
  const [reseller] = resellerRows;
  if (!token || !reseller || (token.expiresOn && token.expiresOn < today)) throw invalidToken();
  assertHitsWithin({ ...rule, limit: token.rateLimitPerMinute }, hit[0]?.hits ?? 0);
  if (!token.lastUsedAt || Date.now() - Date.parse(token.lastUsedAt) > 60_000) {
    c.executionCtx.waitUntil(db.update(apiTokens).set({ lastUsedAt: nowIso() }).where(eq(apiTokens.id, token.id)).run());
  }
  const allowed = new Set(effectivePermissions('admin', reseller));
  return {
    userId: token.id,
    resellerId: reseller.id,
    email: '',
    displayName: `API: ${token.name}`,
    role: 'admin',
    locale: 'de',
    permissions: new Set((token.scopes as Permission[]).filter((scope) => allowed.has(scope))),
    reseller: { id: reseller.id, name: reseller.name, partnerType: reseller.partnerType, currency: reseller.currency, onlyOwnerAddsCustomers: reseller.onlyOwnerAddsCustomers },
    sessionTokenHash: '',
    apiTokenId: token.id,
  };
}

import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { effectivePermissions, type Permission } from '../../schema/permissions';
import { apiTokens, resellers } from '../../schema/tables';
import { database, nowIso } from '../db';
import type { Actor, AppEnv } from '../env';
import { AppError } from '../errors';
import { randomToken, sha256Hex } from './crypto';
import { assertWithinRate } from './rateLimit';

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
  const row = await db
    .select({ token: apiTokens, reseller: resellers })
    .from(apiTokens)
    .innerJoin(resellers, eq(resellers.id, apiTokens.resellerId))
    .where(and(eq(apiTokens.tokenHash, await sha256Hex(secret)), isNull(apiTokens.revokedAt)))
    .get();
  const today = nowIso().slice(0, 10);
  if (!row || (row.token.expiresOn && row.token.expiresOn < today)) throw invalidToken();
  const { token, reseller } = row;
  await assertWithinRate(c.env.DB, { name: 'token', limit: token.rateLimitPerMinute, windowMs: 60_000 }, token.id);
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

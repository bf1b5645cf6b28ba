import { eq, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { pageQuery } from '../../schema/common';
import { type ApiToken, apiTokenCreateInput, apiTokenOutput } from '../../schema/integrations';
import { apiTokens } from '../../schema/tables';
import { newApiTokenSecret } from '../auth/apiToken';
import { currentActor, requirePermission } from '../auth/guards';
import { newId, nowIso, tenantScope } from '../db';
import type { AppEnv } from '../env';
import { Invalid, NotFound } from '../errors';
import { jsonWithSecret } from '../http/idempotency';
import { disconnectFromHub } from '../live';
import { describeList, describeRoute } from '../openapi/describeRoute';
import { secretShownOnce } from '../openapi/operation';
import { pageHandler, sortKey, tableList } from '../pagination';
import { noBody, readJson } from '../validate';
import { commitWrite, GuardFailed, storedRowJson } from '../write';

/** Owner/admin manage the reseller's integration tokens in Settings. */
export const apiTokenRoutes = new Hono<AppEnv>();

type TokenRow = typeof apiTokens.$inferSelect;
const toApiToken = ({ resellerId: _r, tokenHash: _h, ...token }: TokenRow): ApiToken => token;

/** Newest first. */
export const apiTokenList = tableList<object, TokenRow, ApiToken>({
  table: apiTokens,
  order: () => ({ keys: [sortKey(apiTokens.createdAt, 'createdAt', true), sortKey(apiTokens.id, 'id', true)] }),
  item: toApiToken,
});

apiTokenRoutes.get(
  '/',
  describeList({ tag: 'API tokens', summary: 'List tokens with their last use, newest first', item: apiTokenOutput }),
  requirePermission('api_tokens.manage'),
  pageHandler(apiTokenList, pageQuery),
);

apiTokenRoutes.post(
  '/',
  describeRoute({
    tag: 'API tokens',
    summary: 'Create a token',
    description: 'The secret (`dsk_…`) is in this answer only; only its hash is stored.',
    body: apiTokenCreateInput,
    responses: { 201: secretShownOnce({ token: apiTokenOutput }, 'secret') },
  }),
  requirePermission('api_tokens.manage'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const input = await readJson(c, apiTokenCreateInput);
    // A token never holds more than the person who makes it.
    const beyond = input.scopes.findIndex((permission) => !actor.permissions.has(permission));
    if (beyond !== -1) throw new Invalid({ [`scopes.${beyond}`]: 'scope_not_allowed' });
    if (input.expiresOn && input.expiresOn <= nowIso().slice(0, 10)) throw new Invalid({ expiresOn: 'date_in_past' });
    const { secret, tokenHash, prefix } = await newApiTokenSecret();
    const row: TokenRow = {
      id: newId('tok'),
      resellerId: actor.resellerId,
      name: input.name,
      prefix,
      tokenHash,
      scopes: [...new Set(input.scopes)],
      expiresOn: input.expiresOn ?? null,
      rateLimitPerMinute: input.rateLimitPerMinute,
      createdBy: actor.displayName,
      createdAt: nowIso(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await commitWrite(c, actor, {
      statements: [scope.db.insert(apiTokens).values(row)],
      audit: { action: 'api_token.created', entityType: 'api_token', entityId: row.id, after: toApiToken(row) },
    });
    // The secret is in this answer only; afterwards just its prefix is known.
    return jsonWithSecret(c, { token: toApiToken(row), secret }, ['secret'], 201);
  },
);

apiTokenRoutes.delete(
  '/:id',
  describeRoute({ tag: 'API tokens', summary: 'Revoke a token at once', responses: { 204: null } }),
  requirePermission('api_tokens.manage'),
  noBody,
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const id = c.req.param('id');
    try {
      await commitWrite(c, actor, {
        // Nothing read first. A revoked token (or another reseller's) is not there to revoke: 404, rather
        // than a second "revoked" in the activity log; its audit row records it as it was.
        guards: [sql`EXISTS (SELECT 1 FROM ${apiTokens} WHERE ${scope.where(apiTokens, eq(apiTokens.id, id), isNull(apiTokens.revokedAt))})`],
        auditFirst: true,
        statements: [
          scope.db
            .update(apiTokens)
            .set({ revokedAt: nowIso() })
            .where(scope.where(apiTokens, eq(apiTokens.id, id), isNull(apiTokens.revokedAt))),
        ],
        audit: { action: 'api_token.revoked', entityType: 'api_token', entityId: id, before: storedRowJson(scope, apiTokens, id, ['resellerId', 'tokenHash']) },
      });
    } catch (error) {
      throw error instanceof GuardFailed ? new NotFound() : error;
    }
    // An integration's open live socket ends with its token.
    c.executionCtx.waitUntil(disconnectFromHub(c.env, actor.resellerId, { userId: id }));
    return c.body(null, 204);
  },
);

import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { signInInput, type SessionInfo } from '../../schema/auth';
import { hasCustomerModule } from '../../schema/permissions';
import { resellers, users } from '../../schema/tables';
import { currentActor } from '../auth/guards';
import { UNKNOWN_USER_HASH, verifyPassword } from '../auth/password';
import { clearSessionCookie, issueSession, revokeSessionStatement, toActor } from '../auth/session';
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure, throttleKeys } from '../auth/throttle';
import { database } from '../db';
import { disconnectFromHub } from '../live';
import type { Actor, AppEnv } from '../env';
import { AppError } from '../errors';
import { readJson } from '../validate';
import { commitWrite, GuardFailed } from '../write';

export const sessionRoutes = new Hono<AppEnv>();

function sessionInfo(actor: Actor): SessionInfo {
  return {
    user: { id: actor.userId, email: actor.email, displayName: actor.displayName, role: actor.role, locale: actor.locale },
    reseller: { id: actor.reseller.id, name: actor.reseller.name, partnerType: actor.reseller.partnerType, currency: actor.reseller.currency },
    permissions: [...actor.permissions],
    modules: { customers: hasCustomerModule(actor.reseller.partnerType) },
  };
}

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'E-mail address or password is wrong.');

sessionRoutes.post('/', async (c) => {
  const { email, password } = await readJson(c, signInInput);
  const db = database(c.env);
  const keys = throttleKeys(email, c.req.header('cf-connecting-ip') ?? 'local');
  await assertSignInAllowed(c.env.DB, keys, Date.now());

  const found = await db
    .select({ user: users, reseller: resellers })
    .from(users)
    .innerJoin(resellers, eq(resellers.id, users.resellerId))
    .where(eq(users.email, email))
    .get();
  // Unknown e-mail and deactivated users cost the same hashing time and get the same answer as a wrong password.
  const passwordOk = await verifyPassword(password, found?.user.passwordHash ?? UNKNOWN_USER_HASH);
  if (!found || !found.user.active || !passwordOk) {
    await recordSignInFailure(c.env.DB, keys, Date.now());
    throw invalidCredentials();
  }

  const { user, reseller } = found;
  const session = await issueSession(c, user);
  await commitWrite(c, { resellerId: reseller.id, userId: user.id, displayName: user.displayName }, {
    statements: [session.insert],
    audit: { action: 'session.signed_in', entityType: 'user', entityId: user.id, after: { displayName: user.displayName } },
  });
  await clearSignInFailures(c.env.DB, keys[0][0]);
  session.setSessionCookie();
  const actor = toActor(user, reseller, session.tokenHash);
  return c.json(sessionInfo(actor));
});

sessionRoutes.get('/', (c) => c.json(sessionInfo(currentActor(c))));

sessionRoutes.delete('/', async (c) => {
  const actor = currentActor(c);
  try {
    await commitWrite(c, actor, {
      // Signing out twice at once (or with a token, which has no session) signs out once: one audit row.
      guards: [sql`(SELECT revoked_at IS NULL FROM sessions WHERE token_hash = ${actor.sessionTokenHash})`],
      statements: [revokeSessionStatement(c, actor.sessionTokenHash)],
      audit: { action: 'session.signed_out', entityType: 'user', entityId: actor.userId, after: { displayName: actor.displayName } },
    });
  } catch (error) {
    if (!(error instanceof GuardFailed)) throw error;
  }
  if (actor.sessionTokenHash) c.executionCtx.waitUntil(disconnectFromHub(c.env, actor.resellerId, { sessionKey: actor.sessionTokenHash }));
  clearSessionCookie(c);
  return c.body(null, 204);
});

import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { type SessionInfo, sessionInfo as sessionInfoOutput, signInInput } from '../../schema/auth';
import { hasCustomerModule } from '../../schema/permissions';
import { resellers, users } from '../../schema/tables';
import { rememberActor } from '../auth/actorCache';
import { currentActor } from '../auth/guards';
import { passwordMatches, UNKNOWN_USER_HASH } from '../auth/password';
import { clearSessionCookie, issueSession, revokeSessionStatement, toActor } from '../auth/session';
import { reserveSignInAttempt, succeeded, throttleKeys } from '../auth/throttle';
import { database } from '../db';
import type { Actor, AppEnv } from '../env';
import { AppError, Unauthenticated } from '../errors';
import { disconnectFromHub } from '../live';
import { describeRoute } from '../openapi/describeRoute';
import { noBody, readJson } from '../validate';
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

/**
 * Signs in. Every attempt is counted before its password is checked (the lock holds against guesses
 * sent at once). An address with accounts at several resellers signs in to the one whose password
 * matches; when several match, the answer lists them and the client asks again with `resellerId`.
 */
sessionRoutes.post(
  '/',
  describeRoute({
    tag: 'Session',
    access: 'public',
    summary: 'Sign in',
    description: 'Sets the `desk_session` cookie. Failed sign-ins are slowed after 3 and locked for 15 minutes after 5 per account.',
    body: signInInput,
    responses: { 200: sessionInfoOutput },
    errors: { 401: ['invalid_credentials'], 429: ['sign_in_throttled', 'sign_in_locked'] },
  }),
  async (c) => {
    const { email, password, resellerId } = await readJson(c, signInInput);
    const db = database(c.env);
    const keys = throttleKeys(email, c.req.header('cf-connecting-ip') ?? 'local');
    // The accounts are read while the attempt is reserved (one trip's wait); nothing is compared before the reservation holds.
    const [, accounts] = await Promise.all([
      reserveSignInAttempt(c.env.DB, keys, Date.now()),
      db.select({ user: users, reseller: resellers }).from(users).innerJoin(resellers, eq(resellers.id, users.resellerId)).where(eq(users.email, email)).all(),
    ]);
    // Unknown e-mail and deactivated users cost the same hashing time and get the same answer as a wrong password.
    const matches = await passwordMatches(password, accounts.length > 0 ? accounts.map((account) => account.user.passwordHash) : [UNKNOWN_USER_HASH]);
    const usable = accounts.filter((account, index) => matches[index] && account.user.active);
    if (usable.length === 0) throw invalidCredentials();
    const chosen = usable.length === 1 ? usable[0] : usable.find((account) => account.reseller.id === resellerId);
    if (!chosen) {
      await succeeded(c.env.DB, keys);
      const choices = usable.map((account) => ({ id: account.reseller.id, name: account.reseller.name })).sort((a, b) => a.name.localeCompare(b.name, 'de'));
      throw new AppError(409, 'choose_reseller', 'This e-mail address signs in to several resellers. Choose one and send resellerId.', { resellers: choices });
    }

    const { user, reseller } = chosen;
    const session = await issueSession(c, user);
    // The failed-attempt counters are cleared beside the session's write.
    await Promise.all([
      succeeded(c.env.DB, keys),
      commitWrite(
        c,
        { resellerId: reseller.id, userId: user.id, displayName: user.displayName },
        {
          statements: [session.insert],
          audit: { action: 'session.signed_in', entityType: 'user', entityId: user.id, after: { displayName: user.displayName } },
        },
      ),
    ]);
    session.setSessionCookie();
    const actor = toActor(user, reseller, session.tokenHash);
    // The first page after signing in uses the actor at once, its credential checked beside its reads.
    rememberActor(`session:${session.token}`, actor);
    return c.json(sessionInfo(actor));
  },
);

sessionRoutes.get('/', describeRoute({ tag: 'Session', summary: 'Who is signed in, with permissions and modules', responses: { 200: sessionInfoOutput } }), (c) =>
  c.json(sessionInfo(currentActor(c))),
);

sessionRoutes.delete(
  '/',
  describeRoute({ tag: 'Session', summary: 'Sign out', description: 'Ends the session and clears the cookie.', responses: { 204: null } }),
  noBody,
  async (c) => {
    const actor = currentActor(c);
    try {
      await commitWrite(c, actor, {
        // Signing out twice at once (or with a token, which has no session) signs out once: one audit row.
        guards: [sql`(SELECT revoked_at IS NULL FROM sessions WHERE token_hash = ${actor.sessionTokenHash})`],
        statements: [revokeSessionStatement(c, actor.sessionTokenHash)],
        audit: { action: 'session.signed_out', entityType: 'user', entityId: actor.userId, after: { displayName: actor.displayName } },
      });
    } catch (error) {
      // Signed out meanwhile (by a second sign-out at once, or elsewhere): this one is done as well.
      if (!(error instanceof GuardFailed || error instanceof Unauthenticated)) throw error;
    }
    // The answer does not depend on the credential check still running: the session is ended either way.
    c.set('credentialProven', true);
    if (actor.sessionTokenHash) c.executionCtx.waitUntil(disconnectFromHub(c.env, actor.resellerId, { sessionKey: actor.sessionTokenHash }));
    clearSessionCookie(c);
    return c.body(null, 204);
  },
);

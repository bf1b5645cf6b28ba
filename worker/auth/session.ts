import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { effectivePermissions } from '../../schema/permissions';
import { resellers, sessions, users } from '../../schema/tables';
import { database, nowIso } from '../db';
import type { Actor, AppEnv } from '../env';
import { randomToken, sha256Hex } from './crypto';

export const SESSION_COOKIE = 'desk_session';

function ttlMs(c: Context<AppEnv>): number {
  const hours = Number(c.env.SESSION_TTL_HOURS);
  return (Number.isFinite(hours) && hours > 0 ? hours : 12) * 3_600_000;
}

/** Secure everywhere but plain-http localhost, where browsers would drop a Secure cookie. */
function isLocalHttp(c: Context): boolean {
  const url = new URL(c.req.url);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** A fresh random token per sign-in (no fixation); only its hash is stored. */
export async function issueSession(c: Context<AppEnv>, user: { id: string; resellerId: string }) {
  const token = randomToken();
  const tokenHash = await sha256Hex(token);
  const expiresAt = nowIso(new Date(Date.now() + ttlMs(c)));
  const insert = database(c.env).insert(sessions).values({ tokenHash, userId: user.id, resellerId: user.resellerId, expiresAt });
  const setSessionCookie = () => setCookie(c, SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: !isLocalHttp(c), maxAge: Math.floor(ttlMs(c) / 1000) });
  return { token, tokenHash, insert, setSessionCookie };
}

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: !isLocalHttp(c) });
}

/** The actor behind the session cookie, or undefined when it is missing, garbled, expired, revoked or its user is deactivated. */
export async function actorFromSession(c: Context<AppEnv>): Promise<Actor | undefined> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || token.length > 100) return undefined;
  const tokenHash = await sha256Hex(token);
  const db = database(c.env);
  const now = nowIso();
  const row = await db
    .select({ session: sessions, user: users, reseller: resellers })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(resellers, eq(resellers.id, users.resellerId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), eq(users.active, true)))
    .get();
  if (!row) return undefined;

  // Sliding expiry, written at most once per minute so reads stay cheap.
  if (Date.now() - Date.parse(row.session.lastSeenAt) > 60_000) {
    const extended = nowIso(new Date(Date.now() + ttlMs(c)));
    c.executionCtx.waitUntil(
      db
        .update(sessions)
        .set({ lastSeenAt: now, expiresAt: extended })
        .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)))
        .run(),
    );
  }

  return toActor(row.user, row.reseller, tokenHash);
}

export function toActor(user: typeof users.$inferSelect, reseller: typeof resellers.$inferSelect, sessionTokenHash: string): Actor {
  return {
    userId: user.id,
    resellerId: reseller.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    locale: user.locale,
    permissions: new Set(effectivePermissions(user.role, reseller)),
    reseller: {
      id: reseller.id,
      name: reseller.name,
      partnerType: reseller.partnerType,
      currency: reseller.currency,
      onlyOwnerAddsCustomers: reseller.onlyOwnerAddsCustomers,
    },
    sessionTokenHash,
  };
}

export function revokeSessionStatement(c: Context<AppEnv>, tokenHash: string) {
  return database(c.env).update(sessions).set({ revokedAt: nowIso() }).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of a user who is no longer active (guarded on the stored state, so it is safe in any batch). */
export function revokeSessionsOfInactiveUser(c: Context<AppEnv>, userId: string) {
  return database(c.env)
    .update(sessions)
    .set({ revokedAt: nowIso() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), sql`(SELECT active FROM users WHERE id = ${userId}) = 0`));
}

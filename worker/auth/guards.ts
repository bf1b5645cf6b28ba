import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { customerModulePermissions, type Permission } from '../../schema/permissions';
import type { Actor, AppEnv } from '../env';
import { ActorChanged, AppError, Forbidden, Unauthenticated } from '../errors';
import { idempotent } from '../http/idempotency';
import { cachedActor, forgetActor, mayRepeat, rememberActor, sameActor } from './actorCache';
import { actorFromToken, bearerOf } from './apiToken';
import { credentialStillHolds } from './credentialGuard';
import { actorFromSession, SESSION_COOKIE } from './session';

/**
 * Loads the actor once per API request; routes decide with `requirePermission` whether they need it.
 * An actor this isolate knows is used at once while its credential is checked beside the request's
 * own queries (see actorCache.ts); a route that used it answers only after the check passed.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const bearer = bearerOf(c);
  const cookie = bearer === undefined ? getCookie(c, SESSION_COOKIE) : undefined;
  const credential = bearer !== undefined ? `bearer:${bearer}` : cookie ? `session:${cookie}` : undefined;
  // A bearer token is never mixed with a cookie: an invalid one is a 401, not a fallback.
  const lookup = () => (bearer !== undefined ? actorFromToken(c, bearer) : actorFromSession(c));
  const cached = credential && mayRepeat(c.req.raw) ? cachedActor(credential) : undefined;
  if (!credential || !cached) {
    const actor = await lookup().catch((error: unknown) => {
      if (credential) forgetActor(credential);
      throw error;
    });
    if (actor) c.set('actor', actor);
    if (credential) actor ? rememberActor(credential, actor) : forgetActor(credential);
    return next();
  }
  c.set('actor', cached);
  c.set('credentialGuard', credentialStillHolds(cached));
  const check = lookup().then((fresh) => {
    if (!fresh) throw new Unauthenticated();
    rememberActor(credential, fresh);
    if (!sameActor(fresh, cached)) throw new ActorChanged();
  });
  check.catch(() => forgetActor(credential));
  c.set('credentialCheck', check);
  await next();
  // Routes that never asked for the actor (sign-in, public pages) do not depend on it; a write whose
  // batch checked the credential in its own transaction has its proof.
  if (c.get('actorUsed') && !c.get('credentialProven')) await check;
};

export function currentActor(c: { get(key: 'actor'): Actor | undefined; set(key: 'actorUsed', value: boolean): void }): Actor {
  const actor = c.get('actor');
  if (!actor) throw new Unauthenticated();
  c.set('actorUsed', true);
  return actor;
}

export function assertPermission(actor: Actor, permission: Permission): void {
  if (actor.permissions.has(permission)) return;
  if (customerModulePermissions.includes(permission) && actor.reseller.partnerType !== 'basic') {
    throw new Forbidden('module_unavailable', 'The My Customers module is available to Basic resellers only.');
  }
  throw new Forbidden();
}

/** A route's permission check, carrying the permission so the OpenAPI document can read it off the route. */
export type PermissionGuard = MiddlewareHandler<AppEnv> & { readonly permission: Permission };

/** Declares the permission a route needs; the route table is the permission matrix's second half. */
export function requirePermission(permission: Permission): PermissionGuard {
  const guard: MiddlewareHandler<AppEnv> = async (c, next) => {
    const actor = currentActor(c);
    assertPermission(actor, permission);
    // Only now may a kept answer be given: a replay never answers someone the route would refuse.
    return idempotent(c, actor, next);
  };
  return Object.assign(guard, { permission });
}

export const requireSignedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  currentActor(c);
  await next();
};

/**
 * Cookie-authenticated writes must come from our own origin and carry JSON, which a cross-site
 * form cannot send without a CORS preflight (hono/csrf alone only checks form posts).
 */
export const csrfGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const method = c.req.method;
  // Browsers never attach an Authorization header by themselves, so token requests cannot be forged cross-site.
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || bearerOf(c) !== undefined) return next();
  const origin = c.req.header('origin');
  const ownOrigin = new URL(c.req.url).origin;
  const sameOrigin = origin ? origin === ownOrigin : c.req.header('sec-fetch-site') === 'same-origin';
  if (!sameOrigin) throw new Forbidden('csrf_rejected', 'Cross-site request refused.');
  const hasBody = method !== 'DELETE' || Number(c.req.header('content-length') ?? 0) > 0;
  if (hasBody && !(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new AppError(415, 'unsupported_media_type', 'Send the request body as application/json.');
  }
  await next();
};

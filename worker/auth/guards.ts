import { actorFromToken, bearerOf } from './apiToken';
import type { MiddlewareHandler } from 'hono';
import { customerModulePermissions, type Permission } from '../../schema/permissions';
import type { Actor, AppEnv } from '../env';
import { AppError, Forbidden, Unauthenticated } from '../errors';
import { idempotent } from '../http/idempotency';
import { actorFromSession } from './session';

/** Loads the session once per API request; routes decide with `requirePermission` whether they need it. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const bearer = bearerOf(c);
  // A bearer token is never mixed with a cookie: an invalid one is a 401, not a fallback.
  const actor = bearer !== undefined ? await actorFromToken(c, bearer) : await actorFromSession(c);
  if (actor) c.set('actor', actor);
  await next();
};

export function currentActor(c: { get(key: 'actor'): Actor | undefined }): Actor {
  const actor = c.get('actor');
  if (!actor) throw new Unauthenticated();
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

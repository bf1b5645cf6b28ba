// The actors this isolate has seen, so a request need not wait for its credential check before its own
// queries: the check runs beside them, a write waits for it before it commits, and no answer leaves
// before it passed. Revocation stays exact: a signed-out session, a deactivated user or a revoked token
// is refused on its very next request, in every isolate; a changed role or plan runs the request again.
import type { Actor } from '../env';

/** How long an actor is reused without a fresh lookup first (the check still runs every time). */
const KEEP_MS = 5 * 60_000;
const MAX_ACTORS = 2_000;

const known = new Map<string, { actor: Actor; at: number }>();

export function cachedActor(credential: string, now = Date.now()): Actor | undefined {
  const entry = known.get(credential);
  if (!entry) return undefined;
  if (now - entry.at > KEEP_MS) {
    known.delete(credential);
    return undefined;
  }
  return entry.actor;
}

export function rememberActor(credential: string, actor: Actor, now = Date.now()) {
  known.delete(credential);
  known.set(credential, { actor, at: now });
  // A Map iterates in insertion order: the first entry is the one seen longest ago.
  if (known.size > MAX_ACTORS) known.delete(known.keys().next().value!);
}

export function forgetActor(credential: string) {
  known.delete(credential);
}

/** Everything a request's authorization and audit depend on. */
const fingerprint = (actor: Actor) =>
  JSON.stringify([
    actor.userId,
    actor.resellerId,
    actor.email,
    actor.displayName,
    actor.role,
    actor.locale,
    [...actor.permissions].sort(),
    actor.reseller,
    actor.apiTokenId ?? null,
  ]);

export const sameActor = (a: Actor, b: Actor) => fingerprint(a) === fingerprint(b);

/** Marks an answer given with an actor that changed meanwhile; the Worker runs the request again. */
export const ACTOR_CHANGED_HEADER = 'x-actor-changed';

/** Requests the Worker can run a second time: body-less ones (a DELETE too), and JSON writes small enough to keep a copy of. */
export const REPEATABLE_BODY_BYTES = 64 * 1024;

export function mayRepeat(request: Request): boolean {
  if (request.headers.get('upgrade')) return false;
  if (request.method === 'GET' || request.method === 'HEAD' || request.body === null) return true;
  const length = request.headers.get('content-length');
  return length !== null && Number(length) <= REPEATABLE_BODY_BYTES;
}

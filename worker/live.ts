import type { LiveEvent } from '../schema/realtime';
import type { Bindings } from './env';
import type { Listener } from './hubRpc';

const PUBLISH_ATTEMPTS = 4;

export function hubOf(env: Bindings, resellerId: string) {
  return env.RESELLER_HUB.get(env.RESELLER_HUB.idFromName(resellerId));
}

/** A publish that kept failing is remembered in D1, so the next publish or connect tells clients to resync. */
export async function takeResyncFlag(env: Bindings, resellerId: string): Promise<boolean> {
  const row = await env.DB.prepare('DELETE FROM live_resync_needed WHERE reseller_id = ? RETURNING reseller_id').bind(resellerId).first();
  return row !== null;
}

async function rememberResync(env: Bindings, resellerId: string) {
  await env.DB.prepare('INSERT OR REPLACE INTO live_resync_needed (reseller_id, failed_at) VALUES (?, ?)').bind(resellerId, new Date().toISOString()).run();
}

/**
 * Sends events to the reseller's hub after a committed write, retrying with backoff; the hub broadcasts
 * them and queues their webhooks. It never throws: the write has already succeeded, and clients recover
 * through `resync` when events were lost.
 */
export async function publishToReseller(env: Bindings, resellerId: string, events: LiveEvent[] | (() => Promise<LiveEvent[]>)): Promise<void> {
  let resolved: LiveEvent[];
  try {
    resolved = typeof events === 'function' ? await events() : events;
  } catch {
    return rememberResync(env, resellerId).catch(() => undefined);
  }
  if (resolved.length === 0) return;
  for (let attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++) {
    try {
      const resyncFirst = await takeResyncFlag(env, resellerId);
      try {
        await hubOf(env, resellerId).publish(resellerId, resolved, resyncFirst);
      } catch (error) {
        if (resyncFirst) await rememberResync(env, resellerId);
        throw error;
      }
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50 * 4 ** attempt));
    }
  }
  await rememberResync(env, resellerId).catch(() => undefined);
}

/**
 * After a sign-out, a deactivation or a token's revocation: the hub closes the sockets that were opened
 * with it. It never fails the write; a hub that is down holds no sockets.
 */
export async function disconnectFromHub(env: Bindings, resellerId: string, listener: Listener): Promise<void> {
  try {
    await hubOf(env, resellerId).disconnect(listener);
  } catch (error) {
    console.error(`hub disconnect failed for ${resellerId}: ${error instanceof Error ? error.message : 'unknown'}`);
  }
}

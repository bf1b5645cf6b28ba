import { type SQL, sql } from 'drizzle-orm';
import type { LiveEvent } from '../schema/realtime';
import { liveOutbox } from '../schema/tables';
import { type Database, nowIso } from './db';
import type { Bindings } from './env';
import type { Listener } from './hubRpc';

const PUBLISH_ATTEMPTS = 3;

/** Larger event lists are not kept in the outbox: a re-drive of such a write tells clients to resync. */
const MAX_OUTBOX_EVENTS_BYTES = 256 * 1024;

export function hubOf(env: Bindings, resellerId: string) {
  return env.RESELLER_HUB.get(env.RESELLER_HUB.idFromName(resellerId));
}

/** Events as a write's batch keeps them: known events as JSON, events computed after the commit as null. */
export type PendingEvents = LiveEvent[] | (() => Promise<LiveEvent[]>);

/**
 * The outbox row of a write's events, for the write's own batch: it commits with the change or not at
 * all, and the hub re-drives it when the publish after the commit never arrives.
 */
export function outboxStatement(db: Database, reseller: string | { id: SQL; when: SQL }, events: LiveEvent[] | ((results: unknown[]) => Promise<LiveEvent[]>)) {
  const json = typeof events === 'function' ? null : JSON.stringify(events);
  const kept = json !== null && json.length <= MAX_OUTBOX_EVENTS_BYTES ? json : null;
  if (typeof reseller === 'string') return db.insert(liveOutbox).values({ resellerId: reseller, events: kept, createdAt: nowIso() }).returning({ seq: liveOutbox.seq });
  // The reseller named inside the batch, and a row only when `when` holds (nothing to tell otherwise).
  return db.insert(liveOutbox).select(sql`SELECT NULL, ${reseller.id}, ${kept}, ${nowIso()} WHERE ${reseller.when}`).returning({ seq: liveOutbox.seq });
}

/**
 * Hands a committed write's events to the reseller's hub, which broadcasts them and removes their
 * outbox row. It never throws: the write has already succeeded, and what does not arrive here is
 * re-driven from the outbox (on the hub's next publish, a client's connect, or the minute's sweep).
 */
export async function publishCommitted(env: Bindings, resellerId: string, outboxSeq: number, events: PendingEvents): Promise<void> {
  let resolved: LiveEvent[] | null;
  try {
    resolved = typeof events === 'function' ? await events() : events;
  } catch {
    resolved = null;
  }
  for (let attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++) {
    try {
      await hubOf(env, resellerId).publish(resellerId, resolved, outboxSeq);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50 * 4 ** attempt));
    }
  }
  console.error(`live publish failed for ${resellerId}; the outbox keeps event ${outboxSeq}`);
}

/** Outbox rows older than this are re-driven: younger ones may still be on their way to the hub. */
export const OUTBOX_GRACE_MS = 5_000;

/**
 * The minute's sweep (the Worker's cron trigger): every reseller with events left in the outbox past
 * the grace has its hub re-drive them, so a lost publish reaches clients within about a minute even
 * when nobody writes or connects.
 */
export async function sweepOutbox(env: Bindings, now = Date.now()): Promise<number> {
  const before = nowIso(new Date(now - OUTBOX_GRACE_MS));
  const { results } = await env.DB.prepare('SELECT DISTINCT reseller_id FROM live_outbox WHERE created_at < ? LIMIT 500').bind(before).all<{ reseller_id: string }>();
  await Promise.all(
    results.map(async ({ reseller_id: resellerId }) => {
      try {
        await hubOf(env, resellerId).redrive(resellerId);
      } catch (error) {
        console.error(`outbox re-drive failed for ${resellerId}: ${error instanceof Error ? error.message : 'unknown'}`);
      }
    }),
  );
  return results.length;
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

// The event log on a real Durable Object's SQLite: numbering without gaps, catching a client up from
// any sequence number it may send, and retention (the last 1,000 events or the last day, whichever is more).
import { env, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../schema/realtime';
import { EventLog, KEEP_EVENTS, KEEP_MS } from '../../worker/hub/eventLog';

const event = (n: number): LiveEvent => ({ kind: 'tag.created', entityId: `tag_${n}`, actor: { userId: null, displayName: 'Test' }, at: new Date(0).toISOString() });
const withLog = <T>(use: (log: EventLog, sql: SqlStorage) => T) =>
  runInDurableObject(env.RESELLER_HUB.get(env.RESELLER_HUB.newUniqueId()), (_hub, state) => use(new EventLog(state.storage.sql), state.storage.sql));

describe('EventLog', () => {
  it('numbers events one after another across appends, starting after what it already holds', async () => {
    await withLog((log) => {
      expect(log.lastSeq()).toBeGreaterThanOrEqual(0);
      const start = log.lastSeq();
      expect(log.append([event(1), event(2)]).map((numbered) => numbered.seq)).toEqual([start + 1, start + 2]);
      expect(log.append([event(3)]).map((numbered) => numbered.seq)).toEqual([start + 3]);
      expect(log.lastSeq()).toBe(start + 3);
    });
  });

  it('catches a client up from every number it may send: nothing, the events after it, or resync', async () => {
    await withLog((log) => {
      const start = log.lastSeq();
      log.append([1, 2, 3, 4].map(event));
      const last = start + 4;
      for (let since = start; since <= last; since++) {
        const catchup = log.since(since);
        expect(catchup.kind).toBe('events');
        if (catchup.kind === 'events') expect(catchup.events.map((numbered) => numbered.event.entityId)).toEqual([1, 2, 3, 4].slice(since - start).map((n) => `tag_${n}`));
      }
      for (const since of [last + 1, -1, 1.5, Number.NaN]) expect(log.since(since).kind, String(since)).toBe('resync');
    });
  });

  it('numbers a resync, and catches up across it only by resync', async () => {
    await withLog((log) => {
      const start = log.lastSeq();
      log.append([event(1)]);
      const mark = log.markResync();
      expect(mark).toBe(start + 2);
      log.append([event(2)]);
      for (let since = start; since < mark; since++) expect(log.since(since).kind, String(since)).toBe('resync');
      const after = log.since(mark);
      expect(after.kind === 'events' && after.events.map((numbered) => numbered.event.entityId)).toEqual(['tag_2']);
    });
  });

  it('keeps the last 1,000 events or the last day, and answers resync for a gap older than that', async () => {
    await withLog((log, sql) => {
      const start = log.lastSeq();
      const now = Date.now();
      log.append([event(0), event(1)], now - KEEP_MS - 1);
      // Old but among the last 1,000: kept.
      log.append(
        Array.from({ length: KEEP_EVENTS - 2 }, (_, n) => event(n + 2)),
        now,
      );
      expect(log.since(start).kind).toBe('events');
      // Two more push the two old ones out of the last 1,000; a day old, they go.
      log.append([event(2000), event(2001)], now);
      expect(sql.exec<{ n: number }>('SELECT count(*) AS n FROM events').one().n).toBe(KEEP_EVENTS);
      expect(log.since(start).kind).toBe('resync');
      expect(log.since(start + 2).kind).toBe('events');
    });
  });
});

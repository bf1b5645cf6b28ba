// The reseller's numbered events, in the hub's own SQLite storage: every event gets the next sequence
// number, recent ones are kept so a reconnecting client gets what it missed, older ones are dropped.
import type { LiveEvent } from '../../schema/realtime';

/** Kept for replay: at least the last 1,000 events, and everything from the last 24 hours. */
export const KEEP_EVENTS = 1_000;
export const KEEP_MS = 24 * 3_600_000;

/** The body of a numbered resync in the log. */
const RESYNC_MARK = '"resync"';

export interface NumberedEvent {
  seq: number;
  event: LiveEvent;
}

/** What a client that last saw `since` needs: the events after it, or a resync when they are not all kept. */
export type Catchup = { kind: 'events'; events: NumberedEvent[] } | { kind: 'resync' };

export class EventLog {
  constructor(private readonly sql: SqlStorage) {
    sql.exec('CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, body TEXT NOT NULL)');
  }

  lastSeq(): number {
    return this.sql.exec<{ seq: number | null }>('SELECT max(seq) AS seq FROM events').one().seq ?? 0;
  }

  /** Numbers and keeps the events, in order, and drops what retention no longer needs. */
  append(events: LiveEvent[], now = Date.now()): NumberedEvent[] {
    let seq = this.lastSeq();
    const numbered = events.map((event) => {
      seq += 1;
      this.sql.exec('INSERT INTO events (seq, at, body) VALUES (?, ?, ?)', seq, now, JSON.stringify(event));
      return { seq, event };
    });
    this.sql.exec('DELETE FROM events WHERE seq <= ? AND at < ?', seq - KEEP_EVENTS, now - KEEP_MS);
    return numbered;
  }

  /**
   * Numbers a resync (events that could not be told in order): a client that reconnects from before it
   * must refetch as well, so catch-up across it answers resync.
   */
  markResync(now = Date.now()): number {
    const seq = this.lastSeq() + 1;
    this.sql.exec('INSERT INTO events (seq, at, body) VALUES (?, ?, ?)', seq, now, RESYNC_MARK);
    return seq;
  }

  since(since: number): Catchup {
    const last = this.lastSeq();
    if (!Number.isInteger(since) || since < 0 || since > last) return { kind: 'resync' };
    if (since === last) return { kind: 'events', events: [] };
    const oldest = this.sql.exec<{ seq: number | null }>('SELECT min(seq) AS seq FROM events').one().seq ?? last + 1;
    if (since + 1 < oldest) return { kind: 'resync' };
    if (this.sql.exec('SELECT 1 FROM events WHERE seq > ? AND body = ? LIMIT 1', since, RESYNC_MARK).toArray().length > 0) return { kind: 'resync' };
    const rows = this.sql.exec<{ seq: number; body: string }>('SELECT seq, body FROM events WHERE seq > ? ORDER BY seq', since);
    return { kind: 'events', events: [...rows].map((row) => ({ seq: row.seq, event: JSON.parse(row.body) as LiveEvent })) };
  }
}

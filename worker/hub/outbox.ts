// The hub's side of the live outbox: every committed write's events arrive once, by the publish after
// the commit or by a re-drive of the row it left in D1, and are broadcast once. A re-driven row older
// than one already broadcast would reach screens out of commit order (an update after the delete that
// followed it), so it becomes a resync for clients; its webhooks are still sent.
import type { LiveEvent } from '../../schema/realtime';
import type { Bindings } from '../env';

/** Outbox rows the hub has broadcast, remembered this long so a late duplicate is recognised. */
const REMEMBER_MS = 3_600_000;
const REDRIVE_BATCH = 100;

interface OutboxRow {
  seq: number;
  events: string | null;
  created_at: string;
}

/**
 * A row to broadcast: its events (null when they were not kept: clients resync), and whether it comes
 * after a later row was already broadcast (clients resync; integrations still get the events).
 */
export interface Delivery {
  events: LiveEvent[] | null;
  late: boolean;
}

export class Outbox {
  constructor(
    private readonly sql: SqlStorage,
    private readonly env: Bindings,
    private readonly deliver: (resellerId: string, delivery: Delivery) => Promise<void>,
  ) {
    sql.exec('CREATE TABLE IF NOT EXISTS outbox_delivered (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL)');
  }

  /**
   * Claims a row for broadcasting; false when it was delivered already. The hub runs one call at a
   * time between awaits, so a publish and a re-drive of the same row cannot both claim it.
   */
  claim(seq: number, now = Date.now()): boolean {
    const seen = this.sql.exec('SELECT 1 FROM outbox_delivered WHERE seq = ?', seq).toArray().length > 0;
    if (seen) return false;
    this.sql.exec('INSERT INTO outbox_delivered (seq, at) VALUES (?, ?)', seq, now);
    this.sql.exec('DELETE FROM outbox_delivered WHERE at < ?', now - REMEMBER_MS);
    return true;
  }

  private highestClaimed(): number {
    return this.sql.exec<{ seq: number | null }>('SELECT max(seq) AS seq FROM outbox_delivered').one().seq ?? 0;
  }

  /** Removes delivered rows from D1; returns when the oldest row still waiting was written (or null). */
  async settle(resellerId: string, seqs: number[]): Promise<number | null> {
    const remove = this.env.DB.prepare('DELETE FROM live_outbox WHERE reseller_id = ? AND seq IN (SELECT value FROM json_each(?))').bind(resellerId, JSON.stringify(seqs));
    const oldest = this.env.DB.prepare('SELECT min(created_at) AS oldest FROM live_outbox WHERE reseller_id = ?').bind(resellerId);
    const results = await this.env.DB.batch<{ oldest: string | null }>([remove, oldest]);
    const waiting = results.at(-1)?.results[0]?.oldest;
    return waiting ? Date.parse(waiting) : null;
  }

  /** Broadcasts what was left in D1 past the grace, in commit order, and removes it. */
  async redrive(resellerId: string, olderThan: string): Promise<number> {
    let total = 0;
    for (;;) {
      const { results } = await this.env.DB.prepare('SELECT seq, events, created_at FROM live_outbox WHERE reseller_id = ? AND created_at < ? ORDER BY seq LIMIT ?')
        .bind(resellerId, olderThan, REDRIVE_BATCH)
        .all<OutboxRow>();
      for (const row of results) {
        const late = row.seq < this.highestClaimed();
        if (this.claim(row.seq)) await this.deliver(resellerId, { events: row.events === null ? null : (JSON.parse(row.events) as LiveEvent[]), late });
      }
      total += results.length;
      if (results.length > 0)
        await this.settle(
          resellerId,
          results.map((row) => row.seq),
        );
      if (results.length < REDRIVE_BATCH) return total;
    }
  }
}

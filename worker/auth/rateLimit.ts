import { TooManyRequests } from '../errors';

export interface RateRule {
  name: string;
  limit: number;
  windowMs: number;
}

/** The public invitation page: generous for a person, useless for guessing tokens. */
export const invitationPageRule: RateRule = { name: 'invite', limit: 60, windowMs: 10 * 60_000 };

/**
 * A fixed-window counter per rule and client address, counted and read in one statement, so two
 * requests at once cannot both slip under the limit.
 */
export async function assertWithinRate(db: D1Database, rule: RateRule, clientKey: string, now = Date.now()): Promise<void> {
  const windowStart = now - (now % rule.windowMs);
  const row = await db
    .prepare(
      `INSERT INTO rate_limits (key, window_start, hits) VALUES (?1, ?2, 1)
       ON CONFLICT (key) DO UPDATE SET hits = CASE WHEN window_start = ?2 THEN hits + 1 ELSE 1 END, window_start = ?2
       RETURNING hits`,
    )
    .bind(`${rule.name}:${clientKey}`, windowStart)
    .first<{ hits: number }>();
  if ((row?.hits ?? 0) > rule.limit) {
    const seconds = Math.max(1, Math.ceil((windowStart + rule.windowMs - now) / 1000));
    throw new TooManyRequests('rate_limited', `Too many requests. Try again in ${seconds} seconds.`, seconds);
  }
}

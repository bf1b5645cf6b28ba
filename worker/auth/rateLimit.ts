import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { rateLimits } from '../../schema/tables';
import type { Database } from '../db';
import { TooManyRequests } from '../errors';

export interface RateRule {
  name: string;
  limit: number;
  windowMs: number;
}

/** The public invitation page: generous for a person, useless for guessing tokens. */
export const invitationPageRule: RateRule = { name: 'invite', limit: 60, windowMs: 10 * 60_000 };

const windowStartOf = (rule: Pick<RateRule, 'windowMs'>, now: number) => now - (now % rule.windowMs);

/**
 * Counts one hit of the client named by `key` in the rows `from` selects (so a hit is counted only for
 * a client that exists, in the same trip that looks it up) and returns the window's hits: a fixed-window
 * counter counted and read in one statement, so two requests at once cannot both slip under the limit.
 */
export function countHit(db: Database, rule: Pick<RateRule, 'name' | 'windowMs'>, from: { table: SQLiteTable; key: SQLiteColumn; where: SQL | undefined }, now = Date.now()) {
  const windowStart = windowStartOf(rule, now);
  return db
    .insert(rateLimits)
    .select(
      db
        .select({ key: sql<string>`${`${rule.name}:`} || ${from.key}`.as('key'), windowStart: sql<number>`${windowStart}`.as('window_start'), hits: sql<number>`1`.as('hits') })
        .from(from.table)
        .where(from.where),
    )
    .onConflictDoUpdate(hitInWindow(windowStart))
    .returning({ hits: rateLimits.hits });
}

/** A hit in the window starting at `windowStart`: counted on, or the first of a new window. */
const hitInWindow = (windowStart: number) => ({
  target: rateLimits.key,
  set: { hits: sql`CASE WHEN ${rateLimits.windowStart} = ${windowStart} THEN ${rateLimits.hits} + 1 ELSE 1 END`, windowStart },
});

/** Refuses the request when the hits `countHit` returned are over the rule's limit. */
export function assertHitsWithin(rule: Pick<RateRule, 'limit' | 'windowMs'>, hits: number, now = Date.now()): void {
  if (hits <= rule.limit) return;
  const windowStart = windowStartOf(rule, now);
  const seconds = Math.max(1, Math.ceil((windowStart + rule.windowMs - now) / 1000));
  throw new TooManyRequests('rate_limited', `Too many requests. Try again in ${seconds} seconds.`, seconds);
}

/** A hit of a client known by a plain key (its address), counted by the statement; returns the window's hits. */
export function countPlainHit(db: Database, rule: Pick<RateRule, 'name' | 'windowMs'>, clientKey: string, now = Date.now()) {
  const windowStart = windowStartOf(rule, now);
  return db
    .insert(rateLimits)
    .values({ key: `${rule.name}:${clientKey}`, windowStart, hits: 1 })
    .onConflictDoUpdate(hitInWindow(windowStart))
    .returning({ hits: rateLimits.hits });
}

/** Counts a hit of a client known by a plain key (its address) and refuses it over the limit. */
export async function assertWithinRate(db: Database, rule: RateRule, clientKey: string, now = Date.now()): Promise<void> {
  const row = await countPlainHit(db, rule, clientKey, now).get();
  assertHitsWithin(rule, row?.hits ?? 0, now);
}

/**
 * The guard of a write that counts its own hit (`countPlainHit` among its statements): the client is
 * still under the limit in this window. When it fails, the request counted the usual way says 429.
 */
export function underRate(rule: RateRule, clientKey: string, now = Date.now()): SQL {
  return sql`coalesce((SELECT ${rateLimits.hits} FROM ${rateLimits} WHERE ${rateLimits.key} = ${`${rule.name}:${clientKey}`} AND ${rateLimits.windowStart} = ${windowStartOf(rule, now)}), 0) < ${rule.limit}`;
}

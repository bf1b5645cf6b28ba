import { and, eq, type SQL } from 'drizzle-orm';
import { type DrizzleD1Database, drizzle } from 'drizzle-orm/d1';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Actor, Bindings } from './env';

export type Database = DrizzleD1Database & { $client: D1Database };

export function database(env: Bindings): Database {
  return drizzle(env.DB);
}

/**
 * Data access bound to one reseller: every condition built through `where` starts with the reseller
 * filter, so a route cannot forget it and another reseller's id simply finds nothing (404).
 */
export interface TenantScope {
  db: Database;
  resellerId: string;
  where(table: { resellerId: SQLiteColumn }, ...conditions: (SQL | undefined)[]): SQL;
}

export function tenantScope(env: Bindings, actor: Pick<Actor, 'resellerId'>): TenantScope {
  const db = database(env);
  return {
    db,
    resellerId: actor.resellerId,
    where: (table, ...conditions) => and(eq(table.resellerId, actor.resellerId), ...conditions) as SQL,
  };
}

/** ISO-8601 UTC with milliseconds, the same form SQLite's defaults write. */
export function nowIso(date = new Date()): string {
  return date.toISOString();
}

export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replaceAll('-', '')}`;
}

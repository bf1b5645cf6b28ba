// Column helpers shared by every table module.
import { sql } from 'drizzle-orm';
import { text } from 'drizzle-orm/sqlite-core';

/** SQLite's own clock, as ISO-8601 UTC with milliseconds. */
export const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
export const timestamps = {
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
};

import { and, asc, count, desc, or, type SQL, sql } from 'drizzle-orm';
import type { SelectedFields, SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Context } from 'hono';
import type * as v from 'valibot';
import { MAX_PAGE_SIZE, type Page, type PageQuery } from '../schema/common';
import { fromBase64Url, toBase64Url } from './auth/crypto';
import { currentActor } from './auth/guards';
import { type TenantScope, tenantScope } from './db';
import type { AppEnv } from './env';
import { BadRequest } from './errors';
import { readQuery } from './validate';

/** Opaque keyset cursors: the sort values of the last row seen, so paging never skips or repeats rows. */
export function encodeCursor(values: (string | number)[]): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(values)));
}

export function decodeCursor(cursor: string | undefined, shape: ('string' | 'number')[]): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const values: unknown = JSON.parse(new TextDecoder().decode(fromBase64Url(cursor)));
    if (Array.isArray(values) && values.length === shape.length && values.every((value, index) => typeof value === shape[index])) {
      return values as (string | number)[];
    }
  } catch {
    // fall through to the one answer for every malformed cursor
  }
  throw new BadRequest('invalid_cursor', 'The cursor is malformed; start again from the first page.');
}

/** One sort key of a keyset: the column (or expression) rows are ordered by, and its value in a row read back. */
export interface SortKey<Row> {
  by: SQLiteColumn | SQL;
  kind: 'string' | 'number';
  of: (row: Row) => string | number;
  descending?: boolean;
}

/**
 * An order that pages can follow: sort keys whose last one is unique (the id), so no two rows tie.
 * `label` (e.g. the chosen sort and direction) travels in the cursor, so a cursor of another order is refused.
 */
export interface Keyset<Row> {
  keys: SortKey<Row>[];
  label?: string[];
}

/** A sort key on a column of the row as read (`key` names it in the row). */
export function sortKey<Row, K extends keyof Row & string>(by: SQLiteColumn, key: K, descending = false): SortKey<Row> {
  return { by, kind: by.dataType === 'number' ? 'number' : 'string', of: (row) => row[key] as string | number, descending };
}

/** Rows after the cursor's row in the keyset's order: one row-value comparison when all keys go one way. */
function afterRow<Row>(keys: SortKey<Row>[], values: (string | number)[]): SQL {
  const descending = Boolean(keys[0]!.descending);
  if (keys.every((key) => Boolean(key.descending) === descending)) {
    const columns = sql.join(
      keys.map((key) => sql`${key.by}`),
      sql`, `,
    );
    const bound = sql.join(
      values.map((value) => sql`${value}`),
      sql`, `,
    );
    return descending ? sql`(${columns}) < (${bound})` : sql`(${columns}) > (${bound})`;
  }
  const beyond = (key: SortKey<Row>, value: string | number) => (key.descending ? sql`${key.by} < ${value}` : sql`${key.by} > ${value}`);
  return or(...keys.map((key, index) => and(...keys.slice(0, index).map((earlier, at) => sql`${earlier.by} = ${values[at]}`), beyond(key, values[index]!))))!;
}

/** The ORDER BY of a keyset and the condition "after the cursor"; a malformed or foreign cursor is a 400. */
export function keysetClauses<Row>(keyset: Keyset<Row>, cursor: string | undefined): { orderBy: SQL[]; after: SQL | undefined } {
  const label = keyset.label ?? [];
  const orderBy = keyset.keys.map((key) => (key.descending ? desc(key.by) : asc(key.by)));
  const values = decodeCursor(cursor, [...label.map(() => 'string' as const), ...keyset.keys.map((key) => key.kind)]);
  if (!values) return { orderBy, after: undefined };
  if (label.some((part, index) => values[index] !== part)) {
    throw new BadRequest('invalid_cursor', 'The cursor belongs to another sort order; start again from the first page.');
  }
  return { orderBy, after: afterRow(keyset.keys, values.slice(label.length)) };
}

/** One page from rows read with `limit + 1` (the extra row only tells that another page follows), and its cursor. */
export function pageFrom<Row, Item>(rows: Row[], limit: number, keyset: Keyset<Row>, item: (row: Row) => Item): Page<Item> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(item),
    nextCursor: rows.length > limit && last ? encodeCursor([...(keyset.label ?? []), ...keyset.keys.map((key) => key.of(last))]) : null,
  };
}

/** Every item of a paged list, one page at a time (exports): memory holds one page, and each costs the same. */
export async function* everyPage<Item>(read: (cursor: string | undefined) => Promise<Page<Item>>): AsyncGenerator<Item[]> {
  let cursor: string | undefined;
  do {
    const { items, nextCursor } = await read(cursor);
    if (items.length > 0) yield items;
    cursor = nextCursor ?? undefined;
  } while (cursor);
}

/** Anything that answers pages: a `tableList`, or a list with a query of its own. */
export type PagedList<Params, Item> = { read(scope: TenantScope, params: Params & PageQuery): Promise<Page<Item>> };

/** Every item of a paged list in pages of the largest size (views that show a list whole). */
export async function allItems<Params, Item>(list: PagedList<Params, Item>, scope: TenantScope, params: Params): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of everyPage((cursor) => list.read(scope, { ...params, limit: MAX_PAGE_SIZE, cursor }))) items.push(...page);
  return items;
}

export type TenantTable = SQLiteTable & { resellerId: SQLiteColumn };

/** What one list endpoint reads from one of the reseller's tables, in which order, and how a row is answered. */
export interface TableListSpec<Params, Row, Item> {
  table: TenantTable;
  /** The columns read; the whole row when left out. */
  fields?: SelectedFields;
  /** Conditions besides the tenant's (the customer, filters, a search). */
  where?: (params: Params) => (SQL | undefined)[];
  order: (params: Params) => Keyset<Row>;
  item: (row: Row) => Item;
  /** Told the rows as read (a change based on one of them can then be planned without reading it). */
  seen?: (scope: TenantScope, rows: Row[]) => void;
}

/**
 * A keyset-paged list of a tenant table: `statement` builds the page query without running it (the
 * query-plan test EXPLAINs it), `read` answers one page, `count` counts every matching row.
 */
export function tableList<Params, Row, Item>(spec: TableListSpec<Params, Row, Item>) {
  const conditions = (scope: TenantScope, params: Params, after?: SQL) => scope.where(spec.table, ...(spec.where?.(params) ?? []), after);
  function statement(scope: TenantScope, params: Params & PageQuery) {
    const { orderBy, after } = keysetClauses(spec.order(params), params.cursor);
    const select = spec.fields ? scope.db.select(spec.fields) : scope.db.select();
    return select
      .from(spec.table)
      .where(conditions(scope, params, after))
      .orderBy(...orderBy)
      .limit(params.limit + 1);
  }
  return {
    statement,
    read: async (scope: TenantScope, params: Params & PageQuery): Promise<Page<Item>> => {
      const rows = (await statement(scope, params).all()) as Row[];
      spec.seen?.(scope, rows);
      return pageFrom(rows, params.limit, spec.order(params), spec.item);
    },
    count: async (scope: TenantScope, params: Params): Promise<number> =>
      (await scope.db.select({ total: count() }).from(spec.table).where(conditions(scope, params)).get())?.total ?? 0,
  };
}

/** The handler of a reseller-wide list route (`GET /tags`): one page, its query read with `query`. */
export function pageHandler<Params, Item>(list: PagedList<Params, Item>, query: v.GenericSchema<unknown, Params & PageQuery>) {
  return async (c: Context<AppEnv>) => c.json(await list.read(tenantScope(c.env, currentActor(c)), readQuery(c, query)));
}

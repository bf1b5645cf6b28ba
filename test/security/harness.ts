// What the security suites share: a fingerprint of everything a reseller has in D1 (so "nothing was
// written" is checkable), the reseller's ids and names (so a leak is findable in any answer), the
// checks every answer must pass, and the figures each suite reports.
import { env } from 'cloudflare:test';
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as v from 'valibot';
import { expect } from 'vitest';
import { apiErrorBody } from '../../schema/common';
import * as tables from '../../schema/tables';
import { app } from '../../worker';
import { routePermissions } from '../../worker/openapi/document';
import type { Operation } from '../../worker/openapi/operation';
import type { Answer, Call } from '../apiWorld';
import { keyOf, withQuery } from '../operations';

const permissions = routePermissions(app.routes);
/** The permission the route's guard declares; undefined where signing in is enough (or the route is public). */
export const permissionOf = (operation: Operation) => permissions.get(keyOf(operation));
export const methodOf = (operation: Operation) => operation.method.toUpperCase();

/** `newId` ids: a table prefix and 32 hex digits. */
export const ID_PATTERN = /\b([a-z]{2,4})_[0-9a-f]{32}\b/g;
export const idKind = (id: string) => id.slice(0, id.indexOf('_'));
export const unknownIdLike = (id: string) => `${idKind(id)}_${crypto.randomUUID().replaceAll('-', '')}`;
export const idsIn = (call: Call) => [...new Set([...JSON.stringify(call).matchAll(ID_PATTERN)].map((match) => match[0]))];

/** The same call with one id replaced everywhere it occurs (path, query, body, headers). */
export function replaceId(call: Call, id: string, by: string): Call {
  return JSON.parse(JSON.stringify(call).replaceAll(id, by)) as Call;
}

/** Exports are read back as CSV, so a leak inside a file is found by looking at text. */
export const asCsv = (call: Call): Call => (/[?&]format=/.test(call.path) ? { ...call, path: withQuery(call.path, { format: 'csv' }) } : call);

const tenantTables = (Object.values(tables) as unknown[])
  .filter((table): table is SQLiteTable => is(table, SQLiteTable))
  .map((table) => getTableConfig(table))
  .filter((config) => config.columns.some((column) => column.name === 'reseller_id'));

/** Columns that change on reads by design (sliding session expiry, a token's last use); not a write. */
const readTouched: Record<string, string[]> = { sessions: ['last_seen_at', 'expires_at'], api_tokens: ['last_used_at'] };
/**
 * Written off the request path after an earlier commit (webhook deliveries; the live outbox, emptied by the hub after the commit), or a
 * response cache that keeps 4xx answers by design (Idempotency-Key): never the change of a request.
 */
const afterCommit = new Set(['webhook_deliveries', 'live_outbox', 'idempotency_keys']);

async function tenantRows(resellerId: string, { withOutbox = false } = {}): Promise<Map<string, Record<string, unknown>[]>> {
  const read = tenantTables.filter((config) => withOutbox || !afterCommit.has(config.name));
  const statements = [
    env.DB.prepare('SELECT * FROM resellers WHERE id = ?').bind(resellerId),
    ...read.map((config) => env.DB.prepare(`SELECT * FROM "${config.name}" WHERE reseller_id = ?`).bind(resellerId)),
  ];
  const results = await env.DB.batch<Record<string, unknown>>(statements);
  return new Map(['resellers', ...read.map((config) => config.name)].map((name, index) => [name, results[index]!.results]));
}

/**
 * Counts every insert, update and delete of a reseller's rows, by triggers on every tenant table (and
 * the reseller's own row), so "this request wrote nothing" costs one read. A rolled-back batch rolls
 * its counts back with it.
 */
export async function installWriteCounter() {
  const statements = ['CREATE TABLE IF NOT EXISTS test_write_counts (reseller_id TEXT PRIMARY KEY, writes INTEGER NOT NULL)'];
  const count = (row: string) => `INSERT INTO test_write_counts (reseller_id, writes) VALUES (${row}, 1) ON CONFLICT (reseller_id) DO UPDATE SET writes = writes + 1`;
  const counted = [{ name: 'resellers', key: 'id', columns: getTableConfig(tables.resellers).columns.map((column) => column.name) }];
  for (const config of tenantTables) {
    if (!afterCommit.has(config.name)) counted.push({ name: config.name, key: 'reseller_id', columns: config.columns.map((column) => column.name) });
  }
  for (const { name, key, columns } of counted) {
    const watched = columns
      .filter((column) => !(readTouched[name] ?? []).includes(column))
      .map((column) => `"${column}"`)
      .join(', ');
    statements.push(
      `CREATE TRIGGER IF NOT EXISTS test_count_${name}_insert AFTER INSERT ON "${name}" BEGIN ${count(`NEW.${key}`)}; END`,
      `CREATE TRIGGER IF NOT EXISTS test_count_${name}_update AFTER UPDATE OF ${watched} ON "${name}" BEGIN ${count(`NEW.${key}`)}; END`,
      `CREATE TRIGGER IF NOT EXISTS test_count_${name}_delete AFTER DELETE ON "${name}" BEGIN ${count(`OLD.${key}`)}; END`,
    );
  }
  await env.DB.batch(statements.map((statement) => env.DB.prepare(statement)));
}

/** How many rows of the reseller were written since the counter was installed. */
export async function writesOf(resellerId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT writes FROM test_write_counts WHERE reseller_id = ?').bind(resellerId).first<{ writes: number }>();
  return row?.writes ?? 0;
}

export type Fingerprint = Record<string, string[]>;

/** Every row the reseller has in every table that carries `reseller_id` (found from the schema, so new tables count too). */
export async function fingerprint(resellerId: string): Promise<Fingerprint> {
  const print: Fingerprint = {};
  for (const [table, rows] of await tenantRows(resellerId)) {
    const skip = readTouched[table] ?? [];
    print[table] = rows.map((row) => JSON.stringify(Object.entries(row).filter(([column]) => !skip.includes(column)))).sort();
  }
  return print;
}

/** The tables whose rows differ, with what was added and removed (for a readable failure). */
export function changedTables(before: Fingerprint, after: Fingerprint) {
  const changes: Record<string, { added: string[]; removed: string[] }> = {};
  for (const table of Object.keys({ ...before, ...after })) {
    const was = new Set(before[table] ?? []);
    const is = new Set(after[table] ?? []);
    const added = [...is].filter((row) => !was.has(row));
    const removed = [...was].filter((row) => !is.has(row));
    if (added.length + removed.length > 0) changes[table] = { added: added.map((row) => row.slice(0, 300)), removed: removed.map((row) => row.slice(0, 300)) };
  }
  return changes;
}

export async function expectUnchanged(resellerId: string, before: Fingerprint, label: string) {
  expect(changedTables(before, await fingerprint(resellerId)), `${label} wrote to reseller ${resellerId}`).toEqual({});
}

export async function lastAuditId(resellerId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT coalesce(max(id), 0) AS id FROM audit_log WHERE reseller_id = ?').bind(resellerId).first<{ id: number }>();
  return row?.id ?? 0;
}

export async function auditRowsAfter(resellerId: string, afterId: number) {
  const rows = await env.DB.prepare('SELECT action, entity_id AS entityId, customer_id AS customerId FROM audit_log WHERE reseller_id = ? AND id > ? ORDER BY id')
    .bind(resellerId, afterId)
    .all<{ action: string; entityId: string; customerId: string | null }>();
  return rows.results;
}

/** What identifies a reseller's data in any answer: every row id, its name and its staff's e-mail addresses. */
export async function tenantMarkers(resellerId: string) {
  const ids = new Map<string, string[]>();
  const names: string[] = [];
  for (const [table, rows] of await tenantRows(resellerId, { withOutbox: true })) {
    for (const row of rows) {
      const id = table === 'resellers' ? undefined : row.id;
      if (typeof id === 'string' && new RegExp(`^${ID_PATTERN.source}$`).test(id)) ids.set(idKind(id), [...(ids.get(idKind(id)) ?? []), id]);
      if (table === 'resellers') names.push(String(row.id), String(row.name));
      if (table === 'users') names.push(String(row.email));
    }
  }
  const all = [...[...ids.values()].flat(), ...names];
  return {
    /** Ids by kind (`cus`, `tag`, `ord`, …), each of a row that exists. */
    idsByKind: ids,
    /** The markers found in `text`. */
    foundIn: (text: string) => all.filter((marker) => text.includes(marker)),
  };
}

/** Internals an error must never show: SQL, driver messages, stack frames. */
const INTERNALS = /D1_|SQLITE|sqlite|\bSELECT\b|\bINSERT\b|\bUPDATE\s+"|constraint failed|\n\s+at |TypeError|ReferenceError|RangeError/;

/**
 * What every API answer must be, whatever was asked: never a 5xx, hardened headers, and an error
 * in the one error shape without internals.
 */
export function expectHardened(answer: Answer, label: string) {
  expect(answer.status, `${label}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  expectHardenedHeaders(answer, label);
  if (answer.status >= 400) {
    const parsed = v.safeParse(apiErrorBody, JSON.parse(answer.text));
    expect(parsed.success, `${label}: not the error shape: ${answer.text.slice(0, 300)}`).toBe(true);
    expect(answer.text, `${label}: the error shows internals`).not.toMatch(INTERNALS);
  }
}

/** Every answer (a 500 too) is never framed, sniffed or cached, and names a strict CSP. */
export function expectHardenedHeaders(answer: Answer, label: string) {
  hardenedAnswers.count += 1;
  if (answer.status === 101) return;
  const headers = answer.headers;
  expect(headers.get('content-security-policy'), label).toMatch(/default-src 'none'.*frame-ancestors 'none'|frame-ancestors 'none'.*default-src 'none'/);
  expect(headers.get('x-content-type-options'), label).toBe('nosniff');
  expect(headers.get('x-frame-options'), label).toBe('SAMEORIGIN');
  expect(headers.get('strict-transport-security'), label).toContain('max-age=');
  expect(headers.get('referrer-policy'), label).toBe('strict-origin-when-cross-origin');
}

/** How many answers of this file passed the header checks (each suite reports it). */
export const hardenedAnswers = { count: 0 };

export const errorCode = (answer: Answer): string | undefined => (answer.status >= 400 ? JSON.parse(answer.text).error.code : undefined);

/** Mulberry32: a small seeded generator, so a failing case can be made again from its seed. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    /** `count` items without repeats, in a seeded order. */
    sample: <T>(items: readonly T[], count: number): T[] => {
      const pool = [...items];
      for (let i = pool.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      }
      return pool.slice(0, count);
    },
  };
}

export type SecurityFigures = Record<string, number | string>;

declare module 'vitest' {
  interface TaskMeta {
    /** A suite's figures, printed together by test/security/figuresReporter.ts. */
    securityFigures?: SecurityFigures;
  }
}

/** Figures a suite counts while it runs (the sizes it `set`s come first); its last test hands them to the reporter and prints them. */
export function figures(suite: string) {
  const sizes: SecurityFigures = {};
  const counts: SecurityFigures = {};
  return {
    counts,
    add: (name: string, by = 1) => {
      counts[name] = Number(counts[name] ?? 0) + by;
    },
    set: (name: string, value: number | string) => {
      sizes[name] = value;
    },
    report: (task: { meta: { securityFigures?: SecurityFigures } }) => {
      const all = { ...sizes, ...counts, 'answers with checked security headers': hardenedAnswers.count };
      task.meta.securityFigures = { suite, ...all };
      console.log(
        `[security] ${suite}: ${Object.entries(all)
          .map(([name, value]) => `${name} ${value}`)
          .join(', ')}`,
      );
    },
  };
}

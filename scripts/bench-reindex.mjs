// `npm run bench:reindex`: how long the newest migration that recomputes every customer's sort keys
// and search terms takes on the bench data (95,000 customers after `npm run bench:seed`). It runs on a
// copy of the bench database's SQLite file with better-sqlite3 (the SQL floor, without D1's own
// overhead), after setting every key stale, and prints each slow statement, the total and whether the
// keys and the number of terms came out as the seed's JavaScript wrote them. Figures only.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_STATE } from './bench-seed.mjs';
import { applyMigrations, root } from './local-db.mjs';

const migrationsDir = path.join(root, 'migrations');
const reindex = readdirSync(migrationsDir)
  .filter((name) => name.endsWith('.sql') && readFileSync(path.join(migrationsDir, name), 'utf8').includes('`search_folding`'))
  .sort()
  .at(-1);
if (!reindex) throw new Error('no migration recomputes the search terms');

applyMigrations(BENCH_STATE);
const d1Dir = path.join(BENCH_STATE, 'v3', 'd1', 'miniflare-D1DatabaseObject');
const source = readdirSync(d1Dir).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
const workDir = mkdtempSync(path.join(tmpdir(), 'bench-reindex-'));
const copy = path.join(workDir, 'bench.sqlite');
copyFileSync(path.join(d1Dir, source), copy);
const { default: Database } = await import('better-sqlite3');
const db = new Database(copy);
try {
  const count = (sql) => db.prepare(sql).get().n;
  const customers = count('SELECT count(*) AS n FROM customers');
  const termsBefore = count('SELECT count(*) AS n FROM customer_search_terms');
  const keysBefore = db.prepare('SELECT id, name_sort, contact_sort, city_sort FROM customers ORDER BY id').all();
  db.exec("UPDATE customers SET name_sort = 'stale', contact_sort = 'stale', city_sort = 'stale'");
  const started = performance.now();
  for (const statement of readFileSync(path.join(migrationsDir, reindex), 'utf8').split('--> statement-breakpoint')) {
    const t0 = performance.now();
    db.exec(statement);
    const seconds = (performance.now() - t0) / 1000;
    if (seconds > 1)
      console.log(
        `  ${seconds.toFixed(1).padStart(5)} s  ${statement
          .trim()
          .replace(/^--.*\n/gm, '')
          .slice(0, 70)
          .replace(/\s+/g, ' ')}`,
      );
  }
  const total = (performance.now() - started) / 1000;
  const keysAfter = db.prepare('SELECT id, name_sort, contact_sort, city_sort FROM customers ORDER BY id').all();
  const sameKeys = keysAfter.every((row, index) => JSON.stringify(row) === JSON.stringify(keysBefore[index]));
  console.log(
    `${reindex}: ${customers} customers in ${total.toFixed(1)} s; terms ${termsBefore} before, ${count('SELECT count(*) AS n FROM customer_search_terms')} after; keys as the seed wrote them: ${sameKeys}`,
  );
} finally {
  db.close();
  rmSync(workDir, { recursive: true, force: true });
}

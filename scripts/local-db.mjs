// Local D1 and wrangler helpers shared by `npm start`, `npm run db:*` and the browser-test runner.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoSql } from './demo-data.mjs';

export const root = path.resolve(import.meta.dirname, '..');
export const DATABASE = 'reseller-desk';
const wranglerBin = path.join(root, 'node_modules', '.bin', 'wrangler');
const viteBin = path.join(root, 'node_modules', '.bin', 'vite');
// No Cloudflare account and no internet here: keep wrangler from phoning home.
const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true' };

function run(bin, args, { capture = false } = {}) {
  const result = spawnSync(bin, args, { cwd: root, env: quietEnv, stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${path.basename(bin)} ${args.join(' ')} failed (${result.status})\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
  return result.stdout;
}

const persistArgs = (persistTo) => (persistTo ? ['--persist-to', persistTo] : []);

export function buildClient() {
  run(viteBin, ['build', '--logLevel', 'warn']);
}

export function applyMigrations(persistTo) {
  run(wranglerBin, ['d1', 'migrations', 'apply', DATABASE, '--local', ...persistArgs(persistTo)], { capture: true });
}

export function isDatabaseEmpty(persistTo) {
  const out = run(wranglerBin, ['d1', 'execute', DATABASE, '--local', '--json', '--command', 'SELECT count(*) AS n FROM resellers', ...persistArgs(persistTo)], { capture: true });
  return JSON.parse(out)[0].results[0].n === 0;
}

/** Runs a (large) SQL text against the local database through `wrangler d1 execute --file`. */
export function executeSql(persistTo, sql) {
  const dir = mkdtempSync(path.join(tmpdir(), 'desk-sql-'));
  const file = path.join(dir, 'data.sql');
  writeFileSync(file, sql);
  try {
    run(wranglerBin, ['d1', 'execute', DATABASE, '--local', '--file', file, ...persistArgs(persistTo)], { capture: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function loadDemoData(persistTo) {
  executeSql(persistTo, demoSql());
}

/** Migrations, then demo data when the database has no resellers yet. */
/**
 * Demo data loaded by an older version predates later migrations or demo records (no search index
 * entries, no catalog, open relationships without their invitation): searching, ordering or reminding
 * would silently find nothing. Detected, never deleted by itself.
 */
function isDemoDataOutdated(persistTo) {
  const sql = `SELECT (SELECT count(*) FROM customers WHERE reseller_id = 'rs_alpen') AS customers,
    (SELECT count(*) FROM products WHERE reseller_id = 'rs_alpen') AS products,
    (SELECT count(*) FROM customer_search_terms WHERE reseller_id = 'rs_alpen') AS terms,
    (SELECT count(*) FROM customers c WHERE c.reseller_id = 'rs_alpen' AND c.relationship_state = 'pending'
      AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.customer_id = c.id)) AS unbacked`;
  const out = run(wranglerBin, ['d1', 'execute', DATABASE, '--local', '--json', '--command', sql, ...persistArgs(persistTo)], { capture: true });
  const { customers, products, terms, unbacked } = JSON.parse(out)[0].results[0];
  return customers > 0 && (products === 0 || terms === 0 || unbacked > 0);
}

export function prepareDatabase(persistTo) {
  applyMigrations(persistTo);
  if (isDatabaseEmpty(persistTo)) {
    loadDemoData(persistTo);
    return 'loaded';
  }
  return isDemoDataOutdated(persistTo) ? 'outdated' : 'kept';
}

export function localStateDir() {
  return path.join(root, '.wrangler', 'state');
}

/**
 * Starts the app in wrangler's local mode and resolves once it answers HTTP; the child keeps running.
 * `engine: 'wrangler-dev'` is the `wrangler dev` CLI. `engine: 'no-inspector'` runs the same local
 * engine through wrangler's startWorker API without the DevTools inspector that `wrangler dev` always
 * attaches: it copies every D1 subrequest with its body into wrangler's debug log, which production
 * never does (benchmarks measured it at about a third of the list's throughput).
 */
export async function startServer({ port, persistTo, stdio = 'inherit', vars = {}, engine = 'wrangler-dev' }) {
  const varArgs = Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]);
  const args =
    engine === 'no-inspector'
      ? [path.join(root, 'scripts', 'serve-no-inspector.mjs'), String(port), persistTo ?? '', JSON.stringify(vars)]
      : ['dev', '--port', String(port), '--ip', '127.0.0.1', '--show-interactive-dev-session=false', ...persistArgs(persistTo), ...varArgs];
  const child = spawn(engine === 'no-inspector' ? process.execPath : wranglerBin, args, {
    cwd: root,
    env: quietEnv,
    stdio: ['ignore', stdio, stdio],
  });
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler (${engine}) exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/v1/session`);
      if (response.status === 401) return { child, url };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  child.kill();
  throw new Error(`wrangler (${engine}) did not answer within 60 s`);
}

/** A TCP port nobody listens on right now (for a throwaway `wrangler dev`). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Stops a `wrangler dev` started by startServer: politely first, then for sure. */
export async function stopServer(child) {
  child.kill('SIGINT');
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (child.exitCode === null) child.kill('SIGKILL');
}

// `node scripts/bench-duplicates.mjs [bench state dir]`: the possible-duplicates list and the hints on
// the 50,000-customer reseller of `npm run bench:seed`. Works on a COPY of the bench state (the given
// directory is never written): applies the migrations it lacks (timing the one that computes every
// customer's duplicate keys), starts the app on the copy, then times walking the groups list page by
// page and a set of hint look-ups, one request at a time. Figures only.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { percentile, sessionCookie } from './bench-lib.mjs';
import { BENCH_OWNER, BENCH_STATE } from './bench-seed.mjs';
import { applyMigrations, freePort, startServer, stopServer } from './local-db.mjs';

const source = process.argv[2] ?? BENCH_STATE;
const PAGES = Number(process.env.PAGES ?? 20);
const copy = mkdtempSync(path.join(tmpdir(), 'bench-duplicates-'));
cpSync(source, copy, { recursive: true });
console.log(`copied ${source} to ${copy}`);

const started = performance.now();
applyMigrations(copy);
console.log(`migrations applied (duplicate keys of every stored customer computed) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const { child, url } = await startServer({ port: await freePort(), persistTo: copy, stdio: 'ignore', engine: 'no-inspector' });
try {
  const headers = { cookie: await sessionCookie(url, BENCH_OWNER(0)), origin: url };
  const timed = async (pathAndQuery) => {
    const t0 = performance.now();
    const response = await fetch(`${url}${pathAndQuery}`, { headers });
    const body = await response.json();
    if (!response.ok) throw new Error(`${pathAndQuery}: ${response.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - t0, body };
  };
  const total = await timed('/api/v1/customers?limit=1');
  console.log(`reseller 0: ${total.body.total} customers`);

  const pageTimes = [];
  const reasons = {};
  let cursor = null;
  let groups = 0;
  for (let page = 0; page < PAGES; page++) {
    const { ms, body } = await timed(`/api/v1/customers/duplicates?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
    pageTimes.push(ms);
    groups += body.items.length;
    for (const group of body.items) reasons[group.reason] = (reasons[group.reason] ?? 0) + 1;
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  const sortedPages = [...pageTimes].sort((a, b) => a - b);
  console.log(
    `groups list: ${pageTimes.length} pages of 50 (${groups} groups: ${JSON.stringify(reasons)}), first page ${pageTimes[0].toFixed(0)} ms, p50 ${percentile(sortedPages, 50).toFixed(0)} ms, p95 ${percentile(sortedPages, 95).toFixed(0)} ms`,
  );

  const sample = (await timed('/api/v1/customers?limit=100&sort=name')).body.items;
  const hintTimes = [];
  let withHints = 0;
  for (const customer of sample) {
    const query = new URLSearchParams({ company: `${customer.company} GmbH`, email: customer.email, phone: customer.phone, country: customer.country });
    const { ms, body } = await timed(`/api/v1/customers/duplicates/hints?${query}`);
    hintTimes.push(ms);
    if (body.items.length > 0) withHints++;
  }
  const sortedHints = hintTimes.sort((a, b) => a - b);
  console.log(`hints: ${sample.length} look-ups (${withHints} with hints), p50 ${percentile(sortedHints, 50).toFixed(0)} ms, p95 ${percentile(sortedHints, 95).toFixed(0)} ms`);
} finally {
  await stopServer(child);
  rmSync(copy, { recursive: true, force: true });
}

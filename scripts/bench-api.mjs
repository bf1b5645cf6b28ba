// `npm run bench:api`: the API under load on the 50,000-customer reseller of `npm run bench:seed`.
// Runs the app in wrangler's local mode (the .bench/state database), loads it with autocannon from
// this process on 127.0.0.1 at 1, 8 and 32 connections, and prints p50/p95/p99 and throughput per
// scenario. For each list query the same SQL (taken from the Worker, x-bench-sql) also runs directly
// against the same SQLite file with better-sqlite3: the floor, with the ratio. The "stack" rows
// measure what the local stack costs without our work: a static file, an API refusal without D1, and
// a signed-in request that only checks its session (one D1 read); "× auth" compares each p99 with
// the last one at the same connections. BENCH_ENGINE=wrangler-dev measures under `wrangler dev`
// (with its DevTools inspector) instead of the inspector-less local engine. Figures only.
//
// DISTANCE=0,20,100 runs only the list, a customer view, an update and a create at 1 and 8 connections, once per
// value, with every D1 round trip of the Worker delayed by that many milliseconds (D1_DELAY_MS): the app
// as seen from a Worker far from its database, where each round trip costs the distance.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { percentile, sessionCookie } from './bench-lib.mjs';
import { BENCH_OWNER, BENCH_STATE } from './bench-seed.mjs';
import { applyMigrations, freePort, startServer, stopServer } from './local-db.mjs';

const DURATION = Number(process.env.DURATION ?? 4);
const LEVELS = (process.env.CONNECTIONS ?? '1,8,32').split(',').map(Number);
const FLOOR_RUNS = Number(process.env.FLOOR_RUNS ?? 300);
const ENGINE = process.env.BENCH_ENGINE ?? 'no-inspector';

function sqliteFile() {
  const dir = path.join(BENCH_STATE, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.sqlite'))
    .map((file) => path.join(dir, file));
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

async function openFloor() {
  try {
    const { default: Database } = await import('better-sqlite3');
    return new Database(sqliteFile(), { readonly: true, fileMustExist: true });
  } catch (error) {
    console.log(`floor unavailable (better-sqlite3 could not load: ${error.message.split('\n')[0]})`);
    return undefined;
  }
}

/** The Worker's own statements, run FLOOR_RUNS times each directly on the file. */
function floorOf(db, statements) {
  const prepared = statements.map(({ sql, params }) => ({ statement: db.prepare(sql), params }));
  const times = [];
  for (let run = 0; run < FLOOR_RUNS; run++) {
    const start = performance.now();
    for (const { statement, params } of prepared) statement.all(...params);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon({ duration: DURATION, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

const f = (n) => (n === undefined ? '     –' : n.toFixed(1).padStart(6));

/** Random customers of the first page opened one after another. */
const customerView = (url, connections, headers, sample) => ({
  url,
  connections,
  headers,
  requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/api/v1/customers/${sample[Math.floor(Math.random() * sample.length)].id}` }) }],
});

/** Each connection updates its own customer and carries the version it got back: no conflicts. */
function customerUpdates(url, connections, headers, sample) {
  const versions = new Map(sample.map((customer) => [customer.id, customer.version]));
  let next = 0;
  return {
    url,
    connections,
    headers,
    requests: [
      {
        method: 'PATCH',
        setupRequest: (request, context) => {
          context.customer ??= sample[next++ % sample.length];
          return {
            ...request,
            path: `/api/v1/customers/${context.customer.id}`,
            body: JSON.stringify({ version: versions.get(context.customer.id), phone: `+49 30 ${Math.floor(Math.random() * 1e6)}` }),
          };
        },
        onResponse: (status, body, context) => {
          if (status === 200) versions.set(context.customer.id, JSON.parse(body).customer.version);
          else if (status === 409) versions.set(context.customer.id, JSON.parse(body).error.current.version);
        },
      },
    ],
  };
}

/** New customers, each with its own number; their ids are kept so the run can delete them again. */
function customerCreates(url, connections, headers, created) {
  return {
    url,
    connections,
    headers,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/customers',
        setupRequest: (request) => {
          const number = `N${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
          const body = {
            customerNumber: number,
            company: `Messung ${number}`,
            email: 'messung@bench.example',
            address: 'Weg 1',
            postalCode: '10115',
            city: 'Berlin',
            country: 'DE',
          };
          return { ...request, body: JSON.stringify(body) };
        },
        onResponse: (status, body) => {
          if (status === 201) created.push(JSON.parse(body).customer.id);
        },
      },
    ],
  };
}

/** Deletes what the create runs made, so the bench data stays as seeded. */
async function deleteCreated(url, headers, created) {
  for (let start = 0; start < created.length; start += 8) {
    await Promise.all(
      created.slice(start, start + 8).map((id) => fetch(`${url}/api/v1/customers/${id}`, { method: 'DELETE', headers: { cookie: headers.cookie, origin: headers.origin } })),
    );
  }
  created.length = 0;
}

/** DISTANCE mode: list, view, update and create with each simulated D1 distance, at 1 and 8 connections. */
async function distance(delays) {
  applyMigrations(BENCH_STATE);
  console.log(`bench:api DISTANCE — ${new Date().toISOString()}, engine ${ENGINE}, ${DURATION} s per run; every D1 round trip of the Worker delayed by the given ms`);
  console.log(`${'scenario'.padEnd(20)} ${'D1 delay'.padStart(8)} conn   p50 ms   p95 ms   p99 ms    req/s  trips/waited`);
  for (const delay of delays) {
    const port = await freePort();
    const { child, url } = await startServer({ port, persistTo: BENCH_STATE, stdio: 'ignore', vars: { D1_DELAY_MS: String(delay), COUNT_QUERIES: '1' }, engine: ENGINE });
    try {
      const headers = { cookie: await sessionCookie(url, BENCH_OWNER(0)), origin: url, 'content-type': 'application/json' };
      // The first request of a session looks its credential up before anything else; the measured ones do not.
      await fetch(`${url}/api/v1/session`, { headers });
      const page = await fetch(`${url}/api/v1/customers?limit=50`, { headers });
      const sample = (await page.json()).items;
      const view = await fetch(`${url}/api/v1/customers/${sample[0].id}`, { headers });
      const update = await fetch(`${url}/api/v1/customers/${sample[0].id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ version: sample[0].version, phone: '+49 30 1234567' }),
      });
      sample[0].version += update.ok ? 1 : 0;
      const created = [];
      const createOne = async () => {
        const answer = await fetch(`${url}/api/v1/customers`, { method: 'POST', headers, body: customerCreates(url, 1, headers, created).requests[0].setupRequest({}).body });
        if (answer.ok) created.push((await answer.clone().json()).customer.id);
        else console.log(`create customer answered ${answer.status}: ${(await answer.text()).slice(0, 300)}`);
        return answer;
      };
      // The first create of an isolate reads the custom field definitions; the measured ones do not.
      await createOne();
      const create = await createOne();
      // Every trip / the trips waited for one after another (older versions only report the first).
      const tripsOf = (response) => `${response.headers.get('x-d1-round-trips')}/${response.headers.get('x-d1-sequential-trips') ?? response.headers.get('x-d1-round-trips')}`;
      const trips = { list: tripsOf(page), view: tripsOf(view), update: tripsOf(update), create: tripsOf(create) };
      const scenarios = [
        ['list: first page', (connections) => ({ url: `${url}/api/v1/customers?limit=50`, connections, headers }), trips.list],
        ['customer view', (connections) => customerView(url, connections, headers, sample), trips.view],
        ['update customer', (connections) => customerUpdates(url, connections, headers, sample), trips.update],
        ['create customer', (connections) => customerCreates(url, connections, headers, created), trips.create],
      ];
      for (const [label, options, roundTrips] of scenarios) {
        for (const connections of [1, 8]) {
          const result = await run(options(connections));
          const { p50, p97_5: p95ish, p99 } = result.latency;
          const errors = result.non2xx + result.errors > 0 ? `  (${result.non2xx} non-2xx, ${result.errors} errors)` : '';
          console.log(
            `${label.padEnd(20)} ${String(delay).padStart(8)} ${String(connections).padStart(4)} ${f(p50)}   ${f(p95ish)}   ${f(p99)}  ${String(Math.round(result.requests.average)).padStart(7)}  ${String(roundTrips).padStart(12)}${errors}`,
          );
        }
      }
      await deleteCreated(url, headers, created);
    } finally {
      await stopServer(child);
    }
  }
}

async function main() {
  // A database seeded by an older version gets the newer migrations first (they never drop data).
  applyMigrations(BENCH_STATE);
  const floorDb = await openFloor();
  const port = await freePort();
  const { child, url } = await startServer({ port, persistTo: BENCH_STATE, stdio: 'ignore', vars: { BENCH_SQL: '1' }, engine: ENGINE });
  try {
    const cookie = await sessionCookie(url, BENCH_OWNER(0));
    const headers = { cookie, origin: url, 'content-type': 'application/json' };
    const get = async (pathname) => {
      const response = await fetch(`${url}${pathname}`, { headers: { ...headers, 'x-bench-sql': '1' } });
      return { body: await response.json(), sql: response.headers.get('x-bench-sql') };
    };
    const first = await get('/api/v1/customers?limit=50');
    const tags = (await get('/api/v1/tags')).body.items;
    const sample = first.body.items;
    const sorts = ['customerNumber', 'name', 'contact', 'phone', 'city', 'email', 'monthlyRevenue', 'productCount', 'relationshipState', 'tags', 'createdAt'];
    const lists = [
      ['list: first page', '/api/v1/customers?limit=50'],
      ...sorts.map((sort) => [`list: sort ${sort} desc`, `/api/v1/customers?limit=50&sort=${sort}&dir=desc`]),
      ['search: 1 word (mül)', `/api/v1/customers?limit=50&q=${encodeURIComponent('mül')}`],
      ['search: 2 words (bäckerei münchen)', `/api/v1/customers?limit=50&q=${encodeURIComponent('bäckerei münchen')}`],
      ['search: 3 words (elektro gmbh berlin)', `/api/v1/customers?limit=50&q=${encodeURIComponent('elektro gmbh berlin')}`],
      ['filter: tag VIP', `/api/v1/customers?limit=50&tag=${tags.find((tag) => tag.name === 'VIP').id}`],
    ];
    console.log(
      `bench:api — ${new Date().toISOString()}, ${(await get('/api/v1/customers?limit=1')).body.total} customers, engine ${ENGINE}, ${DURATION} s per run, connections ${LEVELS.join('/')}`,
    );
    console.log(`${'scenario'.padEnd(40)} conn   p50 ms   p95 ms   p99 ms    req/s  × auth | floor p50 / p99 ms   ratio p50 / p99`);
    const authP99 = new Map();
    const report = (label, connections, result, floor) => {
      const { p50, p97_5: p95ish, p99 } = result.latency;
      const ratio = floor ? `${(p50 / floor.p50).toFixed(1).padStart(5)}× / ${(p99 / floor.p99).toFixed(1)}×` : '';
      const floorText = floor ? `${f(floor.p50)} / ${f(floor.p99)}` : '';
      const auth = authP99.has(connections) ? `${(p99 / authP99.get(connections)).toFixed(1)}×` : '';
      const errors = result.non2xx + result.errors > 0 ? `  (${result.non2xx} non-2xx, ${result.errors} errors)` : '';
      console.log(
        `${label.padEnd(40)} ${String(connections).padStart(4)} ${f(p50)}   ${f(p95ish)}   ${f(p99)}  ${String(Math.round(result.requests.average)).padStart(7)} ${auth.padStart(6)} | ${floorText.padEnd(18)} ${ratio}${errors}`,
      );
    };

    // What the local stack itself costs: a static file (no Worker), an API answer that reads nothing
    // from D1, and a signed-in request whose only work is the session check every API request makes.
    for (const connections of LEVELS) report('stack: static file', connections, await run({ url: `${url}/favicon.svg`, connections }));
    for (const connections of LEVELS) report('stack: API 401, no D1 (non-2xx expected)', connections, await run({ url: `${url}/api/v1/session`, connections }));
    for (const connections of LEVELS) {
      const result = await run({ url: `${url}/api/v1/session`, connections, headers });
      report('stack: signed-in session check (1 D1 read)', connections, result);
      authP99.set(connections, result.latency.p99);
    }
    for (const [label, pathname] of lists) {
      const { sql } = await get(pathname);
      const floor = floorDb && sql ? floorOf(floorDb, JSON.parse(decodeURIComponent(sql))) : undefined;
      for (const connections of LEVELS) report(label, connections, await run({ url: `${url}${pathname}`, connections, headers }), floor);
    }
    for (const connections of LEVELS) report('customer view', connections, await run(customerView(url, connections, headers, sample)));
    let created = 0;
    for (const connections of LEVELS) {
      const body = () =>
        JSON.stringify({
          customerNumber: `B-${process.pid}-${created++}`,
          company: `Lasttest ${created} GmbH`,
          email: 'last@test.example',
          address: 'Weg 1',
          postalCode: '12345',
          city: 'Berlin',
          country: 'DE',
        });
      report(
        'create customer',
        connections,
        await run({ url, connections, headers, requests: [{ method: 'POST', path: '/api/v1/customers', setupRequest: (request) => ({ ...request, body: body() }) }] }),
      );
    }
    for (const connections of LEVELS) report('update customer', connections, await run(customerUpdates(url, connections, headers, sample)));
  } finally {
    await stopServer(child);
    floorDb?.close();
  }
}

if (process.env.DISTANCE) await distance(process.env.DISTANCE.split(',').map(Number));
else await main();

// `npm run bench:live`: how long a committed write takes to reach every colleague's socket.
// Starts the app (wrangler dev, local D1, fresh demo data), opens SOCKETS sockets of one reseller,
// sends WRITES customer updates through the API and prints p50/p95/p99 from each write's response
// to the moment the last socket has its event. The floor is a bare echo broadcast through the same
// hub (no D1 write in front), one at a time and with as many in flight as the writes. Figures only;
// nothing here passes or fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { percentile, sessionCookie } from './bench-lib.mjs';
import { applyMigrations, buildClient, freePort, loadDemoData, startServer, stopServer } from './local-db.mjs';

const SOCKETS = Number(process.env.SOCKETS ?? 200);
const WRITES = Number(process.env.WRITES ?? 1000);
const ECHOES = Number(process.env.ECHOES ?? 1000);
/** Writes in flight at once, each on its own customer (no version conflicts). */
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 4);

function summary(label, values) {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (n) => n.toFixed(1).padStart(7);
  console.log(
    `${label.padEnd(44)} n=${String(sorted.length).padStart(5)}  p50 ${f(percentile(sorted, 50))} ms  p95 ${f(percentile(sorted, 95))} ms  p99 ${f(percentile(sorted, 99))} ms  max ${f(sorted.at(-1))} ms`,
  );
}

/** Opens one socket; `onMessage` sees every parsed message with its arrival time. */
function openSocket(url, cookie, onMessage) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/api/v1/live`, { headers: { cookie, origin: url } });
    socket.on('message', (data) => {
      const at = performance.now();
      const message = JSON.parse(String(data));
      if (message.type === 'hello') resolve(socket);
      onMessage(message, at);
    });
    socket.once('error', reject);
  });
}

const persistTo = mkdtempSync(path.join(tmpdir(), 'desk-bench-'));
console.log(`bench:live — ${SOCKETS} sockets of one reseller, ${WRITES} writes, ${ECHOES} echoes (${new Date().toISOString()})`);
buildClient();
applyMigrations(persistTo);
loadDemoData(persistTo);
const port = await freePort();
const { child, url } = await startServer({ port, persistTo, stdio: 'ignore', vars: { BENCH_ECHO: '1' }, engine: 'no-inspector' });

try {
  const cookie = await sessionCookie(url, 'inhaber@alpen-it.example');
  // Per awaited key (event "entityId@version" or echo id): how many sockets still miss it, and when the last arrived.
  const waiting = new Map();
  const expect = (key) => {
    let entry = waiting.get(key);
    if (!entry) {
      entry = { missing: SOCKETS, lastAt: 0, done: undefined };
      waiting.set(key, entry);
    }
    entry.finished = new Promise((resolve) => {
      entry.done = resolve;
    });
    if (entry.missing === 0) entry.done();
    return entry;
  };
  const arrived = (key, at) => {
    let entry = waiting.get(key);
    if (!entry) {
      entry = { missing: SOCKETS, lastAt: 0, done: undefined };
      waiting.set(key, entry);
    }
    entry.missing -= 1;
    entry.lastAt = Math.max(entry.lastAt, at);
    if (entry.missing === 0) entry.done?.();
  };
  const onMessage = (message, at) => {
    if (message.type === 'event') arrived(`${message.event.entityId}@${message.event.version}`, at);
    else if (message.type === 'echo') arrived(message.id, at);
  };

  const sockets = [];
  const openStart = performance.now();
  // A few at a time, as tabs open over a morning rather than in one instant.
  for (let start = 0; start < SOCKETS; start += 20) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(20, SOCKETS - start) }, () => openSocket(url, cookie, onMessage)))));
  }
  console.log(`opened ${sockets.length} sockets in ${((performance.now() - openStart) / 1000).toFixed(1)} s`);
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // let the presence broadcasts of the openings settle

  // Floor: one socket asks the hub to echo; time until all sockets have it.
  const floor = [];
  for (let index = 0; index < ECHOES; index++) {
    const id = `echo-${index}`;
    const entry = expect(id);
    const sentAt = performance.now();
    sockets[index % sockets.length].send(JSON.stringify({ type: 'echo', id }));
    await entry.finished;
    floor.push(entry.lastAt - sentAt);
  }

  // The same floor with as many echoes in flight as writes below: the broadcasts then overlap on the
  // hub and in this client as the writes' do, so this is the floor the writes are held against.
  const loadedFloor = [];
  let echoed = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (echoed < ECHOES) {
        const id = `echo-loaded-${echoed++}`;
        const entry = expect(id);
        const sentAt = performance.now();
        sockets[(echoed * 7 + worker) % sockets.length].send(JSON.stringify({ type: 'echo', id }));
        await entry.finished;
        loadedFloor.push(entry.lastAt - sentAt);
      }
    }),
  );

  // Writes: CONCURRENCY workers, each updating its own customer's city over and over.
  const listing = await (await fetch(`${url}/api/v1/customers?sort=customerNumber&dir=desc&limit=${CONCURRENCY}`, { headers: { cookie } })).json();
  const fromResponse = [];
  const fromRequest = [];
  const responseTimes = [];
  let issued = 0;
  const cities = ['Augsburg', 'Rosenheim', 'Freising', 'Landshut'];
  const writeStart = performance.now();
  await Promise.all(
    listing.items.map(async (customer) => {
      let version = customer.version;
      while (issued < WRITES) {
        const index = issued++;
        const entry = expect(`${customer.id}@${version + 1}`);
        const sentAt = performance.now();
        const response = await fetch(`${url}/api/v1/customers/${customer.id}`, {
          method: 'PATCH',
          headers: { cookie, origin: url, 'content-type': 'application/json' },
          body: JSON.stringify({ version, city: `${cities[index % cities.length]} ${index}` }),
        });
        const answeredAt = performance.now();
        if (!response.ok) throw new Error(`write ${index} failed: ${response.status} ${await response.text()}`);
        version = (await response.json()).customer.version;
        await entry.finished;
        responseTimes.push(answeredAt - sentAt);
        // The event may reach the sockets before the HTTP answer is read: that counts as 0.
        fromResponse.push(Math.max(0, entry.lastAt - answeredAt));
        fromRequest.push(entry.lastAt - sentAt);
      }
    }),
  );
  const seconds = (performance.now() - writeStart) / 1000;

  console.log('');
  summary('floor: echo through the hub to all sockets', floor);
  summary(`floor: the same, ${CONCURRENCY} echoes in flight`, loadedFloor);
  summary('write: API response time', responseTimes);
  summary('write: response → last socket has the event', fromResponse);
  summary('write: request sent → last socket has event', fromRequest);
  console.log(`${WRITES} writes in ${seconds.toFixed(1)} s (${(WRITES / seconds).toFixed(0)} writes/s with ${CONCURRENCY} in flight); ${SOCKETS * WRITES} event deliveries`);
  for (const socket of sockets) socket.close();
} finally {
  await stopServer(child);
  rmSync(persistTo, { recursive: true, force: true });
}

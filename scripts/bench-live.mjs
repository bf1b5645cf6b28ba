// `npm run bench:live`: how long a committed write takes to reach every colleague's socket.
// Starts the app (wrangler dev, local D1, fresh demo data), opens SOCKETS sockets of one reseller,
// sends WRITES customer updates through the API as fast as it answers (CONCURRENCY in flight), then
// PACED_WRITES started at RATE per second, and prints p50/p95/p99 from each write's request and
// response to the moment the last socket has its event. The floor is a bare echo broadcast through the same
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
/** The paced run: writes started at RATE per second, open loop, over PACED_CUSTOMERS customers. */
const RATE = Number(process.env.RATE ?? 10);
const PACED_WRITES = Number(process.env.PACED_WRITES ?? 600);
const PACED_CUSTOMERS = 20;

function summary(label, values) {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (n) => n.toFixed(1).padStart(7);
  console.log(
    `${label.padEnd(44)} n=${String(sorted.length).padStart(5)}  p50 ${f(percentile(sorted, 50))} ms  p95 ${f(percentile(sorted, 95))} ms  p99 ${f(percentile(sorted, 99))} ms  max ${f(sorted.at(-1))} ms`,
  );
}

/**
 * An event carries the whole changed row; each colleague's browser parses its own, but here one
 * process receives all 200 copies, so only the event's key (`"entityId":…,"version":…`, the
 * live event's first fields) is taken from it and everything else is parsed as JSON.
 */
const EVENT_KEY = /^\{"type":"event","seq":\d+,"event":\{"kind":"[^"]*","entityId":"([^"]+)","version":(\d+)/;
function messageOf(text) {
  const key = EVENT_KEY.exec(text);
  return key ? { type: 'event', event: { entityId: key[1], version: Number(key[2]) } } : JSON.parse(text);
}

/** Opens one socket; `onMessage` sees every parsed message with its arrival time. */
function openSocket(url, cookie, onMessage) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/api/v1/live`, { headers: { cookie, origin: url } });
    socket.on('message', (data) => {
      const at = performance.now();
      const message = messageOf(String(data));
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

  // Writes: each updates one customer's city and waits until every socket has its event.
  const cities = ['Augsburg', 'Rosenheim', 'Freising', 'Landshut'];
  const listing = await (await fetch(`${url}/api/v1/customers?sort=customerNumber&dir=desc&limit=${Math.max(CONCURRENCY, PACED_CUSTOMERS)}`, { headers: { cookie } })).json();
  const targets = listing.items.map((customer) => ({ id: customer.id, version: customer.version, busy: Promise.resolve() }));
  const timings = () => ({ response: [], fromResponse: [], fromRequest: [] });
  async function updateCity(target, index, into) {
    const entry = expect(`${target.id}@${target.version + 1}`);
    const sentAt = performance.now();
    const response = await fetch(`${url}/api/v1/customers/${target.id}`, {
      method: 'PATCH',
      headers: { cookie, origin: url, 'content-type': 'application/json' },
      body: JSON.stringify({ version: target.version, city: `${cities[index % cities.length]} ${index}` }),
    });
    const answeredAt = performance.now();
    if (!response.ok) throw new Error(`write ${index} failed: ${response.status} ${await response.text()}`);
    target.version = (await response.json()).customer.version;
    await entry.finished;
    into.response.push(answeredAt - sentAt);
    // The event may reach the sockets before the HTTP answer is read: that counts as 0.
    into.fromResponse.push(Math.max(0, entry.lastAt - answeredAt));
    into.fromRequest.push(entry.lastAt - sentAt);
  }

  // Closed loop: CONCURRENCY workers, each on its own customer, as fast as the machine answers.
  const loaded = timings();
  let issued = 0;
  const writeStart = performance.now();
  await Promise.all(
    targets.slice(0, CONCURRENCY).map(async (target) => {
      while (issued < WRITES) await updateCity(target, issued++, loaded);
    }),
  );
  const seconds = (performance.now() - writeStart) / 1000;

  // Paced: writes start at a fixed rate whatever the answers do (as colleagues' clicks arrive),
  // spread over PACED_CUSTOMERS customers; a write waits only for the previous one on its customer.
  const paced = timings();
  const pacedStart = performance.now();
  await Promise.all(
    Array.from({ length: PACED_WRITES }, async (_, index) => {
      await new Promise((resolve) => setTimeout(resolve, (index * 1000) / RATE));
      const target = targets[index % PACED_CUSTOMERS];
      const previous = target.busy;
      target.busy = previous.then(() => updateCity(target, index, paced));
      await target.busy;
    }),
  );
  const pacedSeconds = (performance.now() - pacedStart) / 1000;

  console.log('');
  summary('floor: echo through the hub to all sockets', floor);
  summary(`floor: the same, ${CONCURRENCY} echoes in flight`, loadedFloor);
  console.log(`${WRITES} writes, ${CONCURRENCY} in flight: ${(WRITES / seconds).toFixed(0)} writes/s (as fast as this machine answers)`);
  summary('write: API response time', loaded.response);
  summary('write: response → last socket has the event', loaded.fromResponse);
  summary('write: request sent → last socket has event', loaded.fromRequest);
  console.log(`${PACED_WRITES} writes started at ${RATE}/s over ${PACED_CUSTOMERS} customers (${(PACED_WRITES / pacedSeconds).toFixed(0)} writes/s done)`);
  summary('paced: API response time', paced.response);
  summary('paced: response → last socket has the event', paced.fromResponse);
  summary('paced: request sent → last socket has event', paced.fromRequest);
  console.log(`${SOCKETS * (WRITES + PACED_WRITES)} event deliveries`);
  for (const socket of sockets) socket.close();
} finally {
  await stopServer(child);
  rmSync(persistTo, { recursive: true, force: true });
}

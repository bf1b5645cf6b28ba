// Where the Worker spends its CPU while the list is under load: connects to the running app's
// inspector (`npm start` → wrangler dev; INSPECTOR defaults to 9229), samples for DURATION seconds
// while autocannon requests PATHNAME as the demo owner, and prints the functions with the most self time.
//   INSPECTOR=9229 PATHNAME='/api/v1/customers?limit=50' node scripts/profile-worker.mjs
import autocannon from 'autocannon';
import WebSocket from 'ws';
import { sessionCookie } from './bench-lib.mjs';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:8787';
const pathname = process.env.PATHNAME ?? '/api/v1/customers?limit=50';
const duration = Number(process.env.DURATION ?? 5);
const inspector = new WebSocket(`ws://127.0.0.1:${process.env.INSPECTOR ?? 9229}/ws`);
await new Promise((resolve, reject) => inspector.once('open', resolve).once('error', reject));
let lastId = 0;
const waiting = new Map();
inspector.on('message', (data) => {
  const message = JSON.parse(data);
  waiting.get(message.id)?.(message);
  waiting.delete(message.id);
});
const call = (method, params = {}) =>
  new Promise((resolve) => {
    waiting.set(++lastId, resolve);
    inspector.send(JSON.stringify({ id: lastId, method, params }));
  });

await call('Profiler.enable');
await call('Profiler.setSamplingInterval', { interval: 200 });
const cookie = await sessionCookie(base, process.env.EMAIL ?? 'inhaber@alpen-it.example');
await call('Profiler.start');
const load = await autocannon({ url: `${base}${pathname}`, headers: { cookie }, connections: 4, duration });
const { profile } = (await call('Profiler.stop')).result;
inspector.close();

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTime = new Map();
for (const sample of profile.samples) {
  const { functionName, url, lineNumber } = nodes.get(sample).callFrame;
  const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-1)[0]}:${lineNumber + 1}`;
  selfTime.set(key, (selfTime.get(key) ?? 0) + 1);
}
console.log(`${pathname}: ${Math.round(load.requests.average)} req/s, p50 ${load.latency.p50} ms at 4 connections; ${profile.samples.length} samples`);
for (const [key, samples] of [...selfTime].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`${((100 * samples) / profile.samples.length).toFixed(1).padStart(5)} %  ${key}`);
}

// The app in wrangler's local mode (workerd, local D1 and Durable Objects) through wrangler's
// startWorker API, without the DevTools inspector `wrangler dev` always attaches (see startServer).
// Arguments: port, persist directory ('' for wrangler's default), vars as JSON. Used by the benchmarks.
import path from 'node:path';
import { unstable_startWorker } from 'wrangler';

const [port, persistTo, varsJson = '{}'] = process.argv.slice(2);
const vars = JSON.parse(varsJson);
const worker = await unstable_startWorker({
  config: path.resolve(import.meta.dirname, '..', 'wrangler.toml'),
  bindings: Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, { type: 'plain_text', value: String(value) }])),
  dev: {
    server: { hostname: '127.0.0.1', port: Number(port) },
    inspector: false,
    watch: false,
    logLevel: 'warn',
    ...(persistTo ? { persist: persistTo } : {}),
  },
});
await worker.ready;
const stop = async () => {
  await worker.dispose();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

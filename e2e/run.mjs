// `npm run test:e2e`: build the client, start the app on a free port with a fresh local database
// (migrations + demo data), run the browser tests in Debian's Chromium, then stop everything.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyMigrations, buildClient, freePort, loadDemoData, root, startServer, stopServer } from '../scripts/local-db.mjs';

const artifacts = path.join(root, 'e2e', 'artifacts');
mkdirSync(artifacts, { recursive: true });
const persistTo = mkdtempSync(path.join(tmpdir(), 'desk-e2e-'));
console.log('e2e: building the client and preparing a fresh local database …');
buildClient();
applyMigrations(persistTo);
loadDemoData(persistTo);

const port = await freePort();
const serverLog = path.join(artifacts, 'server.log');
// Jobs pause between chunks long enough that a browser sees one running and can cancel it.
const { child, url } = await startServer({ port, persistTo, stdio: 'pipe', vars: { JOB_CHUNK_PAUSE_MS: '1500' } });
const logStream = createWriteStream(serverLog);
child.stdout?.pipe(logStream);
child.stderr?.pipe(logStream);
console.log(`e2e: app at ${url}`);

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(path.join(root, 'e2e'))
      .filter((file) => file.endsWith('.test.mjs'))
      // In name order, so 00-readme-screenshots pictures the demo data before other tests change it.
      .sort()
      .map((file) => path.join('e2e', file));
let status = 1;
try {
  // One file at a time: the tests share one app and one 2-core machine.
  const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, BASE_URL: url },
  });
  status = result.status ?? 1;
} finally {
  await stopServer(child);
  rmSync(persistTo, { recursive: true, force: true });
}
if (status !== 0) console.error(`e2e: failed; the server log is in ${path.relative(root, serverLog)}, screenshots in e2e/artifacts/`);
process.exit(status);

// `npm run bench:client`: how fast the customer list is usable for the 50,000-customer reseller of
// `npm run bench:seed`, in headless Chromium (Debian's) on this machine: from navigation start to
// the first rows of the interactive list, cold (empty cache) and warm, plus the JavaScript shipped.
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { percentile } from './bench-lib.mjs';
import { BENCH_OWNER, BENCH_STATE } from './bench-seed.mjs';
import { DEMO_PASSWORD } from './demo-data.mjs';
import { buildClient, freePort, startServer, stopServer } from './local-db.mjs';

const RUNS = Number(process.env.RUNS ?? 10);

buildClient();
const port = await freePort();
const { child, url } = await startServer({ port, persistTo: BENCH_STATE, stdio: 'ignore', engine: 'no-inspector' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const context = await browser.newContext({ baseURL: url, locale: 'de-DE', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel(/E-Mail/i).fill(BENCH_OWNER(0));
  await page.getByLabel(/Passwort/i).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /Anmelden/i }).click();
  await page.getByTestId('customer-list').waitFor();

  const measure = async (cold) => {
    if (cold) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.clearBrowserCache');
      await cdp.detach();
    }
    let jsBytes = 0;
    const onResponse = async (response) => {
      if (response.request().resourceType() !== 'script') return;
      jsBytes += Number(response.headers()['content-length'] ?? (await response.body().catch(() => Buffer.alloc(0))).length);
    };
    page.on('response', onResponse);
    const start = performance.now();
    await page.goto('/customers?sort=name', { waitUntil: 'commit' });
    await page.getByTestId('customer-list').locator('tbody tr').nth(9).waitFor();
    const elapsed = performance.now() - start;
    page.off('response', onResponse);
    // Interactive: the search box takes input and the row links are there.
    await page.getByRole('searchbox').fill('');
    return { elapsed, jsBytes };
  };

  for (const cold of [true, false]) {
    const times = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      const { elapsed, jsBytes } = await measure(cold);
      times.push(elapsed);
      bytes = Math.max(bytes, jsBytes);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${cold ? 'cold' : 'warm'} navigation → 10 rows of the list (50,000 customers, sorted by name): p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms over ${RUNS} runs; JS transferred ${(bytes / 1024).toFixed(1)} kB`,
    );
  }
} finally {
  await browser.close();
  await stopServer(child);
}

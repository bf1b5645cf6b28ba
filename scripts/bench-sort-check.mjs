// `npm run bench:sort-check`: the list of the 50,000-customer reseller of `npm run bench:seed`, read
// through the API as the browser pages it: every page sorted by name, contact and city in both
// directions is checked against Intl.Collator('de') (any two neighbours out of order fail), and a
// sample of its customers (every 500th) is searched by displayed name, city + name, e-mail and number.
// Exits non-zero on the first inversion or miss; prints what it read. Figures only, no timing bars.
import { performance } from 'node:perf_hooks';
import { contactSortText, customerDisplayName } from '../schema/customerName.js';
import { sessionCookie } from './bench-lib.mjs';
import { BENCH_OWNER, BENCH_STATE } from './bench-seed.mjs';
import { applyMigrations, freePort, startServer, stopServer } from './local-db.mjs';

const collator = new Intl.Collator('de');
const shown = { name: customerDisplayName, contact: contactSortText, city: (customer) => customer.city };

async function readAll(url, cookie, query) {
  const rows = [];
  let cursor = null;
  let pages = 0;
  do {
    const response = await fetch(`${url}/api/v1/customers?${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`${query}: ${response.status} ${await response.text()}`);
    const page = await response.json();
    rows.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  return { rows, pages };
}

async function main() {
  applyMigrations(BENCH_STATE);
  const port = await freePort();
  const { child, url } = await startServer({ port, persistTo: BENCH_STATE, stdio: 'ignore', engine: 'no-inspector' });
  let failed = false;
  try {
    const cookie = await sessionCookie(url, BENCH_OWNER(0));
    let byName = [];
    for (const [sort, text] of Object.entries(shown)) {
      for (const dir of ['asc', 'desc']) {
        const started = performance.now();
        const { rows, pages } = await readAll(url, cookie, `sort=${sort}&dir=${dir}`);
        const texts = rows.map(text);
        const inversions = texts
          .slice(1)
          .flatMap((value, index) => (Math.sign(collator.compare(texts[index], value)) === (dir === 'asc' ? 1 : -1) ? [`${texts[index]} | ${value}`] : []));
        console.log(
          `sort=${sort} dir=${dir}: ${rows.length} customers in ${pages} pages (${((performance.now() - started) / 1000).toFixed(1)} s), ${inversions.length} inversions${inversions.length ? `: ${inversions.slice(0, 3).join(' ; ')}` : ''}`,
        );
        if (inversions.length) failed = true;
        if (sort === 'name' && dir === 'asc') byName = rows;
      }
    }
    const sample = byName.filter((_, index) => index % 500 === 0);
    let searches = 0;
    const misses = [];
    for (const customer of sample) {
      const name = customerDisplayName(customer);
      for (const q of [name, `${customer.city} ${name}`, customer.email, customer.customerNumber]) {
        searches++;
        const { rows } = await readAll(url, cookie, `q=${encodeURIComponent(q)}`);
        if (!rows.some((row) => row.id === customer.id)) misses.push(`"${q}" misses ${customer.customerNumber}`);
      }
    }
    console.log(`search: ${searches} searches for ${sample.length} customers, ${misses.length} misses${misses.length ? `: ${misses.slice(0, 5).join(' ; ')}` : ''}`);
    if (misses.length) failed = true;
  } finally {
    await stopServer(child);
  }
  process.exit(failed ? 1 : 0);
}

await main();

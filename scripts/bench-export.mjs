// `npm run bench:export`: time and peak memory of the export code for 1,000 / 10,000 / 50,000
// customers in each format. The Worker's own modules (worker/export/*, the customer columns and their
// German labels) are bundled with esbuild (it comes with vite) and run in Node on generated customers
// that arrive in pages of 1,000, as D1 hands them over. Each measurement is a fresh process with V8's
// heap capped at 128 MB (a Worker isolate's limit) and --expose-gc, baseline taken after a GC:
//  - timing pass, 3 runs, median shown: wall time, CPU time of all the process's threads (zlib works
//    on libuv's pool), heap + external sampled every page and every 5 ms (garbage included);
//  - live pass: a GC before each page's sample, so the figure is what the export really holds.
// The output is consumed as a network response would be (bytes counted, then dropped). Figures only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = (process.env.SIZES ?? '1000,10000,50000').split(',').map(Number);
const FORMATS = ['csv', 'xlsx', 'xls'];

const entry = `
import { customerTable } from ${JSON.stringify(path.join(root, 'worker/customers/exportTable.ts'))};
import { labels } from ${JSON.stringify(path.join(root, 'worker/export/labels.ts'))};
import { csvStream } from ${JSON.stringify(path.join(root, 'worker/export/csv.ts'))};
import { xlsxStream } from ${JSON.stringify(path.join(root, 'worker/export/xlsx.ts'))};
import { xlsFile } from ${JSON.stringify(path.join(root, 'worker/export/xls.ts'))};
export { customerTable, labels, csvStream, xlsxStream, xlsFile };
`;

async function child(format, size, live) {
  const exportCode = await import(process.env.BENCH_BUNDLE);
  const definitions = [
    { id: 'f1', label: 'Vertragsende', type: 'date', archived: false },
    { id: 'f2', label: 'Lizenzen', type: 'number', archived: false },
    { id: 'f3', label: 'Branche', type: 'choice', archived: false },
  ];
  const cities = ['München', 'Wien', 'Zürich', 'Köln', 'Graz', 'Düsseldorf'];
  const sample = () => {
    const { heapUsed, external } = process.memoryUsage();
    peak = Math.max(peak, heapUsed + external);
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  };
  // Pages are made on demand, like D1 pages: the source never holds more than one page.
  async function* pages() {
    for (let start = 0; start < size; start += 1000) {
      const page = [];
      for (let index = start; index < Math.min(size, start + 1000); index += 1) {
        page.push({
          id: `cus_${index}`,
          customerNumber: String(10001 + index),
          company: `Bäckerei Müller ${index} GmbH`,
          contactFirstName: 'Jörg',
          contactLastName: `Weiß-${index}`,
          email: `info${index}@baeckerei-mueller.example`,
          phone: `+49 89 ${100000 + index}`,
          mobile: '',
          website: `https://www.mueller-${index}.example`,
          address: `Hauptstraße ${index % 200}`,
          postalCode: String(80000 + (index % 999)),
          city: cities[index % cities.length],
          state: 'Bayern',
          country: index % 3 ? 'DE' : 'AT',
          primaryDomain: `mueller-${index}.example`,
          relationshipState: 'active',
          grantedRights: [],
          rightsToReview: false,
          indirectProvider: null,
          monthlyRevenueCents: (index * 1379) % 500000,
          productCount: index % 17,
          customFields: { f1: '2027-03-31', f2: index % 50, f3: 'Handwerk' },
          tags: [
            { id: 't1', name: 'VIP', color: 'purple' },
            { id: 't2', name: 'Microsoft 365', color: 'blue' },
          ],
          version: 3,
          createdAt: '2026-01-02T03:04:05.678Z',
          updatedAt: '2026-11-20T08:30:15.000Z',
        });
      }
      // In the "live" pass a GC runs first, so the sample is what the export really holds, not garbage.
      if (live) globalThis.gc();
      sample();
      yield page;
    }
  }
  globalThis.gc();
  const base = process.memoryUsage();
  let peak = base.heapUsed + base.external;
  let rssPeak = process.memoryUsage.rss();
  const timer = live ? undefined : setInterval(sample, 5);
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const table = exportCode.customerTable({ t: exportCode.labels('de'), locale: 'de', currency: 'EUR', definitions, pages: pages() });
  let bytes = 0;
  if (format === 'xls') {
    const chunks = await exportCode.xlsFile(table);
    sample();
    bytes = chunks.reduce((total, chunk) => total + chunk.length, 0);
  } else {
    const reader = (format === 'csv' ? exportCode.csvStream(table, ';') : exportCode.xlsxStream(table)).getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) bytes += read.value.length;
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  sample();
  clearInterval(timer);
  const mb = (value) => value / 1024 / 1024;
  process.stdout.write(JSON.stringify({ format, size, ms, cpuMs: (cpu.user + cpu.system) / 1000, bytes, peakMb: mb(peak - base.heapUsed - base.external), rssMb: mb(rssPeak) }));
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], Number(process.argv[4]), process.argv[5] === 'live');
} else {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-export-'));
  try {
    writeFileSync(path.join(dir, 'entry.ts'), entry);
    const bundle = path.join(dir, 'export.mjs');
    await build({
      entryPoints: [path.join(dir, 'entry.ts')],
      bundle: true,
      platform: 'neutral',
      format: 'esm',
      outfile: bundle,
      logLevel: 'warning',
      mainFields: ['module', 'main'],
    });
    console.log(`export code bundled; Node ${process.version}; pages of 1,000 rows; 25 columns per customer\n`);
    console.log('format  customers      wall       CPU   live peak   peak heap+ext   peak RSS   file size');
    const measure = (format, size, pass) => {
      const run = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=128', fileURLToPath(import.meta.url), '--child', format, String(size), pass], {
        env: { ...process.env, BENCH_BUNDLE: bundle },
        encoding: 'utf8',
        maxBuffer: 1024 * 1024,
      });
      if (run.status !== 0) throw new Error(`${format} ${size} ${pass}: ${run.stderr.trim().split('\n').at(-1)}`);
      return JSON.parse(run.stdout);
    };
    const mb = (value) => `${value.toFixed(1)} MB`;
    for (const format of FORMATS) {
      for (const size of SIZES) {
        try {
          const runs = [0, 1, 2].map(() => measure(format, size, 'timed'));
          const median = (key) => runs.map((run) => run[key]).sort((a, b) => a - b)[1];
          const timed = { ...runs[0], ms: median('ms'), cpuMs: median('cpuMs'), peakMb: median('peakMb'), rssMb: median('rssMb') };
          const live = measure(format, size, 'live');
          console.log(
            [
              format.padEnd(6),
              size.toLocaleString('en-US').padStart(9),
              `${(timed.ms / 1000).toFixed(2)} s`.padStart(8),
              `${(timed.cpuMs / 1000).toFixed(2)} s`.padStart(8),
              mb(live.peakMb).padStart(10),
              mb(timed.peakMb).padStart(14),
              `${timed.rssMb.toFixed(0)} MB`.padStart(9),
              mb(timed.bytes / 1024 / 1024).padStart(10),
            ].join('  '),
          );
        } catch (error) {
          console.log(`${format.padEnd(6)}  ${size.toLocaleString('en-US').padStart(9)}  failed: ${error.message}`);
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npm run bench`: every benchmark in one go (seeding first when .bench/state is missing or
// BENCH_FRESH=1), printing as it goes, and the raw figures written into docs/benchmarks.md below
// its marker line; the explanations above the marker are kept as they are.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BENCH_STATE } from './bench-seed.mjs';
import { root } from './local-db.mjs';

const MARKER = '<!-- bench:figures — everything below is written by `npm run bench` -->';
const steps = [
  ['bench:seed', 'scripts/bench-seed.mjs', !existsSync(BENCH_STATE) || process.env.BENCH_FRESH === '1'],
  ['bench:api', 'scripts/bench-api.mjs', true],
  ['bench:client', 'scripts/bench-client.mjs', true],
  ['bench:live', 'scripts/bench-live.mjs', true],
  ['bench:export', 'scripts/bench-export.mjs', existsSync(path.join(root, 'scripts', 'bench-export.mjs'))],
];

const sections = [];
for (const [name, script, wanted] of steps) {
  if (!wanted) continue;
  console.log(`\n=== npm run ${name}`);
  const result = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(result.stdout);
  sections.push(`### \`npm run ${name}\`${result.status === 0 ? '' : ` (exit ${result.status})`}\n\n\`\`\`\n${result.stdout.trim()}\n\`\`\`\n`);
}

const file = path.join(root, 'docs', 'benchmarks.md');
const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
const prose = current.includes(MARKER) ? current.slice(0, current.indexOf(MARKER)) : `${current.trimEnd()}\n\n`;
writeFileSync(file, `${prose}${MARKER}\n\n## Last full run: ${new Date().toISOString()}\n\n${sections.join('\n')}`);
console.log(`\nwrote ${path.relative(root, file)}`);

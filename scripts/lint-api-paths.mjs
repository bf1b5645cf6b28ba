#!/usr/bin/env node
// The client reaches the API only through client/api/: one named function per endpoint, typed from the
// shared schemas. Outside that folder no file may name an API path, call fetch() itself, or import the
// transport module (whose generic get/post would let a page build its own URLs).
// `node scripts/lint-api-paths.mjs [folder]` checks client/ (or the folder given); exit code 1 on a finding.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(process.argv[2] ?? fileURLToPath(new URL('../client', import.meta.url)));
const apiFolder = path.join(root, 'api');

const rules = [
  { pattern: /\/api\/v1\b/, why: 'names an API path; add or use a function in client/api/' },
  { pattern: /(?<![\w.])fetch\s*\(/, why: 'calls fetch() itself; requests go through client/api/' },
  { pattern: /from\s+['"][^'"]*\/api\/http['"]/, why: 'imports the transport; import the resource module (or client/api for ApiError and paging)' },
];

function* files(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (full !== apiFolder && entry.name !== 'node_modules') yield* files(full);
    } else yield full;
  }
}

const findings = [];
for (const file of files(root)) {
  const text = readFileSync(file, 'utf8');
  if (text.includes('\u0000')) continue; // a binary file (an image) names no path
  text.split('\n').forEach((line, index) => {
    for (const rule of rules) if (rule.pattern.test(line)) findings.push(`${path.relative(process.cwd(), file)}:${index + 1}: ${rule.why}\n    ${line.trim()}`);
  });
}

if (findings.length > 0) {
  console.error(`lint:api-paths: ${findings.length} finding${findings.length === 1 ? '' : 's'}\n${findings.join('\n')}`);
  process.exit(1);
}
console.log(`lint:api-paths: no API path, fetch() or transport import outside ${path.relative(process.cwd(), apiFolder) || apiFolder}`);

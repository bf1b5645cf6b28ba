// The JavaScript a first visit downloads before anything renders: the entry script index.html names
// and every module it preloads (Vite lists the entry's static imports as modulepreload links).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** The budget for that JavaScript, gzip-compressed; `vite build` fails above it. */
export const INITIAL_JS_LIMIT_BYTES = 80 * 1024;

/** The files and their gzip sizes, from a built client directory (dist/client). */
export function initialJs(outDir) {
  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const sources = new Set();
  for (const tag of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const attributes = tag[0];
    const isEntry = tag[1] === 'script' && /\btype="module"/.test(attributes);
    const isPreload = tag[1] === 'link' && /\brel="modulepreload"/.test(attributes);
    const source = /\b(?:src|href)="([^"]+)"/.exec(attributes)?.[1];
    if ((isEntry || isPreload) && source && !/^[a-z]+:/i.test(source)) sources.add(source);
  }
  const files = [...sources].map((source) => ({ file: source, gzipBytes: gzipSync(readFileSync(path.join(outDir, source.replace(/^\//, '')))).length }));
  return { files, gzipBytes: files.reduce((sum, entry) => sum + entry.gzipBytes, 0) };
}

export function describeInitialJs({ files, gzipBytes }, limit = INITIAL_JS_LIMIT_BYTES) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
  return `initial JS (${files.length} file${files.length === 1 ? '' : 's'}): ${kb(gzipBytes)} gzip of at most ${kb(limit)}`;
}

// `node scripts/initial-js.mjs [dist/client]` checks an existing build.
if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const outDir = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..', 'dist', 'client'));
  const result = initialJs(outDir);
  for (const { file, gzipBytes } of result.files) console.log(`  ${file}  ${(gzipBytes / 1024).toFixed(1)} kB gzip`);
  console.log(describeInitialJs(result));
  if (result.gzipBytes > INITIAL_JS_LIMIT_BYTES) process.exit(1);
}

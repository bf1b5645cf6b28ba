// The Workers test pool refuses to start while wrangler.toml's [assets] directory is missing.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '..', 'dist', 'client');
if (!existsSync(path.join(dir, 'index.html'))) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>not built</title>\n');
}

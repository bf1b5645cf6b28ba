// `npm run db:migrate` applies migrations locally; `npm run db:reset` recreates the local database with demo data.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { applyMigrations, loadDemoData, localStateDir } from './local-db.mjs';

const command = process.argv[2];
if (command === 'migrate') {
  applyMigrations();
  console.log('Local D1 migrations applied.');
} else if (command === 'reset') {
  rmSync(path.join(localStateDir(), 'v3', 'd1'), { recursive: true, force: true });
  applyMigrations();
  loadDemoData();
  console.log('Local database recreated with demo data.');
} else {
  console.error('usage: node scripts/db.mjs migrate|reset');
  process.exit(2);
}

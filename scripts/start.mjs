// `npm start`: build the client, migrate the local D1, load demo data into an empty database, serve.
import { buildClient, prepareDatabase, startServer } from './local-db.mjs';

const port = Number(process.env.PORT ?? 8787);
console.log('Building the client …');
buildClient();
console.log('Applying D1 migrations locally …');
const demo = prepareDatabase();
const notes = {
  loaded: 'Demo data loaded into the empty database.',
  kept: 'Database already has data; demo data left as it is.',
  outdated:
    'WARNING: this local database holds demo data from an older version (no search index entries, no product catalog or\n' +
    'open relationships without their invitation). Run `npm run db:reset` to load the current demo data (this deletes the local database).',
};
console.log(notes[demo]);
const { child, url } = await startServer({ port });
console.log(`\nThe reseller customer desk runs at ${url}\nSign in as inhaber@alpen-it.example with the password Kundendesk-2026 (see README). Ctrl+C stops it.\n`);
const stop = () => child.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));

// The worker's layers, checked by `npm run lint` (depcruise). Read top-down, each may import only
// from the layers below it, types included:
//   worker/index.ts → worker/routes/ → feature modules (worker/<feature>/ and the helpers validate.ts,
//   pagination.ts, resellerPlan.ts, bench.ts) → the write path and its base (write.ts, db.ts, d1Retries.ts,
//   live.ts, env.ts, errors.ts, hubRpc.ts) → schema/.
// The client is its own program: worker/ and schema/ import nothing from it.
const base = '^worker/(write|db|d1Retries|live|env|errors|hubRpc)[.]ts$';
const routeHelpers = '^worker/(validate|pagination|resellerPlan|bench)[.]ts$';
const features = `^worker/[^/]+/|${routeHelpers}`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle (type imports count) means no module of it can be read or tested on its own.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'worker-not-client',
      severity: 'error',
      comment: 'The Worker and the shared schemas import nothing from the client; what both need lives in schema/.',
      from: { path: '^(worker|schema)/' },
      to: { path: '^client/' },
    },
    {
      name: 'schema-is-the-bottom',
      severity: 'error',
      comment: 'schema/ is shared by Worker and client, so it imports neither.',
      from: { path: '^schema/' },
      to: { path: '^(worker|client)/' },
    },
    {
      name: 'only-index-mounts-routes',
      severity: 'error',
      comment: 'Routes are the top layer below index.ts: only index.ts and other routes import them.',
      from: { path: '^worker/', pathNot: '^worker/(index[.]ts|routes/)' },
      to: { path: '^worker/(index[.]ts|routes/)' },
    },
    {
      name: 'routes-not-index',
      severity: 'error',
      comment: 'Nothing imports the entry point.',
      from: { path: '^worker/routes/' },
      to: { path: '^worker/index[.]ts$' },
    },
    {
      name: 'base-not-features',
      severity: 'error',
      comment: 'The write path and its base sit below every feature module: they name features through interfaces (hubRpc.ts), never by import.',
      from: { path: base },
      to: { path: features },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a circle of types still ties the modules together.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // The generated env types name the hub's class for wrangler; the Worker's own Bindings do not use it.
    exclude: { path: '^worker-configuration[.]d[.]ts$' },
  },
};

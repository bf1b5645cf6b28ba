// What distance to the database costs a write: the D1 trips each documented write waits for one after
// another (`x-d1-sequential-trips`), with a staff member's session and with an API token. The
// credential is checked beside the route's own reads, the reads run together, and what the answer shows
// is read back inside the write's batch: two trips (its reads, its batch) unless named below.
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from './apiScenarios';
import { type ApiWorld, openWorld } from './apiWorld';
import { documented, keyOf } from './operations';
import { methodOf } from './security/harness';

/** Writes that wait longer, and why. */
const longer: Record<string, { trips: number; why: string }> = {
  'POST /api/v1/public/invitations/:token/accept': { trips: 3, why: 'the link, then the customer it names (or a new number), then the batch' },
  'POST /api/v1/jobs/:id/cancel': { trips: 3, why: 'answers the job after its hub ended it (between chunks at once)' },
  'POST /api/v1/customer-imports/:id/run': { trips: 4, why: "the import, its rows, the customers they match, then the job's batch" },
  // Counted, not waited for: the changed rows read for the live event start as the batch ends.
  'POST /api/v1/customers/bulk-tags': { trips: 3, why: "the live event's read of the changed rows starts before the answer leaves" },
};

const writes = documented.filter((operation) => operation.method !== 'get');

describe('D1 trips a write waits for', () => {
  let world: ApiWorld;
  let cookie: string;
  const figures: string[] = [];

  beforeAll(async () => {
    world = await openWorld();
    cookie = await world.signIn();
    // The first request of a credential in an isolate looks it up before anything else; later ones check it beside.
    await world.send('GET', { path: '/api/v1/session', auth: { cookie } });
    await world.send('GET', { path: '/api/v1/customers?limit=1' });
  }, 120_000);

  for (const credential of ['session', 'token'] as const) {
    for (const operation of writes) {
      const key = keyOf(operation);
      it(`${key} with a ${credential}`, async () => {
        const scenario = await scenarios[key]!(world);
        // Scenarios that bring their own credential (public pages, sign-in) are measured as they are.
        const call = credential === 'session' && scenario.auth === undefined ? { ...scenario, auth: { cookie } } : scenario;
        const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
        // A browser or an integration says how long its body is; the Worker keeps a copy to run it again only then.
        const headers = { ...call.headers, ...(body === undefined ? {} : { 'content-length': String(new TextEncoder().encode(body).length) }) };
        const answer = await world.send(methodOf(operation), { ...call, headers });
        answer.socket?.close();
        expect(answer.status, `${key}: ${answer.text.slice(0, 200)}`).toBeLessThan(300);
        const waited = Number(answer.headers.get('x-d1-sequential-trips'));
        figures.push(`${waited} of ${answer.headers.get('x-d1-round-trips')}  ${key} (${credential})`);
        expect(waited, `${key}: ${longer[key]?.why ?? 'its reads, then its batch'}`).toBeLessThanOrEqual(longer[key]?.trips ?? 2);
      });
    }
  }

  it('prints the figures', () => {
    console.log(`waited of all trips per write:\n${figures.sort().join('\n')}`);
    expect(figures.length).toBe(writes.length * 2);
  });
});

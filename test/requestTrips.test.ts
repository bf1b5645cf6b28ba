// What distance to the database costs: the D1 trips each documented operation waits for one after
// another (`x-d1-sequential-trips`), with a staff member's session and with an API token. The
// credential is checked beside the route's own reads (a write carries it as a guard of its batch), the
// reads run together, and what the answer shows is read back inside the write's batch: a read waits
// for one trip, and so does a write (its batch alone), unless named below.
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from './apiScenarios';
import { type ApiWorld, openWorld } from './apiWorld';
import { documented, keyOf } from './operations';
import { methodOf } from './security/harness';

/** Operations that wait longer, and why. */
const longer: Record<string, { trips: number; why: string }> = {
  // Files: the rows are counted (the .xls limit, the audit), the audit row written, then the pages streamed.
  'GET /api/v1/customers/export': { trips: 3, why: 'count, audit row, then the pages' },
  'GET /api/v1/audit/export': { trips: 3, why: 'count, audit row, then the pages' },
  'GET /api/v1/jobs/:id/file': { trips: 3, why: 'the job, the audit row, then the kept rows' },
  'GET /api/v1/customers/:customerId/orders/export': { trips: 4, why: 'the customer and the statuses, count, audit row, then the pages' },
  'GET /api/v1/customers/duplicates': { trips: 2, why: 'the groups of every reason, then their members' },
  'GET /api/v1/customer-imports/:id/dry-run': { trips: 4, why: 'the import, its rows, the customers they match, their duplicate hints' },
  // Writes that read first, and why.
  'POST /api/v1/staff': {
    trips: 2,
    why: "the address's accounts at other resellers first: the new account shares their salt (one derivation at sign-in), and reading it always tells nobody whether they exist",
  },
  'POST /api/v1/session': { trips: 2, why: "the address's accounts while the attempt is reserved, then the session's batch (the target: at most 2)" },
};

/** Writes that wait for their batch alone, and why they need no read first. */
const batchAlone: Record<string, string> = {
  'POST /api/v1/customers': 'the custom field definitions this isolate remembers, held to the batch by a guard',
  'POST /api/v1/tags': 'a name taken is caught by the unique index',
  'POST /api/v1/webhooks': 'nothing to read',
  'POST /api/v1/api-tokens': 'nothing to read',
  'PATCH /api/v1/customers/:id': 'planned from the customer as this isolate created it, held to that version by a guard',
  'POST /api/v1/customers/:id/archive': 'planned from the customer as this isolate created it, held to that version by a guard',
  'PATCH /api/v1/assets/:id': 'planned from the licence as its tab showed it, held to that version by a guard',
  'PATCH /api/v1/subscriptions/:id': 'planned from the subscription as its tab showed it; its licence follows in SQL, its seats in use a guard',
  'POST /api/v1/customers/:customerId/domains': "the customer checked by the batch's guard",
  'POST /api/v1/customers/:customerId/users': "the customer checked by the batch's guard",
  'PATCH /api/v1/domains/:id': 'planned from the domain as its insert returned it, held to that version by a guard',
  'PATCH /api/v1/portal-users/:id': 'planned from the portal user as its insert returned it, held to that version by a guard',
  'DELETE /api/v1/domains/:id': 'planned from the domain as remembered, held to it by a guard',
  'PATCH /api/v1/tags/:id': 'planned from the tag as remembered; its customer count read back in the batch',
  'DELETE /api/v1/tags/:id': 'planned from the tag as remembered, held to it by a guard',
  'POST /api/v1/saved-views': 'the name, the tag and the limit are guards of the batch',
  'PATCH /api/v1/saved-views/:id': 'planned from the view as remembered; the name and the tag are guards',
  'DELETE /api/v1/saved-views/:id': 'planned from the view as remembered, held to it by a guard',
  'PUT /api/v1/saved-views/default': 'the view checked by a guard of the batch',
  'POST /api/v1/custom-fields': 'its position drawn inside the insert, the stored row returned by it',
  'PATCH /api/v1/custom-fields/:id': 'planned from the field as remembered, held to it by a guard',
  'POST /api/v1/products': "the reseller's currency taken inside the insert, the stored row returned by it",
  'PATCH /api/v1/products/:id': 'planned from the product as remembered, held to it by a guard',
  'POST /api/v1/invitations': 'planned from the customer and the terms as remembered (the customer view, the invite dialog), held to them by guards',
  'POST /api/v1/invitations/:id/remind': 'the rules are guards of the batch; the invitation is read back at its end',
  'POST /api/v1/invitations/:id/revoke': 'planned from the invitation as remembered; the customer reopened in SQL',
  'POST /api/v1/customers/:id/relationship/remove': 'planned from the customer as its view showed it, held to that version by a guard',
  'POST /api/v1/customers/:id/rights/acknowledge': 'planned from the customer as its view showed it, held to that version by a guard',
  'POST /api/v1/customers/:id/account': "the rights judged on the customer as remembered; the account read beside the audit row's batch",
  'POST /api/v1/customers/duplicates/dismissals': "the customers being the reseller's is a guard; the audit takes their numbers inside the batch",
  'POST /api/v1/customers/bulk/tag': 'the selection is a guard of the start; the tag as the picker showed it, held to it by a guard',
  'POST /api/v1/customers/bulk/untag': 'the selection is a guard of the start; the tag as the picker showed it, held to it by a guard',
  'POST /api/v1/customers/bulk/invite': 'the selection is a guard of the start (the terms, when asked for, as remembered)',
  'POST /api/v1/customers/bulk/archive': 'the selection is a guard of the start',
  'POST /api/v1/customers/bulk/export': 'the selection is a guard of the start',
  'POST /api/v1/orders/:id/status': 'planned from the order and the statuses as the Orders tab showed them; fulfilment made in SQL from the lines',
  'POST /api/v1/customers/bulk-tags': "the tags as the picker showed them, held by guards; the customers being the reseller's a guard",
  'DELETE /api/v1/customers/:id': 'planned from the customer as its view showed it; what hangs on it is a guard, its domains named in the audit from D1',
  'PATCH /api/v1/settings': 'planned from the settings as the form showed them, held to that version and time of change by a guard',
  'PUT /api/v1/order-statuses': 'planned from the statuses as the form showed them, held to their version by a guard',
  'PATCH /api/v1/staff/:id': 'planned from the member as the staff list showed them (no password hash kept), held by a guard',
  'POST /api/v1/customers/merges': 'planned from both customers as the merge dialog showed them, held by guards',
  'POST /api/v1/customers/merges/:id/undo': "the merge record as this isolate's merge returned it; still there, in time and nothing changed are guards",
  'POST /api/v1/customers/:id/undo-delete': "the snapshot as this isolate's delete returned it; still there and in time is a guard",
  'POST /api/v1/public/invitations/:token/accept':
    "planned from the link as the page's open found it (its customer, or the next number); the link, the customer and the page's limit are guards",
  'POST /api/v1/public/invitations/:token/decline': "planned from the link as the page's open found it; the link, its customer and the page's limit are guards",
  'POST /api/v1/jobs/:id/cancel': "the job being the reseller's, open and of a kind the actor may cancel is a guard; the hub ends it after the answer",
  'POST /api/v1/invitations/:id/resend': 'planned from the invitation at the version If-Match names, as remembered, held to it by a guard',
  'POST /api/v1/customer-imports': 'the mapping guessed from the custom fields as remembered (a guard), replaced inside the batch by one remembered for the headers',
  'PUT /api/v1/customer-imports/:id/mapping': 'planned from the import as uploaded or shown and the custom fields as remembered, held to both by guards',
  'POST /api/v1/customer-imports/:id/run':
    'the dry run as this isolate planned it; no customer changed since, the matched ones there and the custom fields the same are guards of the start (the job plans it again before it writes)',
  'POST /api/v1/public/invitations/:token/opened': 'the link found inside the batch (the reseller its audit and outbox rows name too); the invitation read back for the page',
  'DELETE /api/v1/session': 'the session signed in here is remembered with its actor; the batch revokes it',
  'DELETE /api/v1/api-tokens/:id': 'the token still unrevoked is a guard; its audit row takes it from D1 before the change',
  'DELETE /api/v1/webhooks/:id': 'the endpoint still active is a guard; its audit row takes it from D1 before the change',
};

// The live socket is an upgrade: no answer to count on.
const operations = documented.filter((operation) => !operation.path.endsWith('/live'));
const usual = (method: string) =>
  method === 'get' ? { trips: 1, why: 'reads run together, beside the credential check' } : { trips: 1, why: 'a write waits for its batch alone (see batchAlone)' };

describe('D1 trips a request waits for', () => {
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
    for (const operation of operations) {
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
        const allowed = longer[key] ?? (batchAlone[key] ? { trips: 1, why: batchAlone[key] } : usual(operation.method));
        expect(waited, `${key}: ${allowed.why}`).toBeLessThanOrEqual(allowed.trips);
      });
    }
  }

  it('prints the figures', () => {
    console.log(`waited of all trips per operation:\n${figures.sort().join('\n')}`);
    expect(figures.length).toBe(operations.length * 2);
  });
});

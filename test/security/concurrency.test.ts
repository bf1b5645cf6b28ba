// Requests that race: storms of updates, orders, deletes and holdings on one customer; customer and
// order numbers drawn at the same moment; and every write of the API sent twice at once. Whatever
// the interleaving, each accepted change is there with its audit row, each refused one got a 4xx
// and left nothing, and numbers stay unique.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from '../apiScenarios';
import { type Answer, type ApiWorld, type Call, customerInput, openWorld } from '../apiWorld';
import { countRows } from '../fixtures';
import { documented, keyOf } from '../operations';
import { auditRowsAfter, errorCode, expectHardened, figures, lastAuditId, methodOf, seededRandom } from './harness';

const counted = figures('concurrency');
const ROUNDS = 8;

/** Sends the calls at once; every answer must be safe whatever the interleaving. */
async function race(world: ApiWorld, calls: { method: string; call: Call; label: string }[]): Promise<Answer[]> {
  const answers = await Promise.all(calls.map(({ method, call }) => world.send(method, call)));
  answers.forEach((answer, index) => {
    expectHardened(answer, calls[index]!.label);
  });
  counted.add('concurrent requests', calls.length);
  return answers;
}

/** The audit row each kind of request in a storm leaves when it is accepted. */
const auditedAs: Record<string, string> = {
  update: 'customer.updated',
  order: 'order.created',
  delete: 'customer.deleted',
  domain: 'domain.added',
  user: 'portal_user.added',
  tags: 'customer.tags_changed',
};

describe('concurrency', () => {
  let world: ApiWorld;

  beforeAll(async () => {
    world = await openWorld();
  }, 120_000);

  it(`ends ${ROUNDS} seeded storms of updates, orders, holdings and deletes on one customer with every accepted change present and audited`, { timeout: 120_000 }, async () => {
    const random = seededRandom(4711);
    for (let round = 0; round < ROUNDS; round++) {
      const customer = await world.newCustomer();
      const tag = await world.newTag();
      const at = `/api/v1/customers/${customer.id}`;
      const patches = ['phone', 'mobile', 'state'].map((field, index) => ({ field, value: field === 'state' ? `Land ${round}-${index}` : `+49 30 ${round}${index}0000` }));
      const storm = random.sample(
        [
          ...patches.map(({ field, value }) => ({ kind: 'update', method: 'PATCH', call: { path: at, body: { version: customer.version, [field]: value } } })),
          ...[1, 2]
            .slice(0, random.int(3))
            .map(() => ({ kind: 'order', method: 'POST', call: { path: `${at}/orders`, body: { catalog: 'reseller', lines: [{ productId: world.product.id, quantity: 1 }] } } })),
          ...[1, 2].slice(0, 1 + random.int(2)).map(() => ({ kind: 'delete', method: 'DELETE', call: { path: at } })),
          { kind: 'domain', method: 'POST', call: { path: `${at}/domains`, body: { name: `sturm-${round}-${world.unique()}.example` } } },
          ...(random.next() < 0.5
            ? [{ kind: 'user', method: 'POST', call: { path: `${at}/users`, body: { username: `sturm-${world.unique()}`, lastName: 'Wind', email: 'wind@sturm.example' } } }]
            : []),
          { kind: 'tags', method: 'POST', call: { path: '/api/v1/customers/bulk-tags', body: { customerIds: [customer.id], addTagIds: [tag.id] } } },
        ],
        99,
      );
      const audited = await lastAuditId(world.reseller.id);
      const answers = await race(
        world,
        storm.map(({ kind, method, call }) => ({ method, call, label: `storm ${round}: ${kind}` })),
      );
      const outcome = (kind: string) => storm.flatMap((request, index) => (request.kind === kind ? [answers[index]!] : []));
      const accepted = (kind: string) => outcome(kind).filter((answer) => answer.status < 300);
      const deleted = accepted('delete').length === 1;
      const label = `storm ${round} (${storm.map(({ kind }, index) => `${kind} ${answers[index]!.status}`).join(', ')})`;

      // Refusals are the expected ones: a stale version or something in the way is 409; once the customer is gone, 404.
      for (const [index, { kind }] of storm.entries()) {
        const answer = answers[index]!;
        const refusals = kind === 'delete' ? [409, 404] : kind === 'update' ? [409, 404] : [404];
        if (answer.status >= 400) expect(refusals, `${label}: ${kind} refused with ${answer.status} ${errorCode(answer)}`).toContain(answer.status);
        if (answer.status === 404) expect(deleted, `${label}: ${kind} got 404 though the customer was not deleted`).toBe(true);
      }
      expect(accepted('delete').length, label).toBeLessThanOrEqual(1);
      expect(accepted('update').length, `${label}: two updates of one version were both accepted`).toBeLessThanOrEqual(1);
      if (deleted) {
        // An order or a portal user placed first blocks the delete; placed after it, it finds no customer.
        expect([accepted('order').length, accepted('user').length], label).toEqual([0, 0]);
        for (const table of ['customers', 'orders', 'domains', 'portal_users', 'customer_tags', 'customer_search_terms']) {
          expect(await countRows(table, table === 'customers' ? 'id = ?' : 'customer_id = ?', customer.id), `${label}: ${table} left behind`).toBe(0);
        }
      } else {
        const stored = (await world.made('GET', at)).customer;
        for (const answer of accepted('update')) {
          const sent = (storm[answers.indexOf(answer)]!.call as Call).body as Record<string, unknown>;
          const field = Object.keys(sent).find((name) => name !== 'version')!;
          expect(stored[field], `${label}: the accepted update is not in the row`).toBe(sent[field]);
        }
        expect(
          stored.tags.some((held: { id: string }) => held.id === tag.id),
          label,
        ).toBe(accepted('tags').length === 1);
        expect(await countRows('orders', 'customer_id = ?', customer.id), label).toBe(accepted('order').length);
        expect(await countRows('domains', 'customer_id = ?', customer.id), label).toBe(accepted('domain').length);
        expect(await countRows('portal_users', 'customer_id = ?', customer.id), label).toBe(accepted('user').length);
        // The version counts exactly the accepted changes of the row.
        expect(stored.version, label).toBe(customer.version + accepted('update').length + accepted('tags').length);
      }
      // One audit row for each accepted request, none for a refused one.
      const rows = (await auditRowsAfter(world.reseller.id, audited)).filter((row) => row.customerId === customer.id);
      const perAction = (count: (kind: string, action: string) => number) => Object.fromEntries(Object.entries(auditedAs).map(([kind, action]) => [action, count(kind, action)]));
      expect(
        perAction((_kind, action) => rows.filter((row) => row.action === action).length),
        label,
      ).toEqual(perAction((kind) => accepted(kind).length));
      expect(
        rows.filter((row) => !Object.values(auditedAs).includes(row.action)),
        label,
      ).toEqual([]);
      counted.add('storms that ended in the delete', deleted ? 1 : 0);
      counted.add('storm requests accepted', answers.filter((answer) => answer.status < 300).length);
      counted.add('storm requests refused', answers.filter((answer) => answer.status >= 400).length);
    }
    counted.set('storms on one customer', ROUNDS);
  });

  it('gives one customer number to one customer, however many ask for it at once', async () => {
    const number = `GLEICH-${world.unique()}`;
    const answers = await race(
      world,
      Array.from({ length: 8 }, (_, index) => ({
        method: 'POST',
        call: { path: '/api/v1/customers', body: { ...customerInput(), customerNumber: number } },
        label: `create ${index}`,
      })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(answers.filter((answer) => answer.status === 409).every((answer) => errorCode(answer) === 'customer_number_taken')).toBe(true);
    expect(await countRows('customers', 'reseller_id = ? AND customer_number = ?', world.reseller.id, number)).toBe(1);
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'customer.created' AND json_extract(after, '$.customerNumber') = ?", world.reseller.id, number)).toBe(1);
  });

  it('gives one tag name (in any case) to one tag, however many ask for it at once, with the field named', async () => {
    const name = `Eilig ${world.unique()}`;
    const answers = await race(
      world,
      Array.from({ length: 50 }, (_, index) => ({
        method: 'POST',
        call: { path: '/api/v1/tags', body: { name: index % 2 ? name.toUpperCase() : name, color: 'red' } },
        label: `tag ${index}`,
      })),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(new Set(refused.map((answer) => `${answer.status} ${errorCode(answer)} ${JSON.stringify(JSON.parse(answer.text).error.fields)}`))).toEqual(
      new Set(['409 tag_name_taken {"name":"tag_name_taken"}']),
    );
    expect(await countRows('tags', 'reseller_id = ? AND lower(name) = lower(?)', world.reseller.id, name)).toBe(1);
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'tag.created' AND lower(json_extract(after, '$.name')) = lower(?)", world.reseller.id, name)).toBe(1);
  });

  it('gives one Microsoft ID to one customer, however many ask for it at once', async () => {
    const microsoftId = crypto.randomUUID();
    const answers = await race(
      world,
      Array.from({ length: 6 }, (_, index) => ({ method: 'POST', call: { path: '/api/v1/customers', body: { ...customerInput(), microsoftId } }, label: `create ${index}` })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(answers.filter((answer) => answer.status === 409).every((answer) => errorCode(answer) === 'microsoft_id_taken')).toBe(true);
    expect(await countRows('customers', 'reseller_id = ? AND microsoft_id = ?', world.reseller.id, microsoftId)).toBe(1);
  });

  it('numbers customers made by invitations accepted at the same moment one apart, each accepted once', async () => {
    const invitations = await Promise.all(Array.from({ length: 8 }, () => world.newInvitation()));
    const { customerNumber: _number, ...customer } = customerInput();
    const answers = await race(
      world,
      invitations.map(({ token }, index) => ({
        method: 'POST',
        call: {
          path: `/api/v1/public/invitations/${token}/accept`,
          auth: 'none',
          body: { grantedRights: ['delegated_admin'], customer },
          headers: { 'cf-connecting-ip': `10.55.0.${index}` },
        },
        label: `accept ${index}`,
      })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(invitations.map(() => 200));
    const numbers = await env.DB.prepare(
      'SELECT c.customer_number AS number FROM invitations i JOIN customers c ON c.id = i.customer_id WHERE i.id IN (SELECT value FROM json_each(?))',
    )
      .bind(JSON.stringify(invitations.map(({ invitation }) => invitation.id)))
      .all<{ number: string }>();
    expect(new Set(numbers.results.map((row) => row.number)).size).toBe(invitations.length);
  });

  it('gives orders placed at the same moment for several customers distinct, gapless order numbers', async () => {
    const customers = await Promise.all([1, 2, 3].map(() => world.newCustomer()));
    const answers = await race(
      world,
      Array.from({ length: 12 }, (_, index) => ({
        method: 'POST',
        call: { path: `/api/v1/customers/${customers[index % 3]!.id}/orders`, body: { catalog: 'reseller', lines: [{ productId: world.product.id, quantity: 1 + index }] } },
        label: `order ${index}`,
      })),
    );
    const numbers = answers.map((answer) => JSON.parse(answer.text).order.orderNumber as number).sort((x, y) => x - y);
    expect(new Set(numbers).size).toBe(12);
    expect(numbers.at(-1)! - numbers[0]!).toBe(11);
  });
});

/**
 * Every write of the API, the same request twice at once (a double click, a client's retry). Most
 * change one thing: exactly one copy may be accepted. These make a new thing each time instead.
 */
const eachCopyIsNew: Record<string, string> = {
  'POST /api/v1/session': 'a second sign-in is a second session',
  'POST /api/v1/customers/:customerId/orders': 'a second order, with its own number',
  'POST /api/v1/custom-fields': 'field labels need not be unique',
  'POST /api/v1/invitations': 'a second invitation, which supersedes the first',
  'POST /api/v1/api-tokens': 'a second token',
  'POST /api/v1/webhooks': 'a second endpoint',
  'POST /api/v1/customers/bulk-tags': 'tagging is a set operation: the second copy finds the tag there',
  'POST /api/v1/customer-imports': 'a second upload is a second import to look at',
  'POST /api/v1/customers/bulk/tag': 'a second job, which finds the tag there',
  'POST /api/v1/customers/bulk/untag': 'a second job, which reports the customer as no longer tagged',
  'POST /api/v1/customers/bulk/archive': 'a second job, which reports the customer as already archived',
  'POST /api/v1/customers/bulk/invite': "a second job, which reports the customer's invitation as pending",
  'POST /api/v1/customers/bulk/export': 'a second job, with its own file',
  'PUT /api/v1/saved-views/default': 'choosing a default is a plain set: the second copy chooses the same view again',
  'POST /api/v1/customers/:id/account': "every look into the customer's account is recorded",
};
/** Answered as done by both copies, but done (and audited) once. */
const idempotent: Record<string, string> = {
  'DELETE /api/v1/session': 'signing out twice leaves one signed out, once',
  'POST /api/v1/public/invitations/:token/opened': 'the page opened twice at once records the first open once',
  'POST /api/v1/customers/duplicates/dismissals': 'marking the same customers "kein Duplikat" twice at once stores and audits it once',
};

describe('every write sent twice at once', () => {
  let world: ApiWorld;

  beforeAll(async () => {
    world = await openWorld();
  }, 120_000);

  for (const operation of documented.filter((candidate) => candidate.method !== 'get')) {
    const key = keyOf(operation);
    const expectation = eachCopyIsNew[key]
      ? `each copy is accepted (${eachCopyIsNew[key]})`
      : idempotent[key]
        ? `both are answered, the change happens once (${idempotent[key]})`
        : 'one copy is accepted, the other refused';
    it(`${key}: ${expectation}, and the audit log holds exactly what was accepted`, async () => {
      const call = await scenarios[key]!(world);
      const audited = await lastAuditId(world.reseller.id);
      const answers = await race(
        world,
        [1, 2].map((copy) => ({ method: methodOf(operation), call, label: `${key} copy ${copy}` })),
      );
      const accepted = answers.filter((answer) => answer.status < 300).length;
      const rows = await auditRowsAfter(world.reseller.id, audited);
      const statuses = answers.map((answer) => `${answer.status} ${errorCode(answer) ?? ''}`);
      if (eachCopyIsNew[key]) {
        expect(accepted, `${key}: ${statuses}`).toBe(2);
        expect(rows.length, `${key}: an accepted copy has no audit row`).toBeGreaterThanOrEqual(2);
      } else {
        expect(accepted, `${key}: ${statuses}`).toBe(idempotent[key] ? 2 : 1);
        // A second copy that slipped through would audit the same change of the same thing again.
        const changes = rows.map((row) => `${row.action} ${row.entityId}`);
        expect(changes.length, `${key}: the audit log holds a change twice: ${changes}`).toBe(new Set(changes).size);
        expect(changes.length, `${key}: the accepted copy has no audit row`).toBeGreaterThan(0);
      }
      counted.add('writes raced twice');
    });
  }

  it('reports its figures', ({ task }) => {
    counted.report(task);
  });
});

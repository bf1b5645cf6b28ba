// No query per row. Answers carry `x-d1-round-trips` in tests (COUNT_QUERIES=1), so a list
// or view that grew a query per row would show a count that rises with the number of rows.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, createProduct, createReseller, createUser, PASSWORD } from './fixtures';

let client: Client;
let busy: { id: string };
let quiet: { id: string };
let orderId: string;
let ownerEmail: string;

const roundTrips = async (path: string) => {
  const answer = await client.get(path);
  expect(answer.status, path).toBe(200);
  return Number(answer.headers.get('x-d1-round-trips'));
};

beforeAll(async () => {
  const reseller = await createReseller();
  ownerEmail = (await createUser(reseller, 'owner')).email;
  client = await Client.signedIn(ownerEmail);
  const field = (await client.post('/api/v1/custom-fields', { label: 'Branche', type: 'text' })).body.field;
  const tags = await Promise.all(['A', 'B', 'C'].map(async (name) => (await client.post('/api/v1/tags', { name: `Tag ${name}`, color: 'blue' })).body.tag));
  const ids: string[] = [];
  for (let index = 0; index < 40; index += 1) {
    const created = await client.post('/api/v1/customers', {
      customerNumber: `Q-${index}`,
      company: `Firma ${index}`,
      email: `kontakt${index}@firma.example`,
      address: 'Hauptstraße 1',
      postalCode: '80331',
      city: 'München',
      country: 'DE',
      customFields: { [field.id]: `Handel ${index}` },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    ids.push(created.body.customer.id);
  }
  expect((await client.post('/api/v1/customers/bulk-tags', { customerIds: ids, addTagIds: tags.map((tag) => tag.id) })).status).toBe(200);
  [busy, quiet] = [{ id: ids[0]! }, { id: ids[1]! }];
  const product = await createProduct(reseller);
  const yearly = await createProduct(reseller, { name: 'Defender', billing: 'yearly', createsLicence: false, serviceName: 'Defender' });
  for (let index = 0; index < 12; index += 1) {
    const order = (
      await client.post(`/api/v1/customers/${busy.id}/orders`, {
        catalog: 'online_services',
        lines: [
          { productId: product.id, quantity: 2 },
          { productId: yearly.id, quantity: 1 },
        ],
      })
    ).body.order;
    expect((await client.post(`/api/v1/orders/${order.id}/status`, { version: 1, status: 'fulfilled' })).status).toBe(200);
    orderId = order.id;
    await client.post(`/api/v1/customers/${busy.id}/domains`, { name: `firma-${index}.de` });
    await client.post(`/api/v1/customers/${busy.id}/users`, { username: `user${index}`, lastName: `Nutzer ${index}`, email: `user${index}@firma.example` });
  }
  // Setting up 40 customers with orders is slow on a loaded machine; nothing here is timed.
}, 60_000);

describe('D1 round trips per request', () => {
  it('the list needs as many round trips for 40 rows as for 2, with search, tag filter and sort', async () => {
    const tag = (await client.get('/api/v1/tags')).body.items[0].id;
    const views = ['', 'sort=name', `tag=${tag}`, 'q=firma', 'sort=monthlyRevenue&dir=desc'];
    for (const view of views) {
      const few = await roundTrips(`/api/v1/customers?limit=2&${view}`);
      const many = await roundTrips(`/api/v1/customers?limit=40&${view}`);
      console.log(`list ${view || '(default)'}: ${few} / ${many}`);
      expect(many, view).toBe(few);
      // Session and the page (count and rows in one batch); a tag filter also checks the tag.
      expect(few, view).toBeLessThanOrEqual(3);
    }
  });

  it('the customer view and its tabs need the same round trips for a customer with 24 subscriptions as for one with none', async () => {
    const paths = (id: string) => [
      `/api/v1/customers/${id}`,
      ...['orders', 'subscriptions', 'assets', 'services', 'domains', 'users'].map((tab) => `/api/v1/customers/${id}/${tab}`),
    ];
    const busyPaths = paths(busy.id);
    const quietPaths = paths(quiet.id);
    for (const [index, path] of busyPaths.entries()) {
      const full = await roundTrips(path);
      const empty = await roundTrips(quietPaths[index]!);
      console.log(`${path.replace(busy.id, ':id')}: ${empty} / ${full}`);
      expect(full, path).toBe(empty);
      expect(full, path).toBeLessThanOrEqual(3);
    }
    const orderPage = await roundTrips(`/api/v1/orders/${orderId}`);
    console.log(`order page: ${orderPage}`);
    expect(orderPage).toBeLessThanOrEqual(4);
  });
});

describe('the list total without filters', () => {
  it('is kept by triggers through creates, deletes and removed relationships, and matches a real count', async () => {
    const reseller = await createReseller();
    const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
    const total = async () => (await owner.get('/api/v1/customers?limit=1')).body.total;
    const counted = async () =>
      (await env.DB.prepare("SELECT count(*) AS n FROM customers WHERE reseller_id = ? AND relationship_state <> 'removed'").bind(reseller.id).first<{ n: number }>())!.n;
    expect(await total()).toBe(0);
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const created = await owner.post('/api/v1/customers', {
        customerNumber: `T-${index}`,
        company: `Zähl ${index}`,
        email: `z${index}@zaehl.example`,
        address: 'Weg 1',
        postalCode: '80331',
        city: 'München',
        country: 'DE',
      });
      ids.push(created.body.customer.id);
    }
    expect([await total(), await counted()]).toEqual([3, 3]);
    await env.DB.prepare("UPDATE customers SET relationship_state = 'removed' WHERE id = ?").bind(ids[0]).run();
    expect([await total(), await counted()]).toEqual([2, 2]);
    expect((await owner.delete(`/api/v1/customers/${ids[1]}`)).status).toBe(204);
    expect([await total(), await counted()]).toEqual([1, 1]);
    // Filtered views still count their rows; the removed one is there when asked for.
    expect((await owner.get('/api/v1/customers?state=removed')).body.total).toBe(1);
    expect((await owner.get('/api/v1/customers?q=zähl')).body.total).toBe(1);
  });
});

describe('D1 trips a request waits for one after another (what distance to the database costs)', () => {
  const sequential = async (method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) => {
    const answer = await client.request(method, path, body);
    expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    return { sequential: Number(answer.headers.get('x-d1-sequential-trips')), total: Number(answer.headers.get('x-d1-round-trips')), body: answer.body };
  };

  it("reads wait for one trip: the credential check runs beside the request's own queries", async () => {
    await client.get('/api/v1/session');
    for (const path of ['/api/v1/customers', '/api/v1/customers?q=firma', '/api/v1/customers?sort=name', `/api/v1/customers/${busy.id}`, '/api/v1/invitations']) {
      const trips = await sequential('GET', path);
      console.log(`sequential ${path.replace(busy.id, ':id')}: ${trips.sequential} (of ${trips.total})`);
      expect(trips.sequential, path).toBe(1);
    }
    // A tag filter first makes sure the tag is the reseller's (an unknown one is a field error), then lists.
    const tag = (await client.get('/api/v1/tags')).body.items[0].id;
    expect((await sequential('GET', `/api/v1/customers?tag=${tag}`)).sequential).toBeLessThanOrEqual(2);
  });

  it('a write that needs no row of its own waits for its batch alone, an update for its read and its batch; signing in for two trips', async () => {
    const customer = (await client.get(`/api/v1/customers/${quiet.id}`)).body.customer;
    const update = await sequential('PATCH', `/api/v1/customers/${quiet.id}`, { version: customer.version, city: 'Augsburg', postalCode: '86150' });
    const tag = await sequential('POST', '/api/v1/tags', { name: 'Eilig', color: 'red' });
    const created = await sequential('POST', '/api/v1/customers', {
      customerNumber: 'Q-NEU',
      company: 'Neu GmbH',
      email: 'neu@firma.example',
      address: 'Hauptstraße 2',
      postalCode: '80331',
      city: 'München',
      country: 'DE',
    });
    console.log(`sequential customer create: ${created.sequential} (of ${created.total})`);
    expect(created.sequential).toBe(1);
    const signIn = await new Client().post('/api/v1/session', { email: ownerEmail, password: PASSWORD });
    expect(signIn.status).toBe(200);
    const signInTrips = Number(signIn.headers.get('x-d1-sequential-trips'));
    console.log(
      `sequential customer update: ${update.sequential} (of ${update.total}), tag create: ${tag.sequential} (of ${tag.total}), sign-in: ${signInTrips} (of ${signIn.headers.get('x-d1-round-trips')})`,
    );
    expect(update.sequential).toBeLessThanOrEqual(2);
    expect(tag.sequential).toBe(1);
    expect(signInTrips).toBeLessThanOrEqual(2);
  });
});

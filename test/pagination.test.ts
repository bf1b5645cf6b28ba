import { describe, expect, it } from 'vitest';
import { type ApiResponse, Client, createCustomer, createReseller, createUser } from './fixtures';

/** Every item of a list read `limit` rows at a time, following nextCursor to the end. */
async function readAllPages(client: Client, path: string, limit: number) {
  const items: { id: string }[] = [];
  const separator = path.includes('?') ? '&' : '?';
  let cursor: string | null = null;
  let pages = 0;
  do {
    const answer: ApiResponse = await client.get(`${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...answer.body.items);
    cursor = answer.body.nextCursor;
    pages += 1;
  } while (cursor);
  return { items, pages };
}

async function customerWithOrders(totals: number[]) {
  const reseller = await createReseller();
  const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
  const customer = await createCustomer(reseller);
  const { product } = (await owner.post('/api/v1/products', { sku: 'SEAT', name: 'Backup Seat', billing: 'one_off', priceCents: 100 })).body;
  const orders = [];
  for (const quantity of totals) {
    orders.push((await owner.post(`/api/v1/customers/${customer.id}/orders`, { catalog: 'reseller', lines: [{ productId: product.id, quantity }] })).body.order);
  }
  return { reseller, owner, customer, orders };
}

describe('paging through lists', () => {
  it("shows each of a customer's orders exactly once, in the chosen sort, page by page", async () => {
    // Equal totals tie; the order number (newest first) decides between them.
    const { owner, customer, orders } = await customerWithOrders([3, 1, 3, 2, 3, 1, 2]);
    const byTotal = [...orders].sort((a, b) => a.totalCents - b.totalCents || b.orderNumber - a.orderNumber).map((order) => order.id);
    const path = `/api/v1/customers/${customer.id}/orders?sort=totalCents&dir=asc`;
    const { items, pages } = await readAllPages(owner, path, 2);
    expect(items.map((order) => order.id)).toEqual(byTotal);
    expect(pages).toBe(4);

    const newestFirst = await readAllPages(owner, `/api/v1/customers/${customer.id}/orders`, 3);
    expect(newestFirst.items.map((order) => order.id)).toEqual([...orders].reverse().map((order) => order.id));
  });

  it('keeps the search while paging, and refuses a cursor of another sort', async () => {
    const { owner, customer, orders } = await customerWithOrders([1, 2, 3, 4, 5]);
    const searched = await readAllPages(owner, `/api/v1/customers/${customer.id}/orders?q=backup&sort=orderDate&dir=desc`, 2);
    expect(searched.items.map((order) => order.id)).toEqual([...orders].reverse().map((order) => order.id));
    expect((await readAllPages(owner, `/api/v1/customers/${customer.id}/orders?q=nothing-like-this`, 2)).items).toEqual([]);

    const first = await owner.get(`/api/v1/customers/${customer.id}/orders?sort=orderDate&limit=2`);
    const otherSort = await owner.get(`/api/v1/customers/${customer.id}/orders?sort=totalCents&limit=2&cursor=${first.body.nextCursor}`);
    expect([otherSort.status, otherSort.body.error.code]).toEqual([400, 'invalid_cursor']);
  });

  it('lists staff members with the same name in a stable order, each once', async () => {
    const reseller = await createReseller();
    const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
    for (let index = 0; index < 5; index++) {
      const created = await owner.post('/api/v1/staff', {
        email: `alex.${index}.${reseller.id}@example.com`,
        displayName: 'Alex Berger',
        role: 'support',
        password: 'lang-genug-2026',
      });
      expect(created.status).toBe(201);
    }
    const whole = (await owner.get('/api/v1/staff?limit=200')).body;
    expect(whole.items).toHaveLength(6);
    expect(whole.nextCursor).toBeNull();
    const { items, pages } = await readAllPages(owner, '/api/v1/staff', 2);
    expect(items).toEqual(whole.items);
    const namesakes = items.slice(0, 5).map((member) => member.id);
    expect(namesakes).toEqual([...namesakes].sort());
    expect(pages).toBe(3);
  });

  it('answers 50 rows by default and refuses more than 200 with a field error', async () => {
    const reseller = await createReseller();
    const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
    for (let index = 0; index < 52; index++) await owner.post('/api/v1/tags', { name: `Tag ${String(index).padStart(2, '0')}` });
    const first = await owner.get('/api/v1/tags');
    expect([first.body.items.length, first.body.items[0].name, typeof first.body.nextCursor]).toEqual([50, 'Tag 00', 'string']);
    const rest = await owner.get(`/api/v1/tags?cursor=${first.body.nextCursor}`);
    expect([rest.body.items.map((tag: { name: string }) => tag.name), rest.body.nextCursor]).toEqual([['Tag 50', 'Tag 51'], null]);

    const customer = await createCustomer(reseller);
    for (const path of ['/api/v1/tags', `/api/v1/customers/${customer.id}/domains`]) {
      const tooMany = await owner.get(`${path}?limit=201`);
      expect([tooMany.status, tooMany.body.error.fields]).toEqual([422, { limit: 'too_large' }]);
      const none = await owner.get(`${path}?limit=0`);
      expect(none.body.error.fields).toEqual({ limit: 'too_small' });
      const malformed = await owner.get(`${path}?cursor=bm90LWpzb24`);
      expect([malformed.status, malformed.body.error.code]).toEqual([400, 'invalid_cursor']);
    }
  });

  it("hides another reseller's customer (404) from every list under the customer", async () => {
    const { customer } = await customerWithOrders([1]);
    const stranger = await Client.signedIn((await createUser(await createReseller(), 'owner')).email);
    for (const list of ['orders', 'subscriptions', 'assets', 'services', 'domains', 'users']) {
      const answer = await stranger.get(`/api/v1/customers/${customer.id}/${list}?limit=10`);
      expect([list, answer.status]).toEqual([list, 404]);
    }
  });
});

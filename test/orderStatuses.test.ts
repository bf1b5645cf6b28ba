import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { Client, countRows, createCustomer, createProduct, createReseller, createUser, ORIGIN } from './fixtures';
import { LiveSocket } from './liveClient';

async function setup() {
  const reseller = await createReseller();
  const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
  const buyer = await Client.signedIn((await createUser(reseller, 'buyer')).email);
  const customer = await createCustomer(reseller);
  const product = await createProduct(reseller);
  return { reseller, owner, buyer, customer, product };
}

const settingsOf = async (client: Client) => (await client.get('/api/v1/order-statuses')).body.orderStatuses;

async function placeOrder(client: Client, customerId: string, productId: string) {
  const created = await client.post(`/api/v1/customers/${customerId}/orders`, { catalog: 'online_services', lines: [{ productId, quantity: 2 }] });
  expect(created.status).toBe(201);
  return created.body.order;
}

describe('order settings: the reseller’s order statuses', () => {
  it('starts with new, in progress, fulfilled and cancelled; staff read them, only owner/admin change them', async () => {
    const { owner, buyer } = await setup();
    const settings = await settingsOf(buyer);
    expect(settings.statuses.map((status: { code: string; kind: string }) => [status.code, status.kind])).toEqual([
      ['new', 'open'],
      ['in_progress', 'open'],
      ['fulfilled', 'fulfilled'],
      ['cancelled', 'cancelled'],
    ]);
    const refused = await buyer.put('/api/v1/order-statuses', { version: settings.version, statuses: settings.statuses });
    expect(refused.status).toBe(403);
    // Another reseller has its own settings and never sees these.
    const other = await Client.signedIn((await createUser(await createReseller(), 'owner')).email);
    await owner.put('/api/v1/order-statuses', { version: 1, statuses: [...settings.statuses, { label: 'Nur bei uns' }] });
    expect((await settingsOf(other)).statuses).toHaveLength(4);
  });

  it('adds, renames and orders statuses; orders then move forward through them only and show the names in exports', async () => {
    const { owner, buyer, customer, product } = await setup();
    const current = await settingsOf(owner);
    const [fresh, inProgress, fulfilled, cancelled] = current.statuses;
    const live = await LiveSocket.open(buyer);
    const saved = await owner.put('/api/v1/order-statuses', {
      version: current.version,
      statuses: [fresh, { label: 'Beim Distributor bestellt' }, { ...inProgress, label: 'In Arbeit' }, { label: 'Geliefert', kind: 'fulfilled' }, fulfilled, cancelled],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.orderStatuses.version).toBe(current.version + 1);
    expect(saved.body.orderStatuses.statuses.map((status: { code: string; label: string | null }) => [status.code, status.label])).toEqual([
      ['new', null],
      ['beim_distributor_bestellt', 'Beim Distributor bestellt'],
      ['in_progress', 'In Arbeit'],
      ['geliefert', 'Geliefert'],
      ['fulfilled', null],
      ['cancelled', null],
    ]);
    const event = await live.next((message) => message.type === 'event' && message.event.kind === 'order_statuses.changed');
    expect(event.type === 'event' && event.event.version).toBe(current.version + 1);
    live.close();

    const order = await placeOrder(buyer, customer.id, product.id);
    expect(order.status).toBe('new');
    const step = await buyer.post(`/api/v1/orders/${order.id}/status`, { version: 1, status: 'beim_distributor_bestellt' });
    expect([step.status, step.body.order.status, step.body.order.fulfilledAt]).toEqual([200, 'beim_distributor_bestellt', null]);
    const back = await buyer.post(`/api/v1/orders/${order.id}/status`, { version: 2, status: 'new' });
    expect([back.status, back.body.error.code]).toEqual([409, 'invalid_transition']);
    expect((await buyer.post(`/api/v1/orders/${order.id}/status`, { version: 2, status: 'in_progress' })).status).toBe(200);
    const backAgain = await buyer.post(`/api/v1/orders/${order.id}/status`, { version: 3, status: 'beim_distributor_bestellt' });
    expect(backAgain.body.error.code).toBe('invalid_transition');
    const nonsense = await buyer.post(`/api/v1/orders/${order.id}/status`, { version: 3, status: 'shipped_to_mars' });
    expect([nonsense.status, nonsense.body.error.fields]).toEqual([422, { status: 'unknown_status' }]);

    // The reseller's own fulfilled-kind status fulfils: subscriptions and licences appear, MRR follows.
    const delivered = await buyer.post(`/api/v1/orders/${order.id}/status`, { version: 3, status: 'geliefert' });
    expect([delivered.status, delivered.body.order.status, Boolean(delivered.body.order.fulfilledAt)]).toEqual([200, 'geliefert', true]);
    expect((await buyer.get(`/api/v1/customers/${customer.id}/subscriptions`)).body.items).toHaveLength(1);
    expect((await buyer.get(`/api/v1/customers/${customer.id}`)).body.customer.monthlyRevenueCents).toBe(2_000);
    const final = await buyer.post(`/api/v1/orders/${order.id}/status`, { version: 4, status: 'cancelled' });
    expect(final.body.error.code).toBe('invalid_transition');

    const history = (await buyer.get(`/api/v1/orders/${order.id}`)).body.history;
    expect(history.map((entry: { action: string; after: { status?: string } }) => [entry.action, entry.after?.status ?? null])).toEqual([
      ['order.created', null],
      ['order.status_changed', 'beim_distributor_bestellt'],
      ['order.status_changed', 'in_progress'],
      ['order.fulfilled', 'geliefert'],
    ]);
    const csv = await SELF.fetch(`${ORIGIN}/api/v1/customers/${customer.id}/orders/export?format=csv&lang=en`, { headers: { cookie: buyer.cookie, origin: ORIGIN } });
    expect((await csv.text()).split(/\r?\n/)[1]).toContain(',Geliefert,');
  });

  it('archived statuses are no longer offered, but orders in them can move on', async () => {
    const { owner, buyer, customer, product } = await setup();
    const order = await placeOrder(buyer, customer.id, product.id);
    await buyer.post(`/api/v1/orders/${order.id}/status`, { version: 1, status: 'in_progress' });
    const current = await settingsOf(owner);
    const statuses = current.statuses.map((status: { code: string }) => (status.code === 'in_progress' ? { ...status, archived: true } : status));
    expect((await owner.put('/api/v1/order-statuses', { version: current.version, statuses })).status).toBe(200);
    const other = await placeOrder(buyer, customer.id, product.id);
    const archived = await buyer.post(`/api/v1/orders/${other.id}/status`, { version: 1, status: 'in_progress' });
    expect([archived.status, archived.body.error.fields]).toEqual([422, { status: 'unknown_status' }]);
    expect((await buyer.post(`/api/v1/orders/${order.id}/status`, { version: 2, status: 'cancelled' })).status).toBe(200);
  });

  it('refuses removing, archiving required, re-kinding, duplicate names, unknown codes and stale versions — writing nothing', async () => {
    const { reseller, owner } = await setup();
    const current = await settingsOf(owner);
    const [fresh, inProgress, fulfilled, cancelled] = current.statuses;
    const put = (statuses: unknown[], version = current.version) => owner.put('/api/v1/order-statuses', { version, statuses });
    const cases: [unknown[], Record<string, string>][] = [
      [[fresh, fulfilled, cancelled], { statuses: 'status_missing' }],
      [[{ ...fresh, archived: true }, inProgress, fulfilled, cancelled], { 'statuses.0.archived': 'status_required' }],
      [[fresh, { ...inProgress, kind: 'fulfilled' }, fulfilled, cancelled], { 'statuses.1.kind': 'kind_fixed' }],
      [[fresh, inProgress, fulfilled, cancelled, { label: 'Storniert' }, { label: 'storniert' }], { 'statuses.5.label': 'duplicate_label' }],
      [[fresh, inProgress, fulfilled, cancelled, { code: 'ghost', label: 'Geist' }], { 'statuses.4.code': 'unknown_status' }],
      [[fresh, inProgress, fulfilled, cancelled, { label: '   ' }], { 'statuses.4.label': 'required' }],
      [[fresh, inProgress, fulfilled, cancelled, { label: 'x'.repeat(41) }], { 'statuses.4.label': 'too_long' }],
      [[...current.statuses, ...Array.from({ length: 17 }, (_, index) => ({ label: `Schritt ${index}` }))], { statuses: 'too_many' }],
    ];
    for (const [statuses, fields] of cases) {
      const answer = await put(statuses);
      expect([answer.status, answer.body.error.fields], JSON.stringify(statuses).slice(0, 120)).toEqual([422, fields]);
    }
    const stale = await put([...current.statuses, { label: 'Spät' }], current.version + 5);
    expect([stale.status, stale.body.error.code, stale.body.error.current.version]).toEqual([409, 'version_conflict', current.version]);
    expect(await settingsOf(owner)).toEqual(current);
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'order_statuses.updated'", reseller.id)).toBe(0);
    // If-Match works like on every other versioned resource.
    const etag = (await owner.get('/api/v1/order-statuses')).headers.get('etag');
    expect(etag).toBe(`"v${current.version}"`);
    const mismatch = await owner.request('PUT', '/api/v1/order-statuses', { statuses: current.statuses }, { 'if-match': '"v99"' });
    expect(mismatch.status).toBe(412);
  });
});

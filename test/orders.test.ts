import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { changePartnerType } from '../worker/resellerPlan';
import { Client, countRows, createCustomer, createProduct, createReseller, createUser, ORIGIN } from './fixtures';

async function setup() {
  const reseller = await createReseller();
  const client = await Client.signedIn((await createUser(reseller, 'buyer')).email);
  const customer = await createCustomer(reseller);
  const monthly = await createProduct(reseller);
  const yearly = await createProduct(reseller, { name: 'Defender for Business', billing: 'yearly', priceCents: 12_000, createsLicence: false, serviceName: 'Defender' });
  return { reseller, client, customer, monthly, yearly };
}

const customerOf = async (client: Client, id: string) => (await client.get(`/api/v1/customers/${id}`)).body.customer;

async function fulfilledOrder(client: Client, customerId: string, lines: { productId: string; quantity: number }[]) {
  const created = await client.post(`/api/v1/customers/${customerId}/orders`, { catalog: 'online_services', lines });
  expect(created.status).toBe(201);
  const fulfilled = await client.post(`/api/v1/orders/${created.body.order.id}/status`, { version: 1, status: 'fulfilled' });
  expect(fulfilled.status).toBe(200);
  return fulfilled.body.order;
}

describe('orders and MRR', () => {
  it('fulfilment creates subscriptions and licences; MRR follows quantity changes, cancellation and the Standard→Basic change', async () => {
    const { reseller, client, customer, monthly, yearly } = await setup();
    const order = await fulfilledOrder(client, customer.id, [
      { productId: monthly.id, quantity: 3 },
      { productId: yearly.id, quantity: 1 },
    ]);
    expect(order).toMatchObject({ status: 'fulfilled', totalCents: 15_000, orderNumber: 100_001 });
    expect(order.fulfilledAt).toBeTruthy();
    // 3 × 10.00 monthly + 120.00 yearly / 12 = 40.00 a month.
    expect(await customerOf(client, customer.id)).toMatchObject({ monthlyRevenueCents: 4_000, productCount: 2 });

    const subs = (await client.get(`/api/v1/customers/${customer.id}/subscriptions`)).body.items;
    expect(subs.map((s: { name: string; quantity: number; term: string }) => [s.name, s.quantity, s.term])).toEqual([
      ['Defender for Business', 1, 'P1Y'],
      ['Microsoft 365 Business Standard', 3, 'P1M'],
    ]);
    const licence = (await client.get(`/api/v1/customers/${customer.id}/assets`)).body.items[0];
    expect(licence).toMatchObject({ name: 'Microsoft 365 Business Standard', seatsTotal: 3, seatsUsed: 0 });
    expect((await client.get(`/api/v1/customers/${customer.id}/services`)).body.items.map((s: { name: string }) => s.name)).toEqual(['Defender', 'Exchange Online']);

    const m365 = subs[1];
    await client.patch(`/api/v1/assets/${licence.id}`, { version: 1, seatsUsed: 2 });
    const below = await client.patch(`/api/v1/subscriptions/${m365.id}`, { version: 1, quantity: 1 });
    expect([below.status, below.body.error.fields.quantity]).toEqual([422, 'below_used_seats']);
    const raised = await client.patch(`/api/v1/subscriptions/${m365.id}`, { version: 1, quantity: 5 });
    expect(raised.status).toBe(200);
    expect((await customerOf(client, customer.id)).monthlyRevenueCents).toBe(6_000);
    expect((await client.get(`/api/v1/customers/${customer.id}/assets`)).body.items[0].seatsTotal).toBe(5);
    await client.patch(`/api/v1/subscriptions/${subs[0].id}`, { version: 1, state: 'cancelled' });
    expect(await customerOf(client, customer.id)).toMatchObject({ monthlyRevenueCents: 5_000, productCount: 1 });
    const reopened = await client.patch(`/api/v1/subscriptions/${subs[0].id}`, { version: 2, state: 'active' });
    expect([reopened.status, reopened.body.error.code]).toEqual([409, 'invalid_transition']);

    // A Basic reseller cannot set a markup; as a Standard reseller with 15 % the revenue is 57.50 at once; back on Basic it is gone.
    const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
    const settingsVersion = async () => (await owner.get('/api/v1/settings')).body.settings.version;
    const refused = await owner.patch('/api/v1/settings', { version: await settingsVersion(), markupBasisPoints: 1500 });
    expect([refused.status, refused.body.error.fields]).toEqual([422, { markupBasisPoints: 'markup_standard_only' }]);
    const ctx = createExecutionContext();
    await changePartnerType({ env, executionCtx: ctx }, reseller.id, 'standard');
    await waitOnExecutionContext(ctx);
    const mrr = async () => (await env.DB.prepare('SELECT monthly_revenue_cents AS mrr FROM customers WHERE id = ?').bind(customer.id).first<{ mrr: number }>())?.mrr;
    expect(await mrr()).toBe(5_000);
    const tooMuch = await owner.patch('/api/v1/settings', { version: await settingsVersion(), markupBasisPoints: 10_001 });
    expect([tooMuch.status, tooMuch.body.error.fields]).toEqual([422, { markupBasisPoints: 'too_large' }]);
    const marked = await owner.patch('/api/v1/settings', { version: await settingsVersion(), markupBasisPoints: 1500 });
    expect([marked.status, marked.body.settings.markupBasisPoints]).toEqual([200, 1500]);
    expect(await mrr()).toBe(5_750);
    const back = createExecutionContext();
    await changePartnerType({ env, executionCtx: back }, reseller.id, 'basic');
    await waitOnExecutionContext(back);
    expect((await customerOf(client, customer.id)).monthlyRevenueCents).toBe(5_000);
  });

  it('fulfilment makes for every line what the rules say: a subscription per recurring line, a licence per seat product or one-off line', async () => {
    const { reseller, client, customer, monthly, yearly } = await setup();
    const oneOff = await createProduct(reseller, { name: 'Einrichtung', billing: 'one_off', priceCents: 9_900, createsLicence: false, serviceName: '' });
    const yearlySeats = await createProduct(reseller, { name: 'Visio Plan 2', billing: 'yearly', priceCents: 15_000, createsLicence: true, serviceName: 'Visio' });
    const lines = [
      { productId: monthly.id, quantity: 3 },
      { productId: yearly.id, quantity: 2 },
      { productId: oneOff.id, quantity: 1 },
      { productId: yearlySeats.id, quantity: 7 },
    ];
    const created = await client.post(`/api/v1/customers/${customer.id}/orders`, { catalog: 'online_services', lines });
    // The product's service is taken as it is when the order is fulfilled.
    await env.DB.prepare("UPDATE products SET service_name = 'Exchange Online Plan 1' WHERE id = ?").bind(monthly.id).run();
    await client.get(`/api/v1/customers/${customer.id}/orders`);
    await client.get('/api/v1/order-statuses');
    const fulfilled = await client.post(`/api/v1/orders/${created.body.order.id}/status`, { version: 1, status: 'fulfilled' });
    expect([fulfilled.status, Number(fulfilled.headers.get('x-d1-sequential-trips'))]).toEqual([200, 1]);
    const day = (months: number) => {
      const date = new Date();
      date.setUTCMonth(date.getUTCMonth() + months);
      return date.toISOString().slice(0, 10);
    };
    const stored = await env.DB.prepare('SELECT * FROM order_lines WHERE order_id = ?').bind(created.body.order.id).all<Record<string, string | number>>();
    const subscriptions = (await env.DB.prepare('SELECT * FROM subscriptions WHERE order_id = ?').bind(created.body.order.id).all<Record<string, unknown>>()).results;
    const assets = (await env.DB.prepare('SELECT * FROM assets WHERE order_id = ?').bind(created.body.order.id).all<Record<string, unknown>>()).results;
    const products = new Map([monthly, yearly, oneOff, yearlySeats].map((product) => [product.id, product]));
    for (const line of stored.results) {
      const product = products.get(line.product_id as string)!;
      const subscription = subscriptions.find((row) => row.product_id === line.product_id);
      if (line.billing === 'one_off') expect(subscription).toBeUndefined();
      else {
        expect(subscription).toMatchObject({
          customer_id: customer.id,
          reseller_id: reseller.id,
          name: line.name,
          billing: line.billing,
          quantity: line.quantity,
          unit_price_cents: line.unit_price_cents,
          term: line.billing === 'monthly' ? 'P1M' : 'P1Y',
          renewal_date: day(line.billing === 'monthly' ? 1 : 12),
          state: 'active',
          service_name: product.id === monthly.id ? 'Exchange Online Plan 1' : product.serviceName,
          version: 1,
        });
      }
      const licence = assets.find((row) => row.name === line.name);
      if (product.createsLicence || line.billing === 'one_off') {
        expect(licence).toMatchObject({ customer_id: customer.id, seats_total: line.quantity, seats_used: 0, state: 'active', subscription_id: subscription?.id ?? null });
        expect(licence!.licence_key).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
      } else expect(licence).toBeUndefined();
    }
    expect(subscriptions).toHaveLength(3);
    expect(assets).toHaveLength(3);
    expect(new Set(assets.map((row) => row.licence_key)).size).toBe(3);
    // The customer's tabs show them.
    expect((await client.get(`/api/v1/customers/${customer.id}/assets`)).body.items).toHaveLength(3);
  });

  it('moves an order by the statuses as stored when they changed after the Orders tab read them', async () => {
    const { reseller, client, customer, monthly } = await setup();
    const created = await client.post(`/api/v1/customers/${customer.id}/orders`, { catalog: 'online_services', lines: [{ productId: monthly.id, quantity: 1 }] });
    const statuses = (await client.get('/api/v1/order-statuses')).body.orderStatuses;
    await client.get(`/api/v1/customers/${customer.id}/orders`);
    // Another isolate adds a status "Geprüft" after "Neu".
    const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
    const saved = await owner.put('/api/v1/order-statuses', {
      version: statuses.version,
      statuses: [statuses.statuses[0], { label: 'Geprüft', kind: 'open' }, ...statuses.statuses.slice(1)],
    });
    expect(saved.status).toBe(200);
    const checked = saved.body.orderStatuses.statuses.find((status: { label: string | null }) => status.label === 'Geprüft');
    const moved = await client.post(`/api/v1/orders/${created.body.order.id}/status`, { version: 1, status: checked.code });
    expect([moved.status, moved.body.order?.status]).toEqual([200, checked.code]);
    // Archived in another isolate (straight in D1) after this one read the statuses: no order moves there.
    const remembered = (await client.get('/api/v1/order-statuses')).body.orderStatuses;
    const archived = remembered.statuses.map((status: { code: string }) => (status.code === 'in_progress' ? { ...status, archived: true } : status));
    await env.DB.prepare('UPDATE resellers SET order_statuses = ?, order_statuses_version = order_statuses_version + 1 WHERE id = ?')
      .bind(JSON.stringify(archived), reseller.id)
      .run();
    const toArchived = await client.post(`/api/v1/orders/${created.body.order.id}/status`, { version: 2, status: 'in_progress' });
    expect([toArchived.status, toArchived.body.error?.fields]).toEqual([422, { status: 'unknown_status' }]);
    const unknown = await client.post(`/api/v1/orders/${created.body.order.id}/status`, { version: 2, status: 'gibt_es_nicht' });
    expect([unknown.status, unknown.body.error.fields]).toEqual([422, { status: 'unknown_status' }]);
    const { client: stranger } = await setup();
    expect((await stranger.post(`/api/v1/orders/${created.body.order.id}/status`, { version: 2, status: 'cancelled' })).status).toBe(404);
    expect(await countRows('subscriptions', 'order_id = ?', created.body.order.id)).toBe(0);
  });

  it('exports the Orders tab as .csv, .xlsx and .xls with localized headers, for its own reseller only', async () => {
    const { reseller, client, customer, monthly } = await setup();
    await fulfilledOrder(client, customer.id, [{ productId: monthly.id, quantity: 15 }]);
    const response = await SELF.fetch(`${ORIGIN}/api/v1/customers/${customer.id}/orders/export?format=csv&lang=de`, { headers: { cookie: client.cookie, origin: ORIGIN } });
    expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''Bestellungen");
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('Bestellnummer;Status;Produktkatalog;Bestelldatum;Ausführungsdatum;Gesamtbetrag');
    expect(lines[1]).toMatch(/^100001;Erfüllt;Onlinedienste;.+;.+;150(,00)?$/);
    for (const format of ['xlsx', 'xls']) {
      const file = await SELF.fetch(`${ORIGIN}/api/v1/customers/${customer.id}/orders/export?format=${format}`, { headers: { cookie: client.cookie, origin: ORIGIN } });
      expect([file.status, (await file.arrayBuffer()).byteLength > 100]).toEqual([200, true]);
    }
    const support = await Client.signedIn((await createUser(reseller, 'support')).email);
    expect((await support.get(`/api/v1/customers/${customer.id}/orders/export?format=csv`)).status).toBe(403);
    const stranger = await Client.signedIn((await createUser(await createReseller(), 'owner')).email);
    expect((await stranger.get(`/api/v1/customers/${customer.id}/orders/export?format=csv`)).status).toBe(404);
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'orders.exported'", reseller.id)).toBe(3);
  });

  it('gives concurrent orders distinct numbers', async () => {
    const { client, customer, monthly } = await setup();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => client.post(`/api/v1/customers/${customer.id}/orders`, { catalog: 'online_services', lines: [{ productId: monthly.id, quantity: 1 }] })),
    );
    const numbers = answers.map((answer) => answer.body.order.orderNumber).sort();
    expect(numbers).toEqual([100_001, 100_002, 100_003, 100_004, 100_005, 100_006, 100_007, 100_008]);
  });

  it('keeps to the status workflow and refuses stale versions', async () => {
    const { reseller, client, customer, monthly } = await setup();
    const order = await fulfilledOrder(client, customer.id, [{ productId: monthly.id, quantity: 1 }]);
    const back = await client.post(`/api/v1/orders/${order.id}/status`, { version: 2, status: 'new' });
    expect([back.status, back.body.error.code]).toEqual([409, 'invalid_transition']);
    const second = (await client.post(`/api/v1/customers/${customer.id}/orders`, { catalog: 'online_services', lines: [{ productId: monthly.id, quantity: 1 }] })).body.order;
    await client.post(`/api/v1/orders/${second.id}/status`, { version: 1, status: 'in_progress' });
    expect((await client.post(`/api/v1/orders/${second.id}/status`, { version: 1, status: 'cancelled' })).body.error.code).toBe('version_conflict');
    expect((await client.post(`/api/v1/orders/${second.id}/status`, { version: 2, status: 'cancelled' })).status).toBe(200);
    const detail = (await client.get(`/api/v1/orders/${second.id}`)).body;
    expect(detail.history.map((entry: { action: string }) => entry.action)).toEqual(['order.created', 'order.status_changed', 'order.cancelled']);
    expect((await client.get(`/api/v1/customers/${customer.id}/orders?sort=orderNumber&dir=asc`)).body.items.map((o: { status: string }) => o.status)).toEqual([
      'fulfilled',
      'cancelled',
    ]);
    expect((await client.get(`/api/v1/customers/${customer.id}/orders?q=${order.orderNumber}`)).body.items).toHaveLength(1);
    const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
    const deleted = await owner.delete(`/api/v1/customers/${customer.id}`);
    expect(deleted.body.error.reasons).toEqual(expect.arrayContaining(['has_orders', 'has_products']));
  });

  it("refuses another reseller's product, zero quantities and wrong catalogs, writing nothing", async () => {
    const { reseller, client, customer, monthly } = await setup();
    const foreign = await createProduct(await createReseller());
    const theirs = await client.post(`/api/v1/customers/${customer.id}/orders`, { catalog: 'online_services', lines: [{ productId: foreign.id, quantity: 1 }] });
    expect([theirs.status, theirs.body.error.fields['lines.0.productId']]).toEqual([422, 'unknown_product']);
    const zero = await client.post(`/api/v1/customers/${customer.id}/orders`, { catalog: 'online_services', lines: [{ productId: monthly.id, quantity: 0 }] });
    expect(zero.body.error.fields['lines.0.quantity']).toBe('quantity_too_small');
    const negative = await client.post(`/api/v1/customers/${customer.id}/orders`, { catalog: 'online_services', lines: [{ productId: monthly.id, quantity: -2 }] });
    expect(negative.status).toBe(422);
    const catalog = await client.post(`/api/v1/customers/${customer.id}/orders`, { catalog: 'azure', lines: [{ productId: monthly.id, quantity: 1 }] });
    expect(catalog.body.error.fields['lines.0.productId']).toBe('wrong_catalog');
    const support = await Client.signedIn((await createUser(reseller, 'support')).email);
    expect((await support.post(`/api/v1/customers/${customer.id}/orders`, { catalog: 'online_services', lines: [{ productId: monthly.id, quantity: 1 }] })).status).toBe(403);
    expect(await countRows('orders', 'customer_id = ?', customer.id)).toBe(0);
  });
});

describe('domains and portal users', () => {
  it('adds, edits and removes domains; a duplicate name is a field error', async () => {
    const { client, customer } = await setup();
    const added = await client.post(`/api/v1/customers/${customer.id}/domains`, { name: 'Baeckerei-Mueller.de', registrar: 'DENIC', contract: 'V-100' });
    expect(added.body.domain).toMatchObject({ name: 'baeckerei-mueller.de', verification: 'pending', transferLock: true, active: true });
    const dupe = await client.post(`/api/v1/customers/${customer.id}/domains`, { name: 'baeckerei-mueller.de' });
    expect([dupe.status, dupe.body.error.fields.name]).toEqual([409, 'domain_taken']);
    expect((await client.post(`/api/v1/customers/${customer.id}/domains`, { name: 'nicht eine domain' })).body.error.fields.name).toBe('invalid_domain');
    const edited = await client.patch(`/api/v1/domains/${added.body.domain.id}`, { version: 1, verification: 'verified', renewalMode: 'manual' });
    expect(edited.body.domain).toMatchObject({ verification: 'verified', renewalMode: 'manual', version: 2 });
    expect((await client.patch(`/api/v1/domains/${added.body.domain.id}`, { version: 1, active: false })).status).toBe(409);
    const stranger = await Client.signedIn((await createUser(await createReseller(), 'owner')).email);
    expect((await stranger.patch(`/api/v1/domains/${added.body.domain.id}`, { version: 2, active: false })).status).toBe(404);
    expect((await stranger.get(`/api/v1/customers/${customer.id}/domains`)).status).toBe(404);
    expect((await client.delete(`/api/v1/domains/${added.body.domain.id}`)).status).toBe(204);
    expect((await client.get(`/api/v1/customers/${customer.id}/domains`)).body.items).toEqual([]);
  });

  it('adds, deactivates and reactivates portal users; a customer with users cannot be deleted', async () => {
    const { reseller, client, customer } = await setup();
    const added = await client.post(`/api/v1/customers/${customer.id}/users`, { username: 'M.Mueller', firstName: 'Max', lastName: 'Müller', email: 'max@example.de' });
    expect(added.body.user).toMatchObject({ username: 'm.mueller', active: true });
    const dupe = await client.post(`/api/v1/customers/${customer.id}/users`, { username: 'm.mueller', lastName: 'Andere', email: 'a@example.de' });
    expect(dupe.body.error.fields.username).toBe('username_taken');
    const off = await client.patch(`/api/v1/portal-users/${added.body.user.id}`, { version: 1, active: false });
    expect(off.body.user.active).toBe(false);
    expect((await client.patch(`/api/v1/portal-users/${added.body.user.id}`, { version: 2, active: true })).body.user.active).toBe(true);
    const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
    const refused = await owner.delete(`/api/v1/customers/${customer.id}`);
    expect([refused.status, refused.body.error.reasons]).toEqual([409, ['has_portal_users']]);
    expect(await countRows('audit_log', "customer_id = ? AND action LIKE 'portal_user.%'", customer.id)).toBe(3);
  });
});

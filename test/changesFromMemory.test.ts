// A change is planned from the version the user saw when this isolate remembers that row (a customer,
// or a domain, portal user or licence from the customer's tabs), so it waits for its batch alone.
// These tests change the stored row behind that memory in each way that keeps or moves its version (a
// renamed tag, another isolate's edit, a restored database, changed custom field definitions, 50 edits
// at once) and show every answer is the one the stored row gives.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { Client, countRows, createCustomer, createProduct, createReseller, createUser } from './fixtures';

const waited = (answer: { headers: Headers }) => Number(answer.headers.get('x-d1-sequential-trips'));

async function ownerWithCustomer() {
  const reseller = await createReseller();
  const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
  const customer = await createCustomer(reseller, { company: 'Elektro Neumann e.K.' });
  // Warm the isolate's memory of the actor, then of the customer as the user sees it.
  await owner.get('/api/v1/customers?limit=1');
  const seen = await owner.get(`/api/v1/customers/${customer.id}`);
  expect(seen.status).toBe(200);
  return { reseller, owner, customer: seen.body.customer as { id: string; version: number; company: string; tags: { name: string }[] } };
}

const auditedUpdates = (customerId: string) => countRows('audit_log', "entity_id = ? AND action = 'customer.updated'", customerId);

describe('a change planned from the remembered customer', { timeout: 60_000 }, () => {
  it('waits for one D1 trip when the isolate has the version the user saw, and for two when it does not', async () => {
    const { owner, customer } = await ownerWithCustomer();
    const first = await owner.patch(`/api/v1/customers/${customer.id}`, { version: customer.version, city: 'Lübeck' });
    expect(first.status).toBe(200);
    expect(waited(first)).toBe(1);
    // The answer is remembered too: the next change based on it is planned without a read.
    const second = await owner.patch(`/api/v1/customers/${customer.id}`, { version: first.body.customer.version, city: 'Kiel' });
    expect(second.status).toBe(200);
    expect(waited(second)).toBe(1);
    const stored = await env.DB.prepare('SELECT city, version FROM customers WHERE id = ?').bind(customer.id).first();
    expect(stored).toEqual({ city: 'Kiel', version: customer.version + 2 });
    expect(await auditedUpdates(customer.id)).toBe(2);
    // Archive and restore follow the same rule.
    const archived = await owner.post(`/api/v1/customers/${customer.id}/archive`, { version: second.body.customer.version });
    expect(archived.status).toBe(200);
    expect(waited(archived)).toBe(1);
    // A version this isolate never saw (changed straight in D1) is read first, and its stale version is a 409.
    await env.DB.prepare('UPDATE customers SET company = ?, version = version + 1, updated_at = ? WHERE id = ?')
      .bind('Elektro Neumann GmbH', new Date().toISOString(), customer.id)
      .run();
    const stale = await owner.patch(`/api/v1/customers/${customer.id}`, { version: archived.body.customer.version, city: 'Rostock' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.company).toBe('Elektro Neumann GmbH');
  });

  it('is planned from the row the list showed as well', async () => {
    const { owner, customer } = await ownerWithCustomer();
    const archived = await owner.post(`/api/v1/customers/${customer.id}/archive`, { version: customer.version });
    expect(archived.status).toBe(200);
    // Changed in another isolate (restored from the archive there): this isolate learns the row from the list.
    await env.DB.prepare('UPDATE customers SET archived_at = NULL, archived_by = NULL, version = version + 1, updated_at = ? WHERE id = ?')
      .bind(new Date().toISOString(), customer.id)
      .run();
    const [row] = (await owner.get('/api/v1/customers?limit=5')).body.items;
    expect([row.id, row.version]).toEqual([customer.id, customer.version + 2]);
    const changed = await owner.patch(`/api/v1/customers/${customer.id}`, { version: row.version, phone: '+49 40 123456' });
    expect([changed.status, waited(changed), changed.body.customer.archivedAt]).toEqual([200, 1, null]);
  });

  it('answers with the current tags when a tag was renamed after the user looked (a rename keeps the customer version)', async () => {
    const { reseller, owner, customer } = await ownerWithCustomer();
    const tag = (await owner.post('/api/v1/tags', { name: 'Stammkunde', color: 'blue' })).body.tag;
    expect((await owner.post('/api/v1/customers/bulk-tags', { customerIds: [customer.id], addTagIds: [tag.id] })).status).toBeLessThan(300);
    const seen = (await owner.get(`/api/v1/customers/${customer.id}`)).body.customer;
    expect(seen.tags.map((t: { name: string }) => t.name)).toEqual(['Stammkunde']);
    // Renamed in another isolate: straight in D1, so this isolate's memory still has the old name.
    await env.DB.prepare('UPDATE tags SET name = ?, name_key = ? WHERE id = ? AND reseller_id = ?').bind('Premium', 'premium', tag.id, reseller.id).run();
    const changed = await owner.patch(`/api/v1/customers/${customer.id}`, { version: seen.version, city: 'Bremen' });
    expect(changed.status).toBe(200);
    expect(changed.body.customer.tags.map((t: { name: string }) => t.name)).toEqual(['Premium']);
    expect(changed.body.customer.city).toBe('Bremen');
    expect(await auditedUpdates(customer.id)).toBe(1);
  });

  it('plans from the stored row when the database was restored to an earlier point that repeats the version', async () => {
    const { owner, customer } = await ownerWithCustomer();
    const first = await owner.patch(`/api/v1/customers/${customer.id}`, { version: customer.version, company: 'Erste Fassung GmbH' });
    expect(first.status).toBe(200);
    // As after a restore: the same version number, other content and another time of change.
    await env.DB.prepare('UPDATE customers SET company = ?, city = ?, updated_at = ? WHERE id = ?')
      .bind('Wiederhergestellt GmbH', 'Dresden', '2026-01-01T00:00:00.000Z', customer.id)
      .run();
    const next = await owner.patch(`/api/v1/customers/${customer.id}`, { version: first.body.customer.version, email: 'neu@wiederhergestellt.example' });
    expect(next.status).toBe(200);
    expect(next.body.customer).toMatchObject({ company: 'Wiederhergestellt GmbH', city: 'Dresden', email: 'neu@wiederhergestellt.example' });
    const stored = await env.DB.prepare('SELECT company, city FROM customers WHERE id = ?').bind(customer.id).first();
    expect(stored).toEqual({ company: 'Wiederhergestellt GmbH', city: 'Dresden' });
    // The search finds it by what is stored, not by the remembered name.
    const found = await owner.get('/api/v1/customers?q=Wiederhergestellt');
    expect(found.body.items.map((item: { id: string }) => item.id)).toContain(customer.id);
    expect((await owner.get('/api/v1/customers?q=Erste%20Fassung')).body.items).toHaveLength(0);
  });

  it('judges custom field values by the current definitions when one changed behind the memory', async () => {
    const { reseller, owner, customer } = await ownerWithCustomer();
    const field = (await owner.post('/api/v1/custom-fields', { label: 'Branche', type: 'text' })).body.field;
    expect(field?.id).toBeTruthy();
    const ok = await owner.patch(`/api/v1/customers/${customer.id}`, { version: customer.version, customFields: { [field.id]: 'Handwerk' } });
    expect(ok.status).toBe(200);
    // Archived elsewhere: a value for it is refused although this isolate's memory still offers it.
    await env.DB.prepare('UPDATE custom_fields SET archived = 1, version = version + 1 WHERE id = ? AND reseller_id = ?').bind(field.id, reseller.id).run();
    const refused = await owner.patch(`/api/v1/customers/${customer.id}`, { version: ok.body.customer.version, customFields: { [field.id]: 'Handel' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields[`customFields.${field.id}`]).toBe('archived_field');
    expect(await auditedUpdates(customer.id)).toBe(1);
  });

  it('lets exactly one of 50 changes based on the same remembered version through', async () => {
    const { owner, customer } = await ownerWithCustomer();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) => owner.patch(`/api/v1/customers/${customer.id}`, { version: customer.version, city: `Stadt ${index}` })),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    const winner = answers.find((answer) => answer.status === 200)!.body.customer;
    const stored = await env.DB.prepare('SELECT city, version FROM customers WHERE id = ?').bind(customer.id).first();
    expect(stored).toEqual({ city: winner.city, version: customer.version + 1 });
    expect(await auditedUpdates(customer.id)).toBe(1);
    // Every 409 carries the row as it is now.
    for (const answer of answers.filter((a) => a.status === 409)) expect(answer.body.error.current.city).toBe(winner.city);
  });

  it("never plans from another reseller's memory: their customer's id is a 404", async () => {
    const { customer } = await ownerWithCustomer();
    const other = await Client.signedIn((await createUser(await createReseller(), 'owner')).email);
    const answer = await other.patch(`/api/v1/customers/${customer.id}`, { version: customer.version, city: 'Fremd' });
    expect(answer.status).toBe(404);
    const archive = await other.post(`/api/v1/customers/${customer.id}/archive`, { version: customer.version });
    expect(archive.status).toBe(404);
    expect(await auditedUpdates(customer.id)).toBe(0);
  });
});

/** A customer with a domain, a portal user and a licence of 3 seats, as its tabs show them to an owner. */
async function customerWithHoldings() {
  const { reseller, owner, customer } = await ownerWithCustomer();
  const product = await createProduct(reseller);
  const order = await owner.post(`/api/v1/customers/${customer.id}/orders`, { catalog: 'online_services', lines: [{ productId: product.id, quantity: 3 }] });
  expect((await owner.post(`/api/v1/orders/${order.body.order.id}/status`, { version: 1, status: 'fulfilled' })).status).toBe(200);
  const addedDomain = await owner.post(`/api/v1/customers/${customer.id}/domains`, { name: 'neumann-elektro.de' });
  expect([addedDomain.status, waited(addedDomain)]).toEqual([201, 1]);
  const addedUser = await owner.post(`/api/v1/customers/${customer.id}/users`, { username: 'k.neumann', lastName: 'Neumann', email: 'k@neumann-elektro.de' });
  expect([addedUser.status, waited(addedUser)]).toEqual([201, 1]);
  // The tabs as the user opens them: what a change is then based on.
  const [domain] = (await owner.get(`/api/v1/customers/${customer.id}/domains`)).body.items;
  const [user] = (await owner.get(`/api/v1/customers/${customer.id}/users`)).body.items;
  const [licence] = (await owner.get(`/api/v1/customers/${customer.id}/assets`)).body.items;
  return { reseller, owner, customer, domain, user, licence };
}

const at = (table: string, id: string, columns: string) => env.DB.prepare(`SELECT ${columns} FROM ${table} WHERE id = ?`).bind(id).first();

describe("a change of a customer's domain, portal user or licence planned from the row its tab showed", { timeout: 60_000 }, () => {
  it('waits for one D1 trip, and the next change based on its answer too', async () => {
    const { owner, domain, user, licence } = await customerWithHoldings();
    const changedDomain = await owner.patch(`/api/v1/domains/${domain.id}`, { version: domain.version, registrar: 'INWX' });
    expect([changedDomain.status, waited(changedDomain), changedDomain.body.domain.registrar]).toEqual([200, 1, 'INWX']);
    const again = await owner.patch(`/api/v1/domains/${domain.id}`, { version: changedDomain.body.domain.version, transferLock: false });
    expect([again.status, waited(again)]).toEqual([200, 1]);
    expect(await at('domains', domain.id, 'registrar, transfer_lock AS lock, version')).toEqual({ registrar: 'INWX', lock: 0, version: domain.version + 2 });
    const deactivated = await owner.patch(`/api/v1/portal-users/${user.id}`, { version: user.version, active: false });
    expect([deactivated.status, waited(deactivated), deactivated.body.user.active]).toEqual([200, 1, false]);
    const seats = await owner.patch(`/api/v1/assets/${licence.id}`, { version: licence.version, seatsUsed: 2 });
    expect([seats.status, waited(seats), seats.body.asset.seatsUsed]).toEqual([200, 1, 2]);
    expect(
      await countRows('audit_log', "entity_id IN (?, ?, ?) AND action IN ('domain.updated', 'portal_user.deactivated', 'asset.seats_changed')", domain.id, user.id, licence.id),
    ).toBe(4);
  });

  it('answers from the stored row when it changed behind the memory: a 409 for a version moved on, the stored values for a restored one', async () => {
    const { owner, domain, user, licence } = await customerWithHoldings();
    // Another isolate's change: the version moved on.
    await env.DB.prepare('UPDATE domains SET registrar = ?, version = version + 1, updated_at = ? WHERE id = ?').bind('Strato', new Date().toISOString(), domain.id).run();
    const stale = await owner.patch(`/api/v1/domains/${domain.id}`, { version: domain.version, registrar: 'INWX' });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'version_conflict']);
    // The row as it is now, in the shape the tab shows (nothing of the stored row besides).
    expect(stale.body.error.current).toEqual({ ...domain, registrar: 'Strato', version: domain.version + 1 });
    expect((await at('domains', domain.id, 'registrar')) as unknown).toEqual({ registrar: 'Strato' });
    // A restored database: the same version, other values, another time of change.
    await env.DB.prepare('UPDATE portal_users SET email = ?, updated_at = ? WHERE id = ?').bind('buero@neumann-elektro.de', '2026-01-01T00:00:00.000Z', user.id).run();
    const renamed = await owner.patch(`/api/v1/portal-users/${user.id}`, { version: user.version, firstName: 'Karl' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.user).toMatchObject({ firstName: 'Karl', email: 'buero@neumann-elektro.de' });
    // A check judged on the stored row, not the remembered one: the licence now has 1 seat, so 2 in use is too many.
    await env.DB.prepare('UPDATE assets SET seats_total = 1, updated_at = ? WHERE id = ?').bind('2026-01-01T00:00:00.000Z', licence.id).run();
    const tooMany = await owner.patch(`/api/v1/assets/${licence.id}`, { version: licence.version, seatsUsed: 2 });
    expect([tooMany.status, tooMany.body.error.fields?.seatsUsed]).toEqual([422, 'too_large']);
    expect(await at('assets', licence.id, 'seats_used AS used')).toEqual({ used: 0 });
  });

  it("changes a subscription and its licence in one trip, and the licence's seats in use still bound the quantity", async () => {
    const { owner, customer, licence } = await customerWithHoldings();
    const [subscription] = (await owner.get(`/api/v1/customers/${customer.id}/subscriptions`)).body.items;
    const raised = await owner.patch(`/api/v1/subscriptions/${subscription.id}`, { version: subscription.version, quantity: 5 });
    expect([raised.status, waited(raised), raised.body.subscription.quantity]).toEqual([200, 1, 5]);
    expect(await at('assets', licence.id, 'seats_total AS total, version')).toEqual({ total: 5, version: licence.version + 1 });
    const [seatsShown] = (await owner.get(`/api/v1/customers/${customer.id}/assets`)).body.items;
    expect((await owner.patch(`/api/v1/assets/${licence.id}`, { version: seatsShown.version, seatsUsed: 4 })).status).toBe(200);
    const below = await owner.patch(`/api/v1/subscriptions/${subscription.id}`, { version: raised.body.subscription.version, quantity: 3 });
    expect([below.status, below.body.error.fields?.quantity]).toEqual([422, 'below_used_seats']);
    expect(await at('subscriptions', subscription.id, 'quantity')).toEqual({ quantity: 5 });
    // A seat change and a quantity change at once, each based on what its tab showed: never more seats in use than the licence has.
    const [now] = (await owner.get(`/api/v1/customers/${customer.id}/assets`)).body.items;
    await Promise.all([
      owner.patch(`/api/v1/assets/${licence.id}`, { version: now.version, seatsUsed: 5 }),
      owner.patch(`/api/v1/subscriptions/${subscription.id}`, { version: raised.body.subscription.version, quantity: 4 }),
    ]);
    const stored = (await at('assets', licence.id, 'seats_total AS total, seats_used AS used')) as { total: number; used: number };
    expect(stored.used).toBeLessThanOrEqual(stored.total);
    expect(await at('subscriptions', subscription.id, 'quantity')).toEqual({ quantity: stored.total });
  });

  it('lets exactly one of 50 changes based on the same remembered version through', async () => {
    const { owner, domain } = await customerWithHoldings();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, index) => owner.patch(`/api/v1/domains/${domain.id}`, { version: domain.version, contract: `V-${index}` })));
    const statuses = answers.map((answer) => answer.status);
    expect([statuses.filter((s) => s === 200).length, statuses.filter((s) => s === 409).length]).toEqual([1, 49]);
    const winner = answers.find((answer) => answer.status === 200)!.body.domain;
    expect(await at('domains', domain.id, 'contract, version')).toEqual({ contract: winner.contract, version: domain.version + 1 });
    expect(await countRows('audit_log', "entity_id = ? AND action = 'domain.updated'", domain.id)).toBe(1);
  });

  it("answers 404 for another reseller's rows and customers, from memory or not, and writes nothing", async () => {
    const { customer, domain, user, licence } = await customerWithHoldings();
    const other = await Client.signedIn((await createUser(await createReseller(), 'owner')).email);
    const answers = await Promise.all([
      other.patch(`/api/v1/domains/${domain.id}`, { version: domain.version, registrar: 'Fremd' }),
      other.patch(`/api/v1/portal-users/${user.id}`, { version: user.version, firstName: 'Fremd' }),
      other.patch(`/api/v1/assets/${licence.id}`, { version: licence.version, seatsUsed: 1 }),
      other.post(`/api/v1/customers/${customer.id}/domains`, { name: 'fremd.example' }),
      other.post(`/api/v1/customers/${customer.id}/users`, { username: 'fremd', lastName: 'Fremd', email: 'f@fremd.example' }),
      other.post('/api/v1/customers/cus_doesnotexist/domains', { name: 'nirgends.example' }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(await countRows('domains', "name IN ('fremd.example', 'nirgends.example')")).toBe(0);
    expect(await countRows('portal_users', "username = 'fremd'")).toBe(0);
    expect(await at('domains', domain.id, 'version')).toEqual({ version: domain.version });
  });
});

describe('an order placed for the customer and products the user saw', { timeout: 60_000 }, () => {
  async function orderDesk() {
    const { reseller, owner, customer } = await ownerWithCustomer();
    const product = await createProduct(reseller, { priceCents: 1_000 });
    // The order dialog lists the catalog first.
    expect((await owner.get('/api/v1/products?catalog=online_services')).status).toBe(200);
    const place = () => owner.post(`/api/v1/customers/${customer.id}/orders`, { catalog: 'online_services', lines: [{ productId: product.id, quantity: 2 }] });
    return { reseller, owner, customer, product, place };
  }

  it('waits for one D1 trip, at the catalog price', async () => {
    const { place } = await orderDesk();
    const placed = await place();
    expect([placed.status, waited(placed), placed.body.lines[0].unitPriceCents, placed.body.order.totalCents]).toEqual([201, 1, 1_000, 2_000]);
  });

  it('takes the stored price, archive state and customer when they changed behind the memory', async () => {
    const { reseller, owner, customer, product, place } = await orderDesk();
    // Repriced in another isolate.
    await env.DB.prepare('UPDATE products SET price_cents = 1500, version = version + 1, updated_at = ? WHERE id = ?').bind(new Date().toISOString(), product.id).run();
    const repriced = await place();
    expect([repriced.status, repriced.body.lines[0].unitPriceCents]).toEqual([201, 1_500]);
    // Archived in another isolate: no longer orderable.
    await env.DB.prepare('UPDATE products SET archived = 1, version = version + 1, updated_at = ? WHERE id = ?').bind(new Date().toISOString(), product.id).run();
    const archivedProduct = await place();
    expect([archivedProduct.status, archivedProduct.body.error.fields?.['lines.0.productId']]).toEqual([422, 'unknown_product']);
    await env.DB.prepare('UPDATE products SET archived = 0, version = version + 1, updated_at = ? WHERE id = ?').bind(new Date().toISOString(), product.id).run();
    // The customer archived in another isolate.
    await env.DB.prepare("UPDATE customers SET archived_at = ?, archived_by = 'Kollege', version = version + 1, updated_at = ? WHERE id = ?")
      .bind(new Date().toISOString(), new Date().toISOString(), customer.id)
      .run();
    const archivedCustomer = await place();
    expect([archivedCustomer.status, archivedCustomer.body.error.code]).toEqual([409, 'customer_archived']);
    expect(await countRows('orders', 'reseller_id = ?', reseller.id)).toBe(1);
    expect((await owner.get(`/api/v1/customers/${customer.id}/orders`)).body.items).toHaveLength(1);
  });

  it("answers 404 for another reseller's customer and refuses another reseller's product, from memory or not", async () => {
    const { customer, product } = await orderDesk();
    const otherReseller = await createReseller();
    const other = await Client.signedIn((await createUser(otherReseller, 'owner')).email);
    const ownCustomer = await createCustomer(otherReseller);
    await other.get(`/api/v1/customers/${ownCustomer.id}`);
    const foreignCustomer = await other.post(`/api/v1/customers/${customer.id}/orders`, { catalog: 'online_services', lines: [{ productId: product.id, quantity: 1 }] });
    expect(foreignCustomer.status).toBe(404);
    const foreignProduct = await other.post(`/api/v1/customers/${ownCustomer.id}/orders`, { catalog: 'online_services', lines: [{ productId: product.id, quantity: 1 }] });
    expect([foreignProduct.status, foreignProduct.body.error.fields?.['lines.0.productId']]).toEqual([422, 'unknown_product']);
    expect(await countRows('orders', 'customer_id IN (?, ?)', customer.id, ownCustomer.id)).toBe(0);
  });
});

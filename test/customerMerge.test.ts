import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, countRows, createCustomer, createReseller, createUser, type TestReseller } from './fixtures';
import { importAll } from './importHelpers';
import { LiveSocket } from './liveClient';
import { receivedAt } from './webhookReceiver';

const unique = () => Math.random().toString(36).slice(2, 9);

interface Customer {
  id: string;
  customerNumber: string;
  version: number;
  company: string;
  phone: string;
  city: string;
  monthlyRevenueCents: number;
  productCount: number;
  relationshipState: string;
  grantedRights: string[];
  customFields: Record<string, unknown>;
  tags: { id: string; name: string }[];
}

/** A reseller with an owner signed in, a licence product and a custom field. */
async function desk() {
  const reseller = await createReseller();
  const ownerUser = await createUser(reseller, 'owner');
  const owner = await Client.signedIn(ownerUser.email);
  const product = (
    await owner.post('/api/v1/products', { sku: `M-${unique()}`, name: 'Mail Seats', billing: 'monthly', priceCents: 450, createsLicence: true, serviceName: 'Exchange' })
  ).body.product as { id: string };
  const field = (await owner.post('/api/v1/custom-fields', { label: 'Branche', type: 'text' })).body.field as { id: string };
  return { reseller, owner, ownerUser, product, field };
}
type Desk = Awaited<ReturnType<typeof desk>>;

async function newCustomer(client: Client, fields: Record<string, unknown> = {}): Promise<Customer> {
  const response = await client.post('/api/v1/customers', {
    customerNumber: `K-${unique()}`,
    company: 'Elektro Neumann GmbH',
    email: `info@${unique()}.example`,
    address: 'Hauptstraße 1',
    postalCode: '80331',
    city: 'München',
    country: 'DE',
    ...fields,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.customer;
}

const current = async (client: Client, id: string): Promise<Customer> => (await client.get(`/api/v1/customers/${id}`)).body.customer;

/** Everything a customer can hold: a fulfilled order (subscription + licence), an open order, a domain, a portal user, an invitation, a tag. */
async function furnish(d: Desk, customer: Customer, tagName: string, quantity: number) {
  const { owner, product } = d;
  const fulfilled = (await owner.post(`/api/v1/customers/${customer.id}/orders`, { catalog: 'reseller', lines: [{ productId: product.id, quantity }] })).body.order;
  expect((await owner.post(`/api/v1/orders/${fulfilled.id}/status`, { version: fulfilled.version, status: 'fulfilled' })).status).toBe(200);
  expect((await owner.post(`/api/v1/customers/${customer.id}/orders`, { catalog: 'reseller', lines: [{ productId: product.id, quantity: 1 }] })).status).toBe(201);
  expect((await owner.post(`/api/v1/customers/${customer.id}/domains`, { name: `${unique()}.example` })).status).toBe(201);
  expect((await owner.post(`/api/v1/customers/${customer.id}/users`, { username: `u-${unique()}`, lastName: 'Muster', email: 'muster@example.com' })).status).toBe(201);
  expect((await owner.post('/api/v1/invitations', { customerId: customer.id, requestedRights: ['delegated_admin'] })).status).toBe(201);
  const tag = (await owner.post('/api/v1/tags', { name: `${tagName} ${unique()}` })).body.tag as { id: string };
  expect((await owner.post('/api/v1/customers/bulk-tags', { customerIds: [customer.id], addTagIds: [tag.id] })).status).toBe(200);
  return tag;
}

const holdingTables = ['orders', 'subscriptions', 'assets', 'domains', 'portal_users', 'invitations'] as const;

/** Every row of both customers, table by table, as D1 holds it (the customers without version and updated_at, which an undo moves on). */
async function rowsOf(ids: string[]) {
  const marks = ids.map(() => '?').join(', ');
  const all = async (query: string) =>
    (
      await env.DB.prepare(query)
        .bind(...ids)
        .all()
    ).results;
  const customerRows = (await all(`SELECT * FROM customers WHERE id IN (${marks}) ORDER BY id`)).map(({ version: _v, updated_at: _u, ...row }) => row);
  const holdings = Object.fromEntries(
    await Promise.all(holdingTables.map(async (table) => [table, await all(`SELECT * FROM ${table} WHERE customer_id IN (${marks}) ORDER BY id`)])),
  );
  return {
    customers: customerRows,
    ...holdings,
    tags: await all(`SELECT * FROM customer_tags WHERE customer_id IN (${marks}) ORDER BY customer_id, tag_id`),
    searchTerms: await all(`SELECT * FROM customer_search_terms WHERE customer_id IN (${marks}) ORDER BY customer_id, term`),
    matchKeys: await all(`SELECT * FROM customer_match_keys WHERE customer_id IN (${marks}) ORDER BY customer_id, kind, key`),
  };
}

const mergeBody = (survivor: Customer, merged: Customer, extra: Record<string, unknown> = {}) => ({
  survivorId: survivor.id,
  survivorVersion: survivor.version,
  mergedId: merged.id,
  mergedVersion: merged.version,
  ...extra,
});

const listed = async (client: Client, q: string) => ((await client.get(`/api/v1/customers?q=${encodeURIComponent(q)}`)).body.items as Customer[]).map((c) => c.id);

describe('merging two customers', () => {
  let d: Desk;
  let survivor: Customer;
  let merged: Customer;
  let before: Awaited<ReturnType<typeof rowsOf>>;
  let colleague: LiveSocket;
  let answer: { merge: { id: string; droppedNumber: string; mergedNumber: string; survivorNumber: string; undoUntil: string }; customer: Customer };
  let tags: { survivor: { id: string }; merged: { id: string } };

  beforeAll(async () => {
    d = await desk();
    survivor = await newCustomer(d.owner, { company: 'Elektro Neumann GmbH', customFields: { [d.field.id]: 'Handwerk' } });
    merged = await newCustomer(d.owner, {
      company: 'Elektro Neumann e.K.',
      city: 'Augsburg',
      postalCode: '86150',
      phone: '+49 821 123456',
      customFields: { [d.field.id]: 'Elektro' },
    });
    tags = { survivor: await furnish(d, survivor, 'Bestand', 2), merged: await furnish(d, merged, 'Import', 3) };
    // The other one's relationship was accepted; the survivor has none, so the accepted one moves over.
    await env.DB.prepare(`UPDATE customers SET relationship_state = 'active', granted_rights = '["delegated_admin"]' WHERE id = ?`).bind(merged.id).run();
    [survivor, merged] = [await current(d.owner, survivor.id), await current(d.owner, merged.id)];
    before = await rowsOf([survivor.id, merged.id]);
    const colleagueUser = await createUser(d.reseller, 'admin');
    colleague = await LiveSocket.open(await Client.signedIn(colleagueUser.email));
    const response = await d.owner.post(
      '/api/v1/customers/merges',
      mergeBody(survivor, merged, { fields: { city: 'merged', postalCode: 'merged' }, customFields: { [d.field.id]: 'merged' } }),
    );
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    answer = response.body;
  });

  it('keeps the survivor with the chosen values, the survivor’s where nothing was chosen, and the other’s where the survivor had none', () => {
    const customer = answer.customer;
    expect(customer.id).toBe(survivor.id);
    expect(customer.customerNumber).toBe(survivor.customerNumber);
    expect(customer.company).toBe('Elektro Neumann GmbH');
    expect(customer.city).toBe('Augsburg');
    expect(customer.phone).toBe('+49 821 123456');
    expect(customer.customFields[d.field.id]).toBe('Elektro');
    expect(customer.relationshipState).toBe('active');
    expect(customer.grantedRights).toEqual(['delegated_admin']);
  });

  it('unites the tags and removes the other customer', async () => {
    expect(answer.customer.tags.map((tag) => tag.id).sort()).toEqual([tags.survivor.id, tags.merged.id].sort());
    expect((await d.owner.get(`/api/v1/customers/${merged.id}`)).status).toBe(404);
  });

  it('moves every order, subscription, licence, domain, portal user and invitation to the survivor', async () => {
    for (const table of holdingTables) {
      const expected = (before[table] as { id: string }[]).map((row) => row.id).sort();
      const rows = (await env.DB.prepare(`SELECT id FROM ${table} WHERE customer_id = ? ORDER BY id`).bind(survivor.id).all<{ id: string }>()).results.map((row) => row.id);
      expect(rows, table).toEqual(expected);
      expect(await countRows(table, 'customer_id = ?', merged.id), table).toBe(0);
    }
    const services = (await d.owner.get(`/api/v1/customers/${survivor.id}/services`)).body.items;
    expect(services).toHaveLength(2);
  });

  it('recomputes MRR and product count from both customers’ subscriptions', () => {
    // 2 + 3 seats at 4.50 € a month; one subscription each (its licence follows it and is not counted twice).
    expect(answer.customer.monthlyRevenueCents).toBe(survivor.monthlyRevenueCents + merged.monthlyRevenueCents);
    expect(answer.customer.monthlyRevenueCents).toBe(5 * 450);
    expect(answer.customer.productCount).toBe(survivor.productCount + merged.productCount);
    expect(answer.customer.productCount).toBe(2);
  });

  it('finds the survivor by the removed customer’s number, in the list search', async () => {
    expect(answer.merge.droppedNumber).toBe(merged.customerNumber);
    expect(await listed(d.owner, merged.customerNumber)).toEqual([survivor.id]);
    expect(await listed(d.owner, survivor.customerNumber)).toEqual([survivor.id]);
    // Still after the survivor is edited (its search terms are rewritten).
    const edited = await d.owner.patch(`/api/v1/customers/${survivor.id}`, { version: answer.customer.version, company: 'Elektro Neumann GmbH & Co. KG' });
    expect(edited.status).toBe(200);
    expect(await listed(d.owner, merged.customerNumber)).toEqual([survivor.id]);
  });

  it('still finds the survivor by the old number after an import changed the survivor', async () => {
    const latest = await current(d.owner, survivor.id);
    const file = ['Kundennummer;Firma;E-Mail;Straße;PLZ;Ort;Land', `${latest.customerNumber};Elektro Neumann Süd GmbH;;;;;`].join('\n');
    const { report } = await importAll(d.owner, d.reseller, file);
    expect(report.counts.update).toBe(1);
    expect((await current(d.owner, survivor.id)).company).toBe('Elektro Neumann Süd GmbH');
    expect(await listed(d.owner, merged.customerNumber)).toEqual([survivor.id]);
  });

  it('audits the merge on both customers', async () => {
    expect(await countRows('audit_log', "action = 'customer.merged' AND customer_id = ?", survivor.id)).toBe(1);
    expect(await countRows('audit_log', "action = 'customer.merged' AND customer_id = ?", merged.id)).toBe(1);
  });

  it('tells colleagues live who merged which number into which, and hands them the survivor', async () => {
    const event = await colleague.next((message) => message.type === 'event' && message.event.kind === 'customer.merged');
    if (event.type !== 'event') throw new Error('not an event');
    expect(event.event.entityId).toBe(merged.id);
    expect(event.event.actor.displayName).toBe(d.ownerUser.displayName);
    const data = event.event.data as { merge: { mergedNumber: string; survivorNumber: string }; survivor: Customer };
    expect(data.merge.mergedNumber).toBe(merged.customerNumber);
    expect(data.merge.survivorNumber).toBe(survivor.customerNumber);
    expect(data.survivor.id).toBe(survivor.id);
    await colleague.next((message) => message.type === 'event' && message.event.kind === 'customer.updated' && message.event.entityId === survivor.id);
    colleague.close();
  });

  it('lists the merge for both customers, the removed one included', async () => {
    for (const id of [survivor.id, merged.id]) {
      const response = await d.owner.get(`/api/v1/customers/merges?customerId=${id}`);
      expect(response.status).toBe(200);
      expect(response.body.items.map((merge: { id: string }) => merge.id)).toEqual([answer.merge.id]);
    }
  });
});

describe('undoing a merge', () => {
  it('restores both customers and everything that hung on each, column by column; a new order on the survivor stays with it', async () => {
    const d = await desk();
    const survivor0 = await newCustomer(d.owner);
    const merged0 = await newCustomer(d.owner, { company: 'Neumann Elektro', phone: '089 123456' });
    await furnish(d, survivor0, 'Alt', 1);
    await furnish(d, merged0, 'Neu', 4);
    await env.DB.prepare(`UPDATE customers SET relationship_state = 'active', granted_rights = '["delegated_admin","billing_view"]' WHERE id = ?`).bind(merged0.id).run();
    const [survivor, merged] = [await current(d.owner, survivor0.id), await current(d.owner, merged0.id)];
    const before = await rowsOf([survivor.id, merged.id]);
    const listedBefore = await countRows('customer_counts', 'reseller_id = ? AND listed = 2', d.reseller.id);
    expect(listedBefore).toBe(1);

    const { merge } = (await d.owner.post('/api/v1/customers/merges', mergeBody(survivor, merged, { fields: { customerNumber: 'merged', company: 'merged' } }))).body;
    expect(merge.droppedNumber).toBe(survivor.customerNumber);
    expect(await listed(d.owner, survivor.customerNumber)).toEqual([survivor.id]);
    expect(await countRows('customer_counts', 'reseller_id = ? AND listed = 1', d.reseller.id)).toBe(1);
    // An order placed on the survivor after the merge: the undo can still restore both exactly.
    const later = (await d.owner.post(`/api/v1/customers/${survivor.id}/orders`, { catalog: 'reseller', lines: [{ productId: d.product.id, quantity: 1 }] })).body.order;

    const colleague = await LiveSocket.open(await Client.signedIn((await createUser(d.reseller, 'buyer')).email));
    const undone = await d.owner.post(`/api/v1/customers/merges/${merge.id}/undo`, {});
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body.merged.id).toBe(merged.id);
    expect(undone.body.merged.customerNumber).toBe(merged.customerNumber);

    const after = await rowsOf([survivor.id, merged.id]);
    const { orders: ordersAfter, ...restAfter } = after;
    const { orders: ordersBefore, ...restBefore } = before;
    expect(restAfter).toEqual(restBefore);
    expect(ordersAfter).toEqual(
      [...(ordersBefore as { id: string }[]), (ordersAfter as { id: string }[]).find((row) => row.id === later.id)].sort((a, b) => (a!.id < b!.id ? -1 : 1)),
    );
    expect((ordersAfter as { id: string; customer_id: string }[]).find((row) => row.id === later.id)!.customer_id).toBe(survivor.id);
    expect(await countRows('customer_counts', 'reseller_id = ? AND listed = 2', d.reseller.id)).toBe(1);
    expect(await countRows('customer_merges', 'id = ?', merge.id)).toBe(0);
    expect(await listed(d.owner, survivor.customerNumber)).toEqual([survivor.id]);
    expect(await listed(d.owner, merged.customerNumber)).toEqual([merged.id]);
    expect(await countRows('audit_log', "action = 'customer.merge_undone' AND customer_id IN (?, ?)", survivor.id, merged.id)).toBe(2);
    const event = await colleague.next((message) => message.type === 'event' && message.event.kind === 'customer.merge_undone');
    if (event.type === 'event') expect((event.event.data as { merged: Customer }).merged.id).toBe(merged.id);
    colleague.close();
    // Gone with the undo: a second one finds nothing.
    expect((await d.owner.post(`/api/v1/customers/merges/${merge.id}/undo`, {})).status).toBe(404);
  });

  it('refuses when the survivor was edited since, and says so', async () => {
    const d = await desk();
    const [survivor, merged] = [await newCustomer(d.owner), await newCustomer(d.owner)];
    const { merge, customer } = (await d.owner.post('/api/v1/customers/merges', mergeBody(survivor, merged))).body;
    expect((await d.owner.patch(`/api/v1/customers/${survivor.id}`, { version: customer.version, city: 'Berlin', postalCode: '10115' })).status).toBe(200);
    const refused = await d.owner.post(`/api/v1/customers/merges/${merge.id}/undo`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('merge_undo_blocked');
    expect(refused.body.error.reasons).toEqual(['survivor_changed']);
    expect((await d.owner.get(`/api/v1/customers/${merged.id}`)).status).toBe(404);
  });

  it('refuses when a moved row was changed since, and says so', async () => {
    const d = await desk();
    const [survivor, merged] = [await newCustomer(d.owner), await newCustomer(d.owner)];
    const domain = (await d.owner.post(`/api/v1/customers/${merged.id}/domains`, { name: `${unique()}.example` })).body.domain;
    const mergedNow = await current(d.owner, merged.id);
    const { merge } = (await d.owner.post('/api/v1/customers/merges', mergeBody(survivor, mergedNow))).body;
    expect((await d.owner.patch(`/api/v1/domains/${domain.id}`, { version: domain.version, registrar: 'Hetzner' })).status).toBe(200);
    const refused = await d.owner.post(`/api/v1/customers/merges/${merge.id}/undo`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.reasons).toEqual(['moved_row_changed']);
    expect(await countRows('domains', 'id = ? AND customer_id = ?', domain.id, survivor.id)).toBe(1);
  });

  it('refuses when the removed customer’s number was given to a new customer meanwhile', async () => {
    const d = await desk();
    const [survivor, merged] = [await newCustomer(d.owner), await newCustomer(d.owner)];
    const { merge } = (await d.owner.post('/api/v1/customers/merges', mergeBody(survivor, merged))).body;
    await newCustomer(d.owner, { customerNumber: merged.customerNumber });
    const refused = await d.owner.post(`/api/v1/customers/merges/${merge.id}/undo`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.reasons).toEqual(['number_taken']);
  });

  it('undoes once when 50 undos of one merge arrive at once: one answer restores, the others are refused, two audit rows', async () => {
    const d = await desk();
    const [survivor, merged] = [await newCustomer(d.owner), await newCustomer(d.owner)];
    const { merge } = (await d.owner.post('/api/v1/customers/merges', mergeBody(survivor, merged))).body;
    const answers = await Promise.all(Array.from({ length: 50 }, () => d.owner.post(`/api/v1/customers/merges/${merge.id}/undo`, {})));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    // Those that lost find the merge gone (undone), or the survivor already changed by the one that won.
    expect(statuses.filter((status) => status !== 200).every((status) => status === 404 || status === 409)).toBe(true);
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'customer.merge_undone'", d.reseller.id)).toBe(2);
    expect(await countRows('customers', 'id IN (?, ?)', survivor.id, merged.id)).toBe(2);
  });

  it('answers an undo a colleague already made (elsewhere) with 404, and one of a survivor changed since with 409, whatever this isolate remembers', async () => {
    const d = await desk();
    const [survivor, merged] = [await newCustomer(d.owner), await newCustomer(d.owner)];
    const { merge } = (await d.owner.post('/api/v1/customers/merges', mergeBody(survivor, merged))).body;
    // Another isolate's undo, as D1 sees it: the record is gone, the customers are back.
    await env.DB.prepare('DELETE FROM customer_merges WHERE id = ?').bind(merge.id).run();
    const gone = await d.owner.post(`/api/v1/customers/merges/${merge.id}/undo`, {});
    expect(gone.status).toBe(404);
    const [second, third] = [await newCustomer(d.owner), await newCustomer(d.owner)];
    const next = (await d.owner.post('/api/v1/customers/merges', mergeBody(second, third))).body.merge;
    // The survivor edited behind the memory, keeping its version and time of change (a restored database).
    await env.DB.prepare("UPDATE customers SET company = company || ' (geändert)' WHERE id = ?").bind(second.id).run();
    await env.DB.prepare('UPDATE customers SET version = version + 1 WHERE id = ?').bind(second.id).run();
    const refused = await d.owner.post(`/api/v1/customers/merges/${next.id}/undo`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.reasons).toEqual(['survivor_changed']);
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'customer.merge_undone'", d.reseller.id)).toBe(0);
  });

  it('answers 410 once its 10 minutes are over', async () => {
    const d = await desk();
    const [survivor, merged] = [await newCustomer(d.owner), await newCustomer(d.owner)];
    const { merge } = (await d.owner.post('/api/v1/customers/merges', mergeBody(survivor, merged))).body;
    expect(new Date(merge.undoUntil).getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    await env.DB.prepare('UPDATE customer_merges SET undo_until = ? WHERE id = ?')
      .bind(new Date(Date.now() - 1000).toISOString(), merge.id)
      .run();
    const expired = await d.owner.post(`/api/v1/customers/merges/${merge.id}/undo`, {});
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('merge_undo_expired');
    // The number still finds the survivor after the undo time.
    expect(await listed(d.owner, merged.customerNumber)).toEqual([survivor.id]);
  });
});

describe('merge rules', () => {
  let d: Desk;
  beforeAll(async () => {
    d = await desk();
  });

  it('tells integrations subscribed to merges, with the merge and the survivor', async () => {
    const path = `/ok-merge-${d.reseller.id}`;
    expect((await d.owner.post('/api/v1/webhooks', { url: `https://hooks.receiver.test${path}`, eventTypes: ['customer.merged', 'customer.merge_undone'] })).status).toBe(201);
    const [survivor, merged] = [await newCustomer(d.owner), await newCustomer(d.owner)];
    const { merge } = (await d.owner.post('/api/v1/customers/merges', mergeBody(survivor, merged))).body;
    expect((await d.owner.post(`/api/v1/customers/merges/${merge.id}/undo`, {})).status).toBe(200);
    // Deliveries are queued each on its own, so they may arrive in either order.
    const deliveries = (await receivedAt(path, 2)).map((delivery) => JSON.parse(delivery.body));
    const [merging, undoing] = ['customer.merged', 'customer.merge_undone'].map((type) => deliveries.find((delivery) => delivery.type === type));
    expect(merging).toMatchObject({
      type: 'customer.merged',
      data: { entityId: merged.id, object: { merge: { id: merge.id, survivorId: survivor.id }, survivor: { id: survivor.id } } },
    });
    expect(undoing).toMatchObject({ type: 'customer.merge_undone', data: { entityId: merged.id, object: { merged: { id: merged.id, customerNumber: merged.customerNumber } } } });
  });

  it('needs the permission to delete customers: a buyer and support get 403 and nothing changes', async () => {
    const [survivor, merged] = [await newCustomer(d.owner), await newCustomer(d.owner)];
    for (const role of ['buyer', 'support'] as const) {
      const client = await Client.signedIn((await createUser(d.reseller, role)).email);
      const refused = await client.post('/api/v1/customers/merges', mergeBody(survivor, merged));
      expect(refused.status, role).toBe(403);
    }
    expect((await d.owner.get(`/api/v1/customers/${merged.id}`)).status).toBe(200);
  });

  it('answers 404 for another reseller’s customer, on either side, and changes nothing', async () => {
    const other: TestReseller = await createReseller();
    const stranger = await createCustomer(other);
    const own = await newCustomer(d.owner);
    const asMerged = await d.owner.post('/api/v1/customers/merges', { survivorId: own.id, survivorVersion: own.version, mergedId: stranger.id, mergedVersion: 1 });
    const asSurvivor = await d.owner.post('/api/v1/customers/merges', { survivorId: stranger.id, survivorVersion: 1, mergedId: own.id, mergedVersion: own.version });
    expect([asMerged.status, asSurvivor.status]).toEqual([404, 404]);
    expect(await countRows('customers', 'id = ?', stranger.id)).toBe(1);
    expect(await countRows('customer_merges', 'reseller_id IN (?, ?)', other.id, d.reseller.id)).toBe(0);
  });

  it('refuses to merge a customer with itself (422 at mergedId)', async () => {
    const own = await newCustomer(d.owner);
    const refused = await d.owner.post('/api/v1/customers/merges', mergeBody(own, own));
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toEqual({ mergedId: 'same_customer' });
  });

  it('refuses to replace a stored e-mail by the other customer’s empty one (422 at the field), and values that do not fit together', async () => {
    const survivor = await newCustomer(d.owner);
    const merged = await createCustomer(d.reseller, { email: '', postalCode: '1010', city: 'Wien', country: 'AT' });
    const empty = await d.owner.post('/api/v1/customers/merges', { ...mergeBody(survivor, { ...merged, version: 1 } as never), fields: { email: 'merged' } });
    expect(empty.status).toBe(422);
    expect(empty.body.error.fields).toEqual({ 'fields.email': 'required' });
    // A German postal code with the other's country (Austria, four digits) does not fit.
    const mixed = await d.owner.post('/api/v1/customers/merges', { ...mergeBody(survivor, { ...merged, version: 1 } as never), fields: { country: 'merged' } });
    expect(mixed.status).toBe(422);
    expect(mixed.body.error.fields).toEqual({ postalCode: 'invalid_postal_code' });
    expect(await countRows('customers', 'id IN (?, ?)', survivor.id, merged.id)).toBe(2);
  });

  it('refuses a version the user did not see (409 with the customer as it is now)', async () => {
    const [survivor, merged] = [await newCustomer(d.owner), await newCustomer(d.owner)];
    expect((await d.owner.patch(`/api/v1/customers/${merged.id}`, { version: merged.version, city: 'Köln', postalCode: '50667' })).status).toBe(200);
    const refused = await d.owner.post('/api/v1/customers/merges', mergeBody(survivor, merged));
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('version_conflict');
    expect(refused.body.error.current.city).toBe('Köln');
    expect(await countRows('customers', 'id = ?', merged.id)).toBe(1);
  });

  it('asks which relationship stays when both are accepted with different rights', async () => {
    const survivor = await createCustomer(d.reseller, { relationshipState: 'active', grantedRights: ['delegated_admin'] });
    const merged = await createCustomer(d.reseller, { relationshipState: 'active', grantedRights: ['billing_view'] });
    const body = { survivorId: survivor.id, survivorVersion: 1, mergedId: merged.id, mergedVersion: 1 };
    const refused = await d.owner.post('/api/v1/customers/merges', body);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('relationship_choice_required');
    expect(refused.body.error.fields).toEqual({ relationship: 'choice_required' });
    const chosen = await d.owner.post('/api/v1/customers/merges', { ...body, relationship: 'merged' });
    expect(chosen.status).toBe(201);
    expect(chosen.body.customer.grantedRights).toEqual(['billing_view']);
  });

  it('merges archived customers', async () => {
    const survivor = await newCustomer(d.owner);
    const merged = await newCustomer(d.owner);
    const archived = (await d.owner.post(`/api/v1/customers/${merged.id}/archive`, {})).body.customer;
    const response = await d.owner.post('/api/v1/customers/merges', mergeBody(survivor, archived));
    expect(response.status).toBe(201);
    expect(response.body.customer.archivedAt).toBeNull();
  });

  it('answers a repeated Idempotency-Key with the first answer and merges once', async () => {
    const [survivor, merged] = [await newCustomer(d.owner), await newCustomer(d.owner)];
    const key = `merge-${unique()}`;
    const first = await d.owner.request('POST', '/api/v1/customers/merges', mergeBody(survivor, merged), { 'idempotency-key': key });
    const again = await d.owner.request('POST', '/api/v1/customers/merges', mergeBody(survivor, merged), { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.merge.id).toBe(first.body.merge.id);
    expect(await countRows('customer_merges', 'survivor_id = ?', survivor.id)).toBe(1);
  });

  it('keeps a chain findable: a customer merged into one that is merged again still finds the last survivor', async () => {
    const [a, b, c] = [await newCustomer(d.owner), await newCustomer(d.owner), await newCustomer(d.owner)];
    const first = (await d.owner.post('/api/v1/customers/merges', mergeBody(b, a))).body;
    const second = (await d.owner.post('/api/v1/customers/merges', mergeBody(c, first.customer))).body;
    expect(second.customer.id).toBe(c.id);
    expect(await listed(d.owner, a.customerNumber)).toEqual([c.id]);
    expect(await listed(d.owner, b.customerNumber)).toEqual([c.id]);
    // The first merge's survivor is gone: its undo cannot restore it.
    const refused = await d.owner.post(`/api/v1/customers/merges/${first.merge.id}/undo`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.reasons).toContain('survivor_merged');
  });

  it('keeps merges apart between resellers: another reseller can neither list nor undo them', async () => {
    const [survivor, merged] = [await newCustomer(d.owner), await newCustomer(d.owner)];
    const { merge } = (await d.owner.post('/api/v1/customers/merges', mergeBody(survivor, merged))).body;
    const otherDesk = await desk();
    expect((await otherDesk.owner.get(`/api/v1/customers/merges?customerId=${merged.id}`)).status).toBe(404);
    expect((await otherDesk.owner.get(`/api/v1/customers/merges?customerId=${survivor.id}`)).status).toBe(404);
    expect((await otherDesk.owner.post(`/api/v1/customers/merges/${merge.id}/undo`, {})).status).toBe(404);
    expect(await countRows('customer_merges', 'id = ?', merge.id)).toBe(1);
  });
});

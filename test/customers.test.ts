import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { Client, countRows, createCustomer, createReseller, createUser, ORIGIN } from './fixtures';

const valid = {
  customerNumber: 'K-1001',
  company: 'Bäckerei Müller GmbH',
  contactFirstName: 'Jürgen',
  contactLastName: 'Müller',
  email: 'Info@Baeckerei-Mueller.de',
  phone: '+49 89 123456',
  address: 'Hauptstraße 1',
  postalCode: '80331',
  city: 'München',
  country: 'DE',
  website: 'www.baeckerei-mueller.de',
  primaryDomain: 'baeckerei-mueller.de',
};

async function setup(role: 'owner' | 'admin' | 'buyer' | 'support' = 'owner') {
  const reseller = await createReseller();
  const user = await createUser(reseller, role);
  return { reseller, user, client: await Client.signedIn(user.email) };
}

describe('new customer', () => {
  it('creates a customer with normalised fields and an audit row in the same batch', async () => {
    const { reseller, client } = await setup();
    const response = await client.post('/api/v1/customers', valid);
    expect(response.status).toBe(201);
    expect(response.body.customer).toMatchObject({
      customerNumber: 'K-1001',
      email: 'info@baeckerei-mueller.de',
      website: 'https://www.baeckerei-mueller.de',
      version: 1,
      tags: [],
    });
    const id = response.body.customer.id;
    expect((await client.get(`/api/v1/customers/${id}`)).body.customer.company).toBe('Bäckerei Müller GmbH');
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'customer.created' AND customer_id = ?", reseller.id, id)).toBe(1);
  });

  it('explains every missing or malformed field (422) and writes nothing', async () => {
    const { client } = await setup();
    const before = [await countRows('customers'), await countRows('audit_log')];
    const response = await client.post('/api/v1/customers', {
      customerNumber: ' ',
      company: '',
      contactLastName: '',
      email: 'keine-mail',
      phone: 'abc',
      website: 'not a url',
      address: '',
      postalCode: '1234',
      city: '',
      country: 'XX',
    });
    expect(response.status).toBe(422);
    expect(response.body.error.fields).toMatchObject({
      customerNumber: 'required',
      email: 'invalid_email',
      phone: 'invalid_phone',
      website: 'invalid_url',
      address: 'required',
      city: 'required',
      country: 'invalid_country',
    });
    expect([await countRows('customers'), await countRows('audit_log')]).toEqual(before);
  });

  it('needs a company or a contact last name, and a postal code that fits the country', async () => {
    const { client } = await setup();
    const noName = await client.post('/api/v1/customers', { ...valid, company: '', contactLastName: '' });
    expect(noName.body.error.fields).toEqual({ contactLastName: 'company_or_last_name' });
    for (const [country, postalCode] of [
      ['DE', '1234'],
      ['AT', '12345'],
      ['CH', '80331'],
    ]) {
      const response = await client.post('/api/v1/customers', { ...valid, customerNumber: `K-${country}`, country, postalCode });
      expect(response.body.error.fields).toEqual({ postalCode: 'invalid_postal_code' });
    }
    expect((await client.post('/api/v1/customers', { ...valid, customerNumber: 'K-AT', country: 'AT', postalCode: '1010', company: '', contactLastName: 'Huber' })).status).toBe(
      201,
    );
  });

  it('refuses a customer number that is already used (409 at the field), per reseller', async () => {
    const { client } = await setup();
    expect((await client.post('/api/v1/customers', valid)).status).toBe(201);
    const again = await client.post('/api/v1/customers', { ...valid, email: 'other@example.com' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'customer_number_taken', fields: { customerNumber: 'customer_number_taken' } });
    const other = await setup();
    expect((await other.client.post('/api/v1/customers', valid)).status).toBe(201);
  });

  it('proposes the next free customer number', async () => {
    const { reseller, client } = await setup();
    expect((await client.get('/api/v1/customers/next-number')).body.customerNumber).toBe('10001');
    await createCustomer(reseller, { customerNumber: '10041' });
    await createCustomer(reseller, { customerNumber: 'K-99999' });
    expect((await client.get('/api/v1/customers/next-number')).body.customerNumber).toBe('10042');
  });

  it('stores HTML and script as plain text, exactly as typed', async () => {
    const { client } = await setup();
    const company = '<script>alert(1)</script><b>Fett</b> & Co';
    const response = await client.post('/api/v1/customers', { ...valid, company });
    expect(response.status).toBe(201);
    expect((await client.get(`/api/v1/customers/${response.body.customer.id}`)).body.customer.company).toBe(company);
  });

  it('refuses overlong fields with 422', async () => {
    const { client } = await setup();
    const response = await client.post('/api/v1/customers', { ...valid, company: 'x'.repeat(161), city: 'y'.repeat(81) });
    expect(response.status).toBe(422);
    expect(response.body.error.fields).toMatchObject({ company: 'too_long', city: 'too_long' });
  });

  it('lets support read but not create, and only the owner create under the strict rule', async () => {
    const support = await setup('support');
    expect((await support.client.post('/api/v1/customers', valid)).status).toBe(403);
    const reseller = await createReseller('basic', { onlyOwnerAddsCustomers: true });
    const admin = await Client.signedIn((await createUser(reseller, 'admin')).email);
    const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
    expect((await admin.post('/api/v1/customers', valid)).status).toBe(403);
    expect((await owner.post('/api/v1/customers', valid)).status).toBe(201);
  });
});

describe('search', () => {
  async function searchable() {
    const { reseller, client } = await setup();
    const make = (customerNumber: string, fields: Record<string, string>) => client.post('/api/v1/customers', { ...valid, customerNumber, ...fields });
    await make('20001', { company: 'Müller Haustechnik GmbH', email: 'info@mueller-haustechnik.de', primaryDomain: 'mueller-haustechnik.de', city: 'Köln' });
    await make('20002', { company: 'Mueller Logistik AG', email: 'office@mueller-log.ch', primaryDomain: 'mueller-log.ch', country: 'CH', postalCode: '8001', city: 'Zürich' });
    await make('20003', { company: 'Muller Optik', email: 'kontakt@muller-optik.at', primaryDomain: 'muller-optik.at', country: 'AT', postalCode: '1010', city: 'Wien' });
    await make('30001', {
      company: 'Schreinerei Weber',
      contactFirstName: 'Anna',
      contactLastName: 'Schmidt',
      email: 'anna@weber-holz.de',
      primaryDomain: 'weber-holz.de',
      city: 'Graz',
      country: 'AT',
      postalCode: '8010',
    });
    const numbers = async (q: string) => {
      const response = await client.get(`/api/v1/customers?q=${encodeURIComponent(q)}&limit=200`);
      expect(response.status).toBe(200);
      return response.body.items.map((c: { customerNumber: string }) => c.customerNumber).sort();
    };
    return { reseller, client, numbers };
  }

  it('finds Müller, Mueller and Muller from any of the three spellings, case-insensitively', async () => {
    const { numbers } = await searchable();
    for (const q of ['Müller', 'mueller', 'MULLER', 'müll', 'Muel']) expect(await numbers(q)).toEqual(['20001', '20002', '20003']);
  });

  it('matches prefixes of name, contact, e-mail, city, customer number and domain', async () => {
    const { numbers } = await searchable();
    expect(await numbers('Schrein')).toEqual(['30001']);
    expect(await numbers('schmi')).toEqual(['30001']);
    expect(await numbers('anna@weber')).toEqual(['30001']);
    expect(await numbers('gra')).toEqual(['30001']);
    expect(await numbers('3000')).toEqual(['30001']);
    expect(await numbers('weber-holz.de')).toEqual(['30001']);
    expect(await numbers('Zür')).toEqual(['20002']);
  });

  it('requires every word of a multi-word search (1 to 3 words)', async () => {
    const { numbers } = await searchable();
    expect(await numbers('müller köln')).toEqual(['20001']);
    expect(await numbers('mueller logistik zürich')).toEqual(['20002']);
    expect(await numbers('müller graz')).toEqual([]);
  });

  it("counts the matches and never finds another reseller's customers", async () => {
    const { client } = await searchable();
    const other = await createReseller();
    await createCustomer(other, { company: 'Müller Fremdkunde GmbH' });
    const response = await client.get('/api/v1/customers?q=m%C3%BCller');
    expect(response.body.total).toBe(3);
    expect(JSON.stringify(response.body)).not.toContain('Fremdkunde');
  });

  it('follows an update: the old name is no longer found, the new one is', async () => {
    const { client, numbers } = await searchable();
    const list = await client.get('/api/v1/customers?q=schreinerei');
    const customer = list.body.items[0];
    expect((await client.patch(`/api/v1/customers/${customer.id}`, { version: customer.version, company: 'Tischlerei Weber' })).status).toBe(200);
    expect(await numbers('schreinerei')).toEqual([]);
    expect(await numbers('tischler')).toEqual(['30001']);
  });
});

describe('sort, filter and paging', () => {
  async function listed() {
    const { reseller, client } = await setup();
    await createCustomer(reseller, { customerNumber: 'A-3', company: 'Zeta GmbH', city: 'Bern', country: 'CH', monthlyRevenueCents: 500, relationshipState: 'active' });
    await createCustomer(reseller, { customerNumber: 'A-1', company: 'Äpfel AG', city: 'Aachen', country: 'DE', monthlyRevenueCents: 90000, relationshipState: 'none' });
    await createCustomer(reseller, { customerNumber: 'A-2', company: 'Beta KG', city: 'Wien', country: 'AT', monthlyRevenueCents: 12000, relationshipState: 'active' });
    return { reseller, client };
  }
  const order = (response: { body: { items: { customerNumber: string }[] } }) => response.body.items.map((c) => c.customerNumber);

  it('sorts by every column in both directions', async () => {
    const { client } = await listed();
    expect(order(await client.get('/api/v1/customers?sort=name'))).toEqual(['A-1', 'A-2', 'A-3']);
    expect(order(await client.get('/api/v1/customers?sort=name&dir=desc'))).toEqual(['A-3', 'A-2', 'A-1']);
    expect(order(await client.get('/api/v1/customers?sort=monthlyRevenue&dir=desc'))).toEqual(['A-1', 'A-2', 'A-3']);
    expect(order(await client.get('/api/v1/customers?sort=city'))).toEqual(['A-1', 'A-3', 'A-2']);
    for (const sort of ['customerNumber', 'contact', 'phone', 'email', 'productCount', 'relationshipState', 'tags', 'createdAt']) {
      const response = await client.get(`/api/v1/customers?sort=${sort}&dir=desc`);
      expect([sort, response.status, response.body.items.length]).toEqual([sort, 200, 3]);
    }
  });

  it('filters by relationship state and country, with the count of matches', async () => {
    const { client } = await listed();
    const active = await client.get('/api/v1/customers?state=active');
    expect(order(active)).toEqual(['A-2', 'A-3']);
    expect(active.body.total).toBe(2);
    expect(order(await client.get('/api/v1/customers?country=AT'))).toEqual(['A-2']);
  });

  it('counts a search or filter up to 1,000 and then says "more than"; the whole list and exports count exactly', async () => {
    const { reseller, client } = await setup();
    const many = (await client.post('/api/v1/tags', { name: 'Viele' })).body.tag;
    const thousand = (await client.post('/api/v1/tags', { name: 'Tausend' })).body.tag;
    // 1,001 customers named "Masse …", all tagged "Viele", the first 1,000 also "Tausend".
    await env.DB.batch([
      env.DB.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1001)
         INSERT INTO customers (id, reseller_id, customer_number, company, name_sort, email, address, postal_code, city, country)
         SELECT printf('cus_cap_%s_%04d', ?1, i), ?1, printf('M-%04d', i), 'Masse ' || i, 'masse ' || i, 'm@masse.example', 'Weg 1', '10115', 'Berlin', 'DE' FROM n`,
      ).bind(reseller.id),
      env.DB.prepare(`INSERT INTO customer_search_terms (reseller_id, term, customer_id) SELECT reseller_id, 'masse', id FROM customers WHERE reseller_id = ?`).bind(reseller.id),
      env.DB.prepare(`INSERT INTO customer_tags (reseller_id, customer_id, tag_id) SELECT reseller_id, id, ? FROM customers WHERE reseller_id = ?`).bind(many.id, reseller.id),
      env.DB.prepare(
        `INSERT INTO customer_tags (reseller_id, customer_id, tag_id) SELECT reseller_id, id, ? FROM customers WHERE reseller_id = ? AND customer_number <> 'M-1001'`,
      ).bind(thousand.id, reseller.id),
    ]);
    const count = async (query: string) => {
      const { body } = await client.get(`/api/v1/customers${query}`);
      return [body.total, body.totalCapped, body.items.length];
    };
    expect(await count(`?tag=${many.id}`)).toEqual([1000, true, 50]);
    expect(await count('?q=masse')).toEqual([1000, true, 50]);
    expect(await count('?q=masse&country=DE&sort=name')).toEqual([1000, true, 50]);
    expect(await count(`?tag=${thousand.id}`)).toEqual([1000, false, 50]);
    expect(await count('')).toEqual([1001, false, 50]);
    // The export of the view states and holds every row: the cap is the list's, not the file's.
    const csv = await SELF.fetch(`${ORIGIN}/api/v1/customers/export?format=csv&scope=view&tag=${many.id}`, { headers: { origin: ORIGIN, cookie: client.cookie } });
    expect((await csv.text()).trim().split('\n')).toHaveLength(1 + 1001);
  });

  it('lists each customer exactly as its own page shows it (tags, custom fields, flags, dates)', async () => {
    const { client } = await setup();
    const tag = (await client.post('/api/v1/tags', { name: 'Liste' })).body.tag;
    const created = (await client.post('/api/v1/customers', { ...valid, customerNumber: 'L-1', company: 'Liste & Söhne' })).body.customer;
    await env.DB.prepare(
      `UPDATE customers SET custom_fields = '{"note":"a"}', granted_rights = '["delegated_admin"]', rights_to_review = 1, monthly_revenue_cents = 1234 WHERE id = ?`,
    )
      .bind(created.id)
      .run();
    expect((await client.post('/api/v1/customers/bulk-tags', { customerIds: [created.id], addTagIds: [tag.id] })).status).toBe(200);
    for (const query of ['', '?q=liste', `?tag=${tag.id}`]) {
      const [listed] = (await client.get(`/api/v1/customers${query}`)).body.items;
      const { customer } = (await client.get(`/api/v1/customers/${created.id}`)).body;
      expect(customer).toMatchObject(listed);
      expect(listed).toMatchObject({
        customFields: { note: 'a' },
        grantedRights: ['delegated_admin'],
        rightsToReview: true,
        monthlyRevenueCents: 1234,
        tags: [{ id: tag.id, name: 'Liste' }],
      });
    }
  });

  it('pages by cursor under any sort without skipping or repeating', async () => {
    const { reseller, client } = await listed();
    for (let i = 0; i < 5; i++) await createCustomer(reseller, { customerNumber: `B-${i}`, monthlyRevenueCents: 12000 });
    const seen: string[] = [];
    let cursor = '';
    do {
      const page = await client.get(`/api/v1/customers?sort=monthlyRevenue&dir=desc&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...order(page));
      cursor = page.body.nextCursor ?? '';
    } while (cursor);
    expect(seen.length).toBe(8);
    expect(new Set(seen).size).toBe(8);
    expect(seen[0]).toBe('A-1');
    expect(seen.at(-1)).toBe('A-3');
  });

  it('answers an unknown sort, a limit over the maximum, a malformed or foreign cursor and an unknown tag with 4xx', async () => {
    const { client } = await listed();
    const sort = await client.get('/api/v1/customers?sort=password');
    expect([sort.status, sort.body.error.fields.sort]).toEqual([422, 'invalid_sort']);
    expect((await client.get('/api/v1/customers?limit=201')).body.error.fields.limit).toBe('too_large');
    expect((await client.get('/api/v1/customers?cursor=bm9wZQ')).body.error.code).toBe('invalid_cursor');
    const first = await client.get('/api/v1/customers?limit=1&sort=name');
    const foreign = await client.get(`/api/v1/customers?limit=1&sort=city&cursor=${first.body.nextCursor}`);
    expect([foreign.status, foreign.body.error.code]).toEqual([400, 'invalid_cursor']);
    const tag = await client.get('/api/v1/customers?tag=tag_unknown');
    expect([tag.status, tag.body.error.fields.tag]).toEqual([422, 'unknown_tag']);
    expect((await client.get('/api/v1/customers?country=XX')).status).toBe(422);
    expect((await client.get(`/api/v1/customers?q=${'x'.repeat(101)}`)).status).toBe(422);
  });
});

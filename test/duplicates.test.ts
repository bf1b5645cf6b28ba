import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { companyKey, customerMatchKeys, duplicateReasons } from '../schema/duplicateKeys.js';
import { groupsOfReason } from '../worker/customers/duplicates';
import { tenantScope } from '../worker/db';
import { Client, countRows, createReseller, createUser, type TestReseller } from './fixtures';
import { dryRunOf } from './importHelpers';
import { LiveSocket } from './liveClient';

async function staff(reseller: TestReseller, role: 'owner' | 'admin' | 'buyer' | 'support' = 'owner') {
  return Client.signedIn((await createUser(reseller, role)).email);
}

let numbers = 0;
const create = async (client: Client, fields: Record<string, unknown> = {}) => {
  const response = await client.post('/api/v1/customers', {
    customerNumber: `D-${++numbers}-${Math.random().toString(36).slice(2, 7)}`,
    company: `Firma ${Math.random().toString(36).slice(2, 9)}`,
    email: `kontakt@${Math.random().toString(36).slice(2, 9)}.example`,
    address: 'Hauptstraße 1',
    postalCode: '80331',
    city: 'München',
    country: 'DE',
    ...fields,
  });
  expect(response.status).toBe(201);
  return response.body.customer as { id: string; customerNumber: string; version: number };
};

const hints = async (client: Client, query: Record<string, string>) => {
  const response = await client.get(`/api/v1/customers/duplicates/hints?${new URLSearchParams(query)}`);
  expect(response.status).toBe(200);
  return response.body.items as { customer: { id: string; customerNumber: string }; reasons: string[] }[];
};

const groups = async (client: Client, query = '') => {
  const response = await client.get(`/api/v1/customers/duplicates?limit=200${query}`);
  expect(response.status).toBe(200);
  return response.body as { items: { reason: string; key: string; memberCount: number; customers: { id: string }[] }[]; nextCursor: string | null };
};

describe('duplicate keys', () => {
  it('folds legal forms, accents and punctuation out of company names', () => {
    const key = companyKey('Elektro Neumann e.K.');
    expect(key).toBe('elektroneumann');
    for (const name of [
      'Elektro-Neumann GmbH',
      'ELEKTRO NEUMANN GmbH & Co. KG',
      'Elektro Neumann OHG',
      'Elektro Neumann AG',
      'Elektro Neumann e.U.',
      'Elektro Neumann UG (haftungsbeschränkt)',
    ]) {
      expect(companyKey(name), name).toBe(key);
    }
    expect(companyKey('Bäckerei Müller GmbH')).toBe(companyKey('Baeckerei Mueller'));
    expect(companyKey('Elektro Neumann Süd GmbH')).not.toBe(key);
    // A name that is only a legal form says nothing.
    expect(companyKey('GmbH')).toBe('');
  });

  it('keeps e-mail, phone as digits, domains without www and the folded name; shared mail providers are no domain', () => {
    const keys = customerMatchKeys({
      company: 'Huber GmbH',
      email: 'Info@Huber-IT.de',
      phone: '089 / 123 456',
      mobile: '+49 171 2345678',
      country: 'DE',
      website: 'https://www.huber-it.de/kontakt',
      primaryDomain: 'huber.de',
    });
    expect(keys).toEqual([
      { kind: 'email', key: 'info@huber-it.de' },
      { kind: 'phone', key: '4989123456' },
      { kind: 'phone', key: '491712345678' },
      { kind: 'domain', key: 'huber.de' },
      { kind: 'domain', key: 'huber-it.de' },
      { kind: 'name', key: 'huber' },
    ]);
    expect(customerMatchKeys({ email: 'max@gmx.de', company: '' })).toEqual([{ kind: 'email', key: 'max@gmx.de' }]);
  });
});

describe('hints while a customer is entered', () => {
  it('names the existing customer for each reason: same e-mail, phone, domain and folded company name', async () => {
    const reseller = await createReseller();
    const owner = await staff(reseller);
    const existing = await create(owner, { company: 'Elektro Neumann e.K.', email: 'info@elektro-neumann.de', phone: '+49 89 123456', primaryDomain: 'elektro-neumann.de' });
    const unrelated = await create(owner, { company: 'Gärtnerei Sonnenschein', email: 'post@sonnenschein.example', phone: '+49 30 998877' });

    const byReason: [Record<string, string>, string][] = [
      [{ email: 'INFO@elektro-neumann.de ' }, 'email'],
      [{ phone: '089 123456', country: 'DE' }, 'phone'],
      [{ email: 'chef@elektro-neumann.de' }, 'domain'],
      [{ website: 'www.elektro-neumann.de' }, 'domain'],
      [{ company: 'Elektro-Neumann GmbH' }, 'name'],
    ];
    for (const [typed, reason] of byReason) {
      const found = await hints(owner, typed);
      expect(
        found.map((hint) => hint.customer.id),
        JSON.stringify(typed),
      ).toEqual([existing.id]);
      expect(found[0]!.reasons).toContain(reason);
      expect(found[0]!.customer.customerNumber).toBe(existing.customerNumber);
    }
    // Several reasons at once: strongest first.
    const all = await hints(owner, { company: 'Elektro Neumann GmbH', email: 'info@elektro-neumann.de', phone: '089123456', country: 'DE' });
    expect(all[0]!.reasons).toEqual(['email', 'phone', 'domain', 'name']);
    expect(await hints(owner, { company: 'Elektro Neumann Süd', email: 'info@andere.example', country: 'DE' })).toEqual([]);
    // A shared mail provider's domain is no reason; the customer being edited is not its own duplicate.
    await create(owner, { email: 'anna@gmx.de' });
    expect(await hints(owner, { email: 'bernd@gmx.de' })).toEqual([]);
    expect(await hints(owner, { company: 'Gärtnerei Sonnenschein GmbH', excludeId: unrelated.id })).toEqual([]);
  });

  it('follows changes: an edited customer is found by its new values only, a deleted one not at all', async () => {
    const reseller = await createReseller();
    const owner = await staff(reseller);
    const customer = await create(owner, { company: 'Alte Firma GmbH', email: 'alt@altefirma.example' });
    const patched = await owner.patch(`/api/v1/customers/${customer.id}`, { version: customer.version, company: 'Neue Firma AG' });
    expect(patched.status).toBe(200);
    expect(await hints(owner, { company: 'Alte Firma' })).toEqual([]);
    expect((await hints(owner, { company: 'Neue Firma KG' })).map((hint) => hint.customer.id)).toEqual([customer.id]);
    expect((await owner.delete(`/api/v1/customers/${customer.id}`)).status).toBe(204);
    expect(await hints(owner, { company: 'Neue Firma' })).toEqual([]);
    expect(await countRows('customer_match_keys', 'customer_id = ?', customer.id)).toBe(0);
    // Undoing the delete brings its keys back.
    expect((await owner.post(`/api/v1/customers/${customer.id}/undo-delete`, {})).status).toBe(201);
    expect((await hints(owner, { company: 'Neue Firma' })).map((hint) => hint.customer.id)).toEqual([customer.id]);
  });

  it('POST /customers with checkDuplicates refuses a likely duplicate with the customers it looks like; without it the customer is made', async () => {
    const reseller = await createReseller();
    const owner = await staff(reseller);
    const existing = await create(owner, { company: 'Huber Holding GmbH & Co. KG', email: 'info@huber-holding.example' });
    const input = { customerNumber: 'NEU-1', company: 'Huber Holding AG', email: 'einkauf@andere.example', address: 'Weg 2', postalCode: '80331', city: 'München', country: 'DE' };
    const refused = await owner.post('/api/v1/customers', { ...input, checkDuplicates: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('possible_duplicates');
    expect(refused.body.error.duplicates).toEqual([{ customer: expect.objectContaining({ id: existing.id, customerNumber: existing.customerNumber }), reasons: ['name'] }]);
    expect(await countRows('customers', 'reseller_id = ? AND customer_number = ?', reseller.id, 'NEU-1')).toBe(0);
    expect((await owner.post('/api/v1/customers', { ...input, checkDuplicates: true, company: 'Ganz Anders GmbH' })).status).toBe(201);
    expect((await owner.post('/api/v1/customers', { ...input, customerNumber: 'NEU-2' })).status).toBe(201);
    const wrong = await owner.post('/api/v1/customers', { ...input, customerNumber: 'NEU-3', checkDuplicates: 'ja' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.fields).toHaveProperty('checkDuplicates');
  });

  it("never shows another reseller's customers", async () => {
    const mine = await createReseller();
    const theirs = await createReseller();
    const owner = await staff(mine);
    const other = await staff(theirs);
    await create(other, { company: 'Geheim GmbH', email: 'info@geheim.example' });
    expect(await hints(owner, { company: 'Geheim AG', email: 'info@geheim.example' })).toEqual([]);
    // The same customer at both resellers is no group at either.
    await create(owner, { company: 'Geheim GmbH', email: 'info@geheim.example' });
    expect((await groups(owner)).items).toEqual([]);
    expect((await groups(other)).items).toEqual([]);
    expect((await owner.post('/api/v1/customers/duplicates/dismissals', { customerIds: [(await create(owner)).id, (await create(other)).id] })).status).toBe(404);
  });

  it('tells the colleague entering the same customer: the new customer arrives live, and asking again finds it', async () => {
    const reseller = await createReseller();
    const anna = await staff(reseller);
    const bernd = await staff(reseller, 'buyer');
    const socket = await LiveSocket.open(bernd);
    expect(await hints(bernd, { company: 'Parallel GmbH' })).toEqual([]);
    const made = await create(anna, { company: 'Parallel e.K.' });
    const arrived = await socket.next((message) => message.type === 'event' && message.event.entityId === made.id);
    expect(arrived.type === 'event' && arrived.event).toMatchObject({ kind: 'customer.created', data: { company: 'Parallel e.K.' } });
    expect((await hints(bernd, { company: 'Parallel GmbH' })).map((hint) => hint.customer.id)).toEqual([made.id]);
    socket.close();
  });
});

describe("the import's dry run", () => {
  it('shows, for a row that creates a customer, the existing customers it looks like', async () => {
    const reseller = await createReseller();
    const owner = await staff(reseller);
    const existing = await create(owner, { customerNumber: 'ALT-7', company: 'Schreinerei Holz GmbH', email: 'info@holz.example' });
    const csv =
      'Kundennummer;Firma;E-Mail;Straße;PLZ;Ort;Land\nIMP-1;Schreinerei Holz e.K.;buero@holz.example;Weg 1;10115;Berlin;DE\nIMP-2;Ganz Neu GmbH;neu@neu.example;Weg 2;10115;Berlin;DE\n';
    const { dryRun } = await dryRunOf(owner, csv);
    const [repeated, fresh] = dryRun.rows;
    expect(repeated).toMatchObject({ action: 'create', customerNumber: 'IMP-1' });
    expect(repeated.possibleDuplicates).toEqual([{ customer: expect.objectContaining({ id: existing.id, customerNumber: 'ALT-7' }), reasons: ['domain', 'name'] }]);
    expect(fresh.possibleDuplicates).toBeUndefined();
  });
});

describe('the list of possible duplicates', () => {
  it('groups customers by reason, strongest first, pages through them, and forgets pairs marked "kein Duplikat"', async () => {
    const reseller = await createReseller();
    const owner = await staff(reseller);
    const a = await create(owner, { company: 'Alpha GmbH', email: 'info@alpha.example' });
    const b = await create(owner, { company: 'Alpha AG', email: 'info@alpha.example' });
    const c = await create(owner, { company: 'Beta KG', phone: '+43 1 5550000', country: 'AT', postalCode: '1010' });
    const d = await create(owner, { company: 'Gamma OHG', phone: '01 5550000', country: 'AT', postalCode: '1010' });
    const e = await create(owner, { company: 'Delta GmbH' });
    const f = await create(owner, { company: 'Delta e.K.' });
    await create(owner, { company: 'Einzeln GmbH' });

    const page = await groups(owner);
    // a+b share e-mail, domain and name: listed once, under e-mail.
    expect(page.items.map((group) => [group.reason, group.customers.map((customer) => customer.id).sort()])).toEqual([
      ['email', [a.id, b.id].sort()],
      ['phone', [c.id, d.id].sort()],
      ['name', [e.id, f.id].sort()],
    ]);
    expect(page.items[1]).toMatchObject({ key: '4315550000', memberCount: 2 });

    // Paged one group at a time, the same groups in the same order.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const next = await groups(owner, `&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...next.items.map((group) => group.reason));
      cursor = next.nextCursor;
    } while (cursor);
    expect(paged).toEqual(['email', 'phone', 'name']);
    expect((await owner.get('/api/v1/customers/duplicates?cursor=bogus')).status).toBe(400);

    const dismissed = await owner.post('/api/v1/customers/duplicates/dismissals', { customerIds: [c.id, d.id] });
    expect(dismissed.status).toBe(204);
    expect((await groups(owner)).items.map((group) => group.reason)).toEqual(['email', 'name']);
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'customer.duplicates_dismissed'", reseller.id)).toBe(1);
    // The activity log names both by their numbers, in the order sent (taken from D1 inside the batch).
    const logged = await env.DB.prepare("SELECT after FROM audit_log WHERE reseller_id = ? AND action = 'customer.duplicates_dismissed'")
      .bind(reseller.id)
      .first<{ after: string }>();
    expect(JSON.parse(logged!.after)).toEqual({ customerIds: [c.id, d.id], numbers: [c.customerNumber, d.customerNumber] });
    // Marking them again changes nothing and is not audited again.
    expect((await owner.post('/api/v1/customers/duplicates/dismissals', { customerIds: [d.id, c.id] })).status).toBe(204);
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'customer.duplicates_dismissed'", reseller.id)).toBe(1);
    // A third customer with the phone number brings the group back: it holds a pair not yet looked at.
    const g = await create(owner, { company: 'Epsilon', phone: '+43 1 5550000', country: 'AT', postalCode: '1010' });
    expect(
      (await groups(owner)).items
        .find((group) => group.reason === 'phone')
        ?.customers.map((customer) => customer.id)
        .sort(),
    ).toEqual([c.id, d.id, g.id].sort());
  });

  it('reads groups from the index of shared keys, and each pair check by index, never scanning customers or keys', async () => {
    const reseller = await createReseller();
    const scope = tenantScope(env, { resellerId: reseller.id });
    for (const reason of duplicateReasons) {
      const query = groupsOfReason(scope, reason, 'm', 50).toSQL();
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
        .bind(...query.params)
        .all<{ detail: string }>();
      const plan = results.map((row) => row.detail);
      expect(plan.join('\n'), reason).toContain('customer_match_groups_shared_idx');
      expect(
        plan.filter((step) => /^SCAN /.test(step) && !/USING (COVERING )?INDEX|json_each/.test(step)),
        reason,
      ).toEqual([]);
    }
  });

  it('needs customers.write to mark, customers.read to look, and answers bad input with field errors', async () => {
    const reseller = await createReseller();
    const support = await staff(reseller, 'support');
    const owner = await staff(reseller);
    expect((await support.get('/api/v1/customers/duplicates')).status).toBe(200);
    const pair = [(await create(owner)).id, (await create(owner)).id];
    expect((await support.post('/api/v1/customers/duplicates/dismissals', { customerIds: pair })).status).toBe(403);
    const tooFew = await owner.post('/api/v1/customers/duplicates/dismissals', { customerIds: [pair[0]] });
    expect(tooFew.status).toBe(422);
    expect(tooFew.body.error.fields).toEqual({ customerIds: 'too_few' });
    const twice = await owner.post('/api/v1/customers/duplicates/dismissals', { customerIds: [pair[0], pair[0]] });
    expect(twice.body.error.fields).toEqual({ customerIds: 'duplicate_ids' });
    const unknown = await owner.post('/api/v1/customers/duplicates/dismissals', { customerIds: pair, extra: 1 });
    expect(unknown.body.error.fields).toEqual({ extra: 'unknown_field' });
  });
});

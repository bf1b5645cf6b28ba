import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { customerDisplayName } from '../schema/customerName.js';
import type { Customer } from '../schema/customers';
import { searchQueryPrefixes } from '../schema/search.js';
import { type DemoCustomer, demoCustomers } from '../scripts/demo-data.mjs';
import { demoListResellers, demoStaff, loadDemoData, wholeList } from './demo';
import type { Client } from './fixtures';
import { createReseller } from './fixtures';
import { pick, type Random, seeded } from './textClasses';

/** The ids a search answers, every page of it. */
const found = async (client: Client, q: string) => (await wholeList(client, `q=${encodeURIComponent(q)}`)).map((customer) => customer.id);

/** The phone as people type it: as shown, without spaces, and in the national form (0 instead of the country code). */
const phoneSpellings = (phone: string) => (phone ? [phone, phone.replaceAll(' ', ''), phone.replace(/^\+\d{1,3} /, '0'), phone.replace(/^\+/, '00')] : []);

/**
 * What a person types to find a customer they see in the list: always the whole name, its first word,
 * city and name, e-mail and number; and three of: some of its words cut short in another order, the
 * name in capitals, the contact, the domain, postal code and city, the phone in the usual spellings.
 */
function queriesFor(customer: Customer, random: Random): string[] {
  const name = customerDisplayName(customer);
  const words = name.split(' ').filter(Boolean);
  const someWords = words
    .filter(() => random() < 0.6)
    .map((word) => word.slice(0, 1 + Math.floor(random() * word.length)))
    .sort(() => random() - 0.5);
  const more = [
    someWords.join(' ') || words.at(-1)!,
    name.toUpperCase(),
    [customer.contactFirstName, customer.contactLastName].filter(Boolean).join(' '),
    customer.primaryDomain,
    `${customer.postalCode} ${customer.city}`,
    ...phoneSpellings(customer.phone),
  ].filter(Boolean);
  const always = [name, words[0]!, `${customer.city} ${name}`, customer.email, customer.customerNumber];
  return [...always, ...more.sort(() => random() - 0.5).slice(0, 3)];
}

/** Searches each customer by each of its queries (six at a time) and fails on the first that does not find it. */
async function expectEachFound(client: Client, list: Customer[], seed: number) {
  const random = seeded(seed);
  const searches = list.flatMap((customer) => queriesFor(customer, random).map((q) => ({ customer, q })));
  for (let start = 0; start < searches.length; start += 6) {
    const batch = searches.slice(start, start + 6);
    const answers = await Promise.all(batch.map(({ q }) => found(client, q)));
    batch.forEach(({ customer, q }, index) => {
      expect(answers[index]!.includes(customer.id), `"${q}" must find ${customer.customerNumber} ${customerDisplayName(customer)}`).toBe(true);
    });
  }
  return searches.length;
}

beforeAll(loadDemoData);

describe('search finds every customer by what the list shows for it', () => {
  for (const reseller of demoListResellers) {
    it(`every demo customer of ${reseller.name}`, async () => {
      const staff = await demoStaff(reseller, 'support');
      const list = await wholeList(staff, 'sort=customerNumber');
      expect(list.length).toBe(Number(await env.DB.prepare('SELECT count(*) AS n FROM customers WHERE reseller_id = ?').bind(reseller.id).first('n')));
      const searches = await expectEachFound(staff, list, 19);
      expect(searches).toBe(list.length * 8);
    }, 300_000);
  }

  it('a sample of the bench data, created through the API (every 500th of the 50,000-customer reseller)', async () => {
    const reseller = await createReseller();
    const owner = await demoStaff(reseller);
    const sample = demoCustomers({ id: 'rs_bench_00', customers: 50_000 }, 5000).filter((_, index) => index % 500 === 0);
    const fields = (customer: DemoCustomer) => {
      const { id: _id, resellerId: _r, relationshipState: _s, createdAt: _c, ...rest } = customer;
      const input: Record<string, unknown> = {};
      for (const key of [
        'customerNumber',
        'company',
        'contactFirstName',
        'contactLastName',
        'email',
        'phone',
        'mobile',
        'website',
        'address',
        'postalCode',
        'city',
        'state',
        'country',
        'primaryDomain',
      ] as const)
        input[key] = rest[key];
      return input;
    };
    for (const customer of sample) expect((await owner.post('/api/v1/customers', fields(customer))).status).toBe(201);
    const list = await wholeList(owner, 'sort=customerNumber');
    expect(list).toHaveLength(sample.length);
    await expectEachFound(owner, list, 23);
  }, 300_000);

  it('finds names with dots, ampersands and brackets typed exactly as listed, and only that customer', async () => {
    const reseller = await createReseller();
    const owner = await demoStaff(reseller);
    const names = ['Elektro Neumann e.K.', 'Malerbetrieb Huber GmbH & Co. KG', 'Brauerei Frei e.U.', 'Zahnarztpraxis Dr. Pichler', "O'Neill & Söhne", 'IT-Service 24/7 (Nord)'];
    const ids: Record<string, string> = {};
    for (const [index, company] of names.entries()) {
      const response = await owner.post('/api/v1/customers', {
        customerNumber: `P-${index}`,
        company,
        email: `info${index}@example.de`,
        address: 'Weg 1',
        postalCode: '80331',
        city: 'München',
        country: 'DE',
      });
      ids[company] = response.body.customer.id;
    }
    for (const company of names) expect([company, await found(owner, company)]).toEqual([company, [ids[company]]]);
    expect(await found(owner, 'Dr. Pichler')).toEqual([ids['Zahnarztpraxis Dr. Pichler']]);
    expect(await found(owner, 'huber & co')).toEqual([ids['Malerbetrieb Huber GmbH & Co. KG']]);
    // Punctuation alone separates words: "e.K." is every customer with a word starting with e and one with k.
    expect(await found(owner, 'e.K.')).toEqual(expect.arrayContaining([ids['Elektro Neumann e.K.']]));
  });

  it('folds case, umlauts, their spelled-out forms and ß the same way in the index and the query', async () => {
    const reseller = await createReseller();
    const owner = await demoStaff(reseller);
    const company = 'Müller & Söhne Straßenbau Weiß GmbH';
    const id = (
      await owner.post('/api/v1/customers', { customerNumber: 'M-1', company, email: 'info@example.de', address: 'Weg 1', postalCode: '80331', city: 'Köln', country: 'DE' })
    ).body.customer.id;
    for (const q of [
      'Müller',
      'mueller',
      'MÜLLER',
      'MUELLER',
      'muller',
      'Soehne',
      'SÖHNE',
      'strassenbau',
      'STRASSENBAU',
      'Straßenb',
      'weiss',
      'WEISS',
      'Weiß',
      'koeln müll',
      'KÖLN',
    ]) {
      expect([q, await found(owner, q)]).toEqual([q, [id]]);
    }
  });
});

describe('search query words', () => {
  it('splits punctuation like the index, joins a typed phone number into its digits and keeps the five most telling words', () => {
    expect(searchQueryPrefixes('Elektro Neumann e.K.')).toEqual(['elektro', 'neumann', 'k']);
    expect(searchQueryPrefixes('info@elektro-neumann.de')).toEqual(['info', 'elektro', 'neumann', 'de']);
    for (const typed of ['+49 89 123456', '+49 (0)89 123-456', '0049 89 123456', '+4989123456']) expect([typed, searchQueryPrefixes(typed)]).toEqual([typed, ['4989123456']]);
    for (const typed of ['089 123456', '(089) 123456', '089/123456', '089123456']) expect([typed, searchQueryPrefixes(typed)]).toEqual([typed, ['089123456']]);
    expect(searchQueryPrefixes('mu Müller')).toEqual(['muller']);
    expect(searchQueryPrefixes('Zahnarztpraxis Dr. Müller Huber GmbH & Co. KG')).toEqual(['zahnarztpraxis', 'dr', 'muller', 'huber', 'gmbh']);
    expect(searchQueryPrefixes(' & . - ')).toEqual([]);
  });

  it('never returns more than five words, whatever is typed', () => {
    const random = seeded(5);
    for (let run = 0; run < 500; run++) {
      const query = Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
        pick(random, ['a', 'Bäcker', 'GmbH', '&', 'Co.', '+49', '89', 'x-y', 'Müller', 'ü', '0', '10001']),
      ).join(' ');
      expect(searchQueryPrefixes(query).length).toBeLessThanOrEqual(5);
    }
  });
});

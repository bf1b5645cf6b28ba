import { describe, expect, it } from 'vitest';
import { customerMatchesQuery } from '../schema/customerOrder';
import { type Customer, completionFields, missingCustomerFields } from '../schema/customers';
import { Client, createCustomer, createProduct, createReseller, createUser } from './fixtures';
import { seededRandom as random } from './security/harness';

// An imported customer may lack its name, e-mail or billing address (Partner Center's file has none of
// them): it is kept as "incomplete" until they are filled in.

const complete = { company: 'Voll GmbH', contactLastName: 'Voll', email: 'voll@voll.example', address: 'Weg 1', postalCode: '10115', city: 'Berlin', country: 'DE' };
/** The stored column of each completion field ("name" empties both the company and the contact's last name). */
const blanked: Record<(typeof completionFields)[number], Partial<typeof complete>> = {
  name: { company: '', contactLastName: '' },
  email: { email: '' },
  address: { address: '' },
  postalCode: { postalCode: '' },
  city: { city: '' },
  country: { country: '' },
};

async function desk(role: 'owner' | 'buyer' = 'owner') {
  const reseller = await createReseller();
  return { reseller, client: await Client.signedIn((await createUser(reseller, role)).email) };
}

describe('incomplete customers', () => {
  it('are exactly the customers the incomplete=1 filter lists, whichever fields they lack; the count says so too', async () => {
    const { reseller, client } = await desk();
    const { next } = random(20);
    const made: { number: string; country: string; missing: string[] }[] = [];
    for (let index = 0; index < 30; index++) {
      const lacking = completionFields.filter(() => next() < 0.2);
      const customer = { ...complete, email: `k${index}@voll.example`, customerNumber: `I-${String(index).padStart(2, '0')}` };
      for (const field of lacking) Object.assign(customer, blanked[field]);
      await createCustomer(reseller, customer);
      made.push({ number: customer.customerNumber, country: customer.country, missing: missingCustomerFields(customer) });
    }
    const expected = made.filter((row) => row.missing.length > 0).map((row) => row.number);
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.length).toBeLessThan(made.length);
    const listed = await client.get('/api/v1/customers?incomplete=1&limit=100');
    expect(listed.body.items.map((customer: any) => customer.customerNumber)).toEqual(expected);
    expect(listed.body.total).toBe(expected.length);
    // Combined with another filter, and the whole list still shows everyone.
    const german = made.filter((row) => row.missing.length > 0 && row.country === 'DE').map((row) => row.number);
    expect((await client.get('/api/v1/customers?incomplete=1&country=DE&limit=100')).body.items.map((customer: any) => customer.customerNumber)).toEqual(german);
    const everyone = (await client.get('/api/v1/customers?limit=100')).body;
    expect(everyone.total).toBe(made.length);
    // The rule a browser applies to a customer that changes live is the list's own.
    expect(everyone.items.filter((customer: Customer) => customerMatchesQuery(customer, { incomplete: '1' })).map((customer: Customer) => customer.customerNumber)).toEqual(
      expected,
    );
    expect((await client.get('/api/v1/customers?incomplete=yes')).status).toBe(422);
  });

  it('can be edited field by field: other changes save, a stored name or address cannot be emptied, the marker goes when complete', async () => {
    const { reseller, client } = await desk();
    const stored = await createCustomer(reseller, {
      customerNumber: 'PC-1',
      company: 'Nur Name GmbH',
      email: '',
      address: '',
      postalCode: '',
      city: '',
      country: '',
      primaryDomain: 'nurname.example',
    });
    const read = async () => (await client.get(`/api/v1/customers/${stored.id}`)).body.customer;
    let customer = await read();
    expect(missingCustomerFields(customer)).toEqual(['email', 'address', 'postalCode', 'city', 'country']);

    // Another field alone saves; the missing ones stay missing.
    let answer = await client.patch(`/api/v1/customers/${stored.id}`, { version: customer.version, phone: '+49 30 123456' });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    // A postal code before its country is fine; with the country it must fit.
    answer = await client.patch(`/api/v1/customers/${stored.id}`, { version: answer.body.customer.version, postalCode: '1010' });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    answer = await client.patch(`/api/v1/customers/${stored.id}`, { version: answer.body.customer.version, country: 'DE' });
    expect([answer.status, answer.body.error?.fields]).toEqual([422, { postalCode: 'invalid_postal_code' }]);
    customer = await read();
    // A stored name cannot be removed, nor a value emptied.
    answer = await client.patch(`/api/v1/customers/${stored.id}`, { version: customer.version, company: '' });
    expect([answer.status, answer.body.error?.fields]).toEqual([422, { contactLastName: 'company_or_last_name' }]);
    answer = await client.patch(`/api/v1/customers/${stored.id}`, { version: customer.version, postalCode: '' });
    expect([answer.status, answer.body.error?.fields]).toEqual([422, { postalCode: 'required' }]);
    expect((await client.get('/api/v1/customers?incomplete=1')).body.items.map((row: any) => row.customerNumber)).toEqual(['PC-1']);

    answer = await client.patch(`/api/v1/customers/${stored.id}`, { version: customer.version, email: 'it@nurname.example', address: 'Ring 3', country: 'AT', city: 'Wien' });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(missingCustomerFields(answer.body.customer)).toEqual([]);
    expect((await client.get('/api/v1/customers?incomplete=1')).body.items).toEqual([]);
  });

  it('takes no new order until complete (409 customer_incomplete naming what is missing), then does; another reseller gets 404', async () => {
    const { reseller, client } = await desk('buyer');
    const product = await createProduct(reseller);
    const stored = await createCustomer(reseller, { customerNumber: 'PC-2', company: 'Bestellt GmbH', email: '', address: '', postalCode: '', city: '', country: '' });
    const order = { catalog: 'online_services', lines: [{ productId: product.id, quantity: 1 }] };
    const refused = await client.post(`/api/v1/customers/${stored.id}/orders`, order);
    expect([refused.status, refused.body.error.code, refused.body.error.reasons]).toEqual([409, 'customer_incomplete', ['email', 'address', 'postalCode', 'city', 'country']]);
    const stranger = await desk('buyer');
    expect((await stranger.client.post(`/api/v1/customers/${stored.id}/orders`, order)).status).toBe(404);
    const customer = (await client.get(`/api/v1/customers/${stored.id}`)).body.customer;
    expect(
      (
        await client.patch(`/api/v1/customers/${stored.id}`, {
          version: customer.version,
          email: 'a@b.example',
          address: 'Weg 2',
          postalCode: '80331',
          city: 'München',
          country: 'DE',
        })
      ).status,
    ).toBe(200);
    expect((await client.post(`/api/v1/customers/${stored.id}/orders`, order)).status).toBe(201);
  });

  it('are kept as a saved view filter and as a bulk action target', async () => {
    const { reseller, client } = await desk();
    await createCustomer(reseller, { customerNumber: 'B-1' });
    await createCustomer(reseller, { customerNumber: 'B-2', city: '' });
    const view = await client.post('/api/v1/saved-views', { name: 'Unvollständig', state: { incomplete: true, columns: ['name'] } });
    expect(view.status, JSON.stringify(view.body)).toBe(201);
    expect((await client.get(`/api/v1/saved-views/${view.body.view.id}`)).body.view.state.incomplete).toBe(true);
    const tag = (await client.post('/api/v1/tags', { name: 'Nacharbeiten' })).body.tag;
    const job = await client.post('/api/v1/customers/bulk/tag', { filter: { q: '', incomplete: '1' }, tagId: tag.id });
    expect([job.status, job.body.job?.total]).toEqual([202, 1]);
  });
});

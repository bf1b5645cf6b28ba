import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import XLSX from 'xlsx-js-style';
import { Client, createReseller, createUser, ORIGIN } from './fixtures';

const base = { company: 'Tenant GmbH', email: 'it@tenant.example', address: 'Weg 1', postalCode: '10115', city: 'Berlin', country: 'DE' };

async function desk() {
  const reseller = await createReseller();
  return { reseller, client: await Client.signedIn((await createUser(reseller, 'owner')).email) };
}

/** A random GUID written the way a user may paste it: upper case, some with braces. */
function pasted(id: string, index: number) {
  const upper = id.toUpperCase();
  return index % 2 === 0 ? upper : `{${upper}}`;
}

describe('Microsoft ID of a customer', () => {
  it('is checked as a GUID and stored lower case without braces, whatever way it was typed', async () => {
    const { client } = await desk();
    for (let index = 0; index < 4; index++) {
      const id = crypto.randomUUID();
      const created = await client.post('/api/v1/customers', { ...base, customerNumber: `MS-${index}`, microsoftId: pasted(id, index) });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.customer.microsoftId).toBe(id);
    }
    for (const wrong of ['1234', 'not-a-guid', `${crypto.randomUUID()}x`, crypto.randomUUID().replace(/-/g, ''), 'g'.repeat(8) + crypto.randomUUID().slice(8)]) {
      const refused = await client.post('/api/v1/customers', { ...base, customerNumber: 'MS-X', microsoftId: wrong });
      expect([refused.status, refused.body.error.fields?.microsoftId], wrong).toEqual([422, 'invalid_microsoft_id']);
    }
    // Optional: a customer without one is fine.
    expect((await client.post('/api/v1/customers', { ...base, customerNumber: 'MS-NONE' })).body.customer.microsoftId).toBe('');
  });

  it('belongs to one customer per reseller (409 at the field on create and change), another reseller may have it too', async () => {
    const { client } = await desk();
    const id = crypto.randomUUID();
    const first = (await client.post('/api/v1/customers', { ...base, customerNumber: 'T-1', microsoftId: id })).body.customer;
    const second = (await client.post('/api/v1/customers', { ...base, customerNumber: 'T-2' })).body.customer;
    const again = await client.post('/api/v1/customers', { ...base, customerNumber: 'T-3', microsoftId: id.toUpperCase() });
    expect([again.status, again.body.error.code, again.body.error.fields]).toEqual([409, 'microsoft_id_taken', { microsoftId: 'microsoft_id_taken' }]);
    const changed = await client.patch(`/api/v1/customers/${second.id}`, { version: second.version, microsoftId: id });
    expect([changed.status, changed.body.error.code]).toEqual([409, 'microsoft_id_taken']);
    // The holder itself may be saved with it, and clearing frees it for the other customer.
    expect((await client.patch(`/api/v1/customers/${first.id}`, { version: first.version, microsoftId: id, city: 'Potsdam', postalCode: '14467' })).status).toBe(200);
    expect((await client.patch(`/api/v1/customers/${first.id}`, { version: first.version + 1, microsoftId: '' })).status).toBe(200);
    expect((await client.patch(`/api/v1/customers/${second.id}`, { version: second.version, microsoftId: id })).status).toBe(200);
    // Several customers without one do not clash.
    expect((await client.post('/api/v1/customers', { ...base, customerNumber: 'T-4', microsoftId: '' })).status).toBe(201);
    const other = await desk();
    expect((await other.client.post('/api/v1/customers', { ...base, customerNumber: 'T-1', microsoftId: id })).status).toBe(201);
  });

  it('finds the customer when the whole ID is searched, in any case, and no other customer', async () => {
    const { client } = await desk();
    // Random ones, and ones whose groups are all digits (which a query must not read as a phone number).
    const ids = [...Array.from({ length: 6 }, () => crypto.randomUUID()), '01234567-8901-4234-9678-012345678901', '00491234-5678-4012-8456-789012345678'];
    for (const [index, id] of ids.entries()) await client.post('/api/v1/customers', { ...base, company: `Mandant ${index} GmbH`, customerNumber: `S-${index}`, microsoftId: id });
    for (const [index, id] of ids.entries()) {
      for (const query of [id, id.toUpperCase(), `{${id}}`]) {
        const found = await client.get(`/api/v1/customers?q=${encodeURIComponent(query)}`);
        expect(
          found.body.items.map((customer: any) => customer.customerNumber),
          query,
        ).toEqual([`S-${index}`]);
      }
    }
    // Another reseller's customer with the same ID stays invisible.
    const other = await desk();
    await other.client.post('/api/v1/customers', { ...base, customerNumber: 'FREMD', microsoftId: ids[0] });
    expect((await client.get(`/api/v1/customers?q=${ids[0]}`)).body.items.map((customer: any) => customer.customerNumber)).toEqual(['S-0']);
  });

  it('is a column "Microsoft-ID" in every export format', async () => {
    const { client } = await desk();
    const id = crypto.randomUUID();
    await client.post('/api/v1/customers', { ...base, customerNumber: 'E-1', microsoftId: id });
    for (const format of ['csv', 'xlsx', 'xls'] as const) {
      const answer = await SELF.fetch(`${ORIGIN}/api/v1/customers/export?format=${format}&scope=all&lang=de`, { headers: { origin: ORIGIN, cookie: client.cookie } });
      expect(answer.status).toBe(200);
      const book = XLSX.read(new Uint8Array(await answer.arrayBuffer()), { type: 'array', raw: true, codepage: 65001 });
      const [header, row] = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1, raw: false });
      const at = header!.indexOf('Microsoft-ID');
      expect(at, format).toBeGreaterThan(0);
      expect(row![at], format).toBe(id);
    }
  });

  it('keeps the ID when a delete is undone, unless another customer took it meanwhile (409)', async () => {
    const { client } = await desk();
    const id = crypto.randomUUID();
    const customer = (await client.post('/api/v1/customers', { ...base, customerNumber: 'U-1', microsoftId: id })).body.customer;
    expect((await client.delete(`/api/v1/customers/${customer.id}`)).status).toBe(204);
    const taker = (await client.post('/api/v1/customers', { ...base, customerNumber: 'U-2', microsoftId: id })).body.customer;
    const refused = await client.post(`/api/v1/customers/${customer.id}/undo-delete`, {});
    expect([refused.status, refused.body.error.code]).toEqual([409, 'microsoft_id_taken']);
    await client.patch(`/api/v1/customers/${taker.id}`, { version: taker.version, microsoftId: '' });
    const undone = await client.post(`/api/v1/customers/${customer.id}/undo-delete`, {});
    expect([undone.status, undone.body.customer?.microsoftId]).toEqual([201, id]);
  });
});

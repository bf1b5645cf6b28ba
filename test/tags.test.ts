import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { Client, countRows, createCustomer, createReseller, createUser } from './fixtures';

async function setup() {
  const reseller = await createReseller();
  const client = await Client.signedIn((await createUser(reseller, 'buyer')).email);
  const customers = [];
  for (const [number, company] of [
    ['1', 'Alpha'],
    ['2', 'Beta'],
    ['3', 'Gamma'],
    ['4', 'Delta'],
  ] as const) {
    customers.push(await createCustomer(reseller, { customerNumber: number, company }));
  }
  return { reseller, client, customers };
}

describe('tags', () => {
  it('creates, renames, recolours and deletes tags; names are unique regardless of case', async () => {
    const { client } = await setup();
    const created = await client.post('/api/v1/tags', { name: 'Microsoft 365', color: 'blue' });
    expect(created.status).toBe(201);
    const dupe = await client.post('/api/v1/tags', { name: 'microsoft 365' });
    expect([dupe.status, dupe.body.error.code]).toEqual([409, 'tag_name_taken']);
    const renamed = await client.patch(`/api/v1/tags/${created.body.tag.id}`, { version: 1, name: 'M365', color: 'green' });
    expect(renamed.body.tag).toMatchObject({ name: 'M365', color: 'green', version: 2 });
    expect((await client.patch(`/api/v1/tags/${created.body.tag.id}`, { version: 1, name: 'Alt' })).status).toBe(409);
    expect((await client.post('/api/v1/tags', { name: 'Bad', color: 'pink' })).body.error.fields.color).toBe('invalid_value');
    expect((await client.delete(`/api/v1/tags/${created.body.tag.id}`)).status).toBe(204);
    expect((await client.get('/api/v1/tags')).body.items).toEqual([]);
  });

  it('tags and untags selected customers in bulk; the tag filter then finds exactly them', async () => {
    const { client, customers, reseller } = await setup();
    const tag = (await client.post('/api/v1/tags', { name: 'VIP', color: 'purple' })).body.tag;
    const chosen = [customers[0]!.id, customers[2]!.id, customers[3]!.id];
    const bulk = await client.post('/api/v1/customers/bulk-tags', { customerIds: chosen, addTagIds: [tag.id] });
    expect(bulk.body).toEqual({ updated: 3 });
    const filtered = await client.get(`/api/v1/customers?tag=${tag.id}`);
    expect(filtered.body.items.map((c: { id: string }) => c.id).sort()).toEqual([...chosen].sort());
    expect(filtered.body.items[0].tags).toEqual([{ id: tag.id, name: 'VIP', color: 'purple' }]);
    expect((await client.get('/api/v1/tags')).body.items[0].customerCount).toBe(3);
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'customer.tags_changed'", reseller.id)).toBe(3);

    await client.post('/api/v1/customers/bulk-tags', { customerIds: [customers[0]!.id], removeTagIds: [tag.id] });
    expect((await client.get(`/api/v1/customers?tag=${tag.id}`)).body.total).toBe(2);
    const detail = await client.get(`/api/v1/customers/${customers[0]!.id}`);
    expect(detail.body.customer.tags).toEqual([]);
    expect(detail.body.customer.version).toBe(3);
  });

  it('sorts by tags and keeps that order right after a rename and a delete', async () => {
    const { client, customers } = await setup();
    const zebra = (await client.post('/api/v1/tags', { name: 'Zebra' })).body.tag;
    const apfel = (await client.post('/api/v1/tags', { name: 'Apfel' })).body.tag;
    await client.post('/api/v1/customers/bulk-tags', { customerIds: [customers[0]!.id], addTagIds: [zebra.id] });
    await client.post('/api/v1/customers/bulk-tags', { customerIds: [customers[1]!.id], addTagIds: [apfel.id] });
    const byTags = async () => (await client.get('/api/v1/customers?sort=tags&dir=desc')).body.items.map((c: { company: string }) => c.company);
    expect((await byTags()).slice(0, 2)).toEqual(['Alpha', 'Beta']);
    await client.patch(`/api/v1/tags/${apfel.id}`, { version: 1, name: 'Zitrone' });
    expect((await byTags()).slice(0, 2)).toEqual(['Beta', 'Alpha']);
    await client.delete(`/api/v1/tags/${apfel.id}`);
    // Beta now has no tag and ties with the untagged customers (their order among themselves follows the id).
    const [first, ...untagged] = await byTags();
    expect([first, untagged.sort()]).toEqual(['Alpha', ['Beta', 'Delta', 'Gamma']]);
  });

  it("refuses unknown tags and another reseller's customers, and writes nothing", async () => {
    const { client, customers } = await setup();
    const tag = (await client.post('/api/v1/tags', { name: 'Eigen' })).body.tag;
    const unknown = await client.post('/api/v1/customers/bulk-tags', { customerIds: [customers[0]!.id], addTagIds: ['tag_nope'] });
    expect([unknown.status, unknown.body.error.fields.addTagIds]).toEqual([422, 'unknown_tag']);
    const stranger = await createCustomer(await createReseller());
    const foreign = await client.post('/api/v1/customers/bulk-tags', { customerIds: [customers[0]!.id, stranger.id], addTagIds: [tag.id] });
    expect(foreign.status).toBe(404);
    expect(await countRows('customer_tags', 'tag_id = ?', tag.id)).toBe(0);
    const tooMany = await client.post('/api/v1/customers/bulk-tags', { customerIds: Array.from({ length: 501 }, (_, i) => `c${i}`), addTagIds: [tag.id] });
    expect([tooMany.status, tooMany.body.error.fields.customerIds]).toEqual([422, 'too_many']);
  });
});

describe('custom fields', () => {
  async function withFields() {
    const reseller = await createReseller();
    const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
    const industry = (await owner.post('/api/v1/custom-fields', { label: 'Branche', type: 'choice', options: ['Handel', 'Handwerk'], required: true })).body.field;
    const seats = (await owner.post('/api/v1/custom-fields', { label: 'Arbeitsplätze', type: 'number' })).body.field;
    const since = (await owner.post('/api/v1/custom-fields', { label: 'Kunde seit', type: 'date' })).body.field;
    return { reseller, owner, industry, seats, since };
  }
  const base = { customerNumber: 'CF-1', company: 'Feld GmbH', email: 'f@feld.de', address: 'Weg 1', postalCode: '12345', city: 'Berlin', country: 'DE' };

  it('defines fields in order and validates their values on create and update', async () => {
    const { owner, industry, seats, since } = await withFields();
    expect((await owner.get('/api/v1/custom-fields')).body.items.map((f: { label: string }) => f.label)).toEqual(['Branche', 'Arbeitsplätze', 'Kunde seit']);
    const missing = await owner.post('/api/v1/customers', base);
    expect(missing.body.error.fields).toEqual({ [`customFields.${industry.id}`]: 'required' });
    const wrong = await owner.post('/api/v1/customers', { ...base, customFields: { [industry.id]: 'Gastro', [seats.id]: 'viele', [since.id]: '2024-13-45', cf_x: 'a' } });
    expect(wrong.body.error.fields).toEqual({
      [`customFields.${industry.id}`]: 'invalid_option',
      [`customFields.${seats.id}`]: 'not_a_number',
      [`customFields.${since.id}`]: 'invalid_date',
      'customFields.cf_x': 'unknown_field',
    });
    const created = await owner.post('/api/v1/customers', { ...base, customFields: { [industry.id]: 'Handel', [seats.id]: 12 } });
    expect(created.status).toBe(201);
    const id = created.body.customer.id;
    const updated = await owner.patch(`/api/v1/customers/${id}`, { version: 1, customFields: { [seats.id]: null, [since.id]: '2024-02-29' } });
    expect(updated.body.customer.customFields).toEqual({ [industry.id]: 'Handel', [since.id]: '2024-02-29' });
  });

  it('archives a field: it can no longer be set, but stored values stay', async () => {
    const { owner, industry, seats } = await withFields();
    const id = (await owner.post('/api/v1/customers', { ...base, customFields: { [industry.id]: 'Handel', [seats.id]: 3 } })).body.customer.id;
    const archived = await owner.patch(`/api/v1/custom-fields/${seats.id}`, { version: 1, archived: true, position: 9 });
    expect(archived.body.field).toMatchObject({ archived: true, position: 9, version: 2 });
    const refused = await owner.patch(`/api/v1/customers/${id}`, { version: 1, customFields: { [seats.id]: 4 } });
    expect(refused.body.error.fields).toEqual({ [`customFields.${seats.id}`]: 'archived_field' });
    expect((await owner.get(`/api/v1/customers/${id}`)).body.customer.customFields[seats.id]).toBe(3);
  });

  // A create checks values against the definitions its isolate remembers, held to its batch by a guard.
  // Changed behind that memory (as by another isolate, straight in D1), the create still judges by the current ones.
  it('judges a new customer by the definitions as they are now, even when they changed where this isolate did not see it', async () => {
    const { reseller, owner, industry, seats } = await withFields();
    expect((await owner.post('/api/v1/customers', { ...base, customFields: { [industry.id]: 'Handel' } })).status).toBe(201);
    // Made required elsewhere: a create without it is refused, and nothing is written.
    await env.DB.prepare('UPDATE custom_fields SET required = 1, version = version + 1 WHERE id = ?').bind(seats.id).run();
    const refused = await owner.post('/api/v1/customers', { ...base, customerNumber: 'CF-2', customFields: { [industry.id]: 'Handel' } });
    expect([refused.status, refused.body.error.fields]).toEqual([422, { [`customFields.${seats.id}`]: 'required' }]);
    expect(await countRows('customers', 'reseller_id = ?', reseller.id)).toBe(1);
    // A new field added elsewhere is known to the next create.
    await env.DB.prepare(
      "INSERT INTO custom_fields (id, reseller_id, label, type, options, required, position, archived, version) VALUES ('cf_elsewhere', ?, 'Region', 'text', '[]', 0, 5, 0, 1)",
    )
      .bind(reseller.id)
      .run();
    const created = await owner.post('/api/v1/customers', { ...base, customerNumber: 'CF-3', customFields: { [industry.id]: 'Handel', [seats.id]: 4, cf_elsewhere: 'Süd' } });
    expect([created.status, created.body.customer?.customFields]).toEqual([201, { [industry.id]: 'Handel', [seats.id]: 4, cf_elsewhere: 'Süd' }]);
    // An option removed elsewhere refuses the value it no longer offers.
    await env.DB.prepare(`UPDATE custom_fields SET options = '["Handwerk"]', version = version + 1 WHERE id = ?`).bind(industry.id).run();
    const gone = await owner.post('/api/v1/customers', { ...base, customerNumber: 'CF-4', customFields: { [industry.id]: 'Handel', [seats.id]: 1 } });
    expect([gone.status, gone.body.error?.fields]).toEqual([422, { [`customFields.${industry.id}`]: 'invalid_option' }]);
    expect(await countRows('customers', 'reseller_id = ?', reseller.id)).toBe(2);
  });

  it('is defined by owner and admin only; a choice field needs options', async () => {
    const { reseller, owner } = await withFields();
    const buyer = await Client.signedIn((await createUser(reseller, 'buyer')).email);
    expect((await buyer.post('/api/v1/custom-fields', { label: 'X', type: 'text' })).status).toBe(403);
    expect((await buyer.get('/api/v1/custom-fields')).status).toBe(200);
    expect((await owner.post('/api/v1/custom-fields', { label: 'Leer', type: 'choice', options: [] })).body.error.fields).toEqual({ options: 'options_required' });
  });
});

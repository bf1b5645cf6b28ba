import { describe, expect, it } from 'vitest';
import { Client, countRows, createCustomer, createReseller, createUser } from './fixtures';

async function setup(role: 'owner' | 'admin' | 'buyer' | 'support' = 'owner') {
  const reseller = await createReseller();
  const user = await createUser(reseller, role);
  return { reseller, user, client: await Client.signedIn(user.email) };
}

describe('customer view and update', () => {
  it('updates only the fields sent, bumps the version and audits before and after', async () => {
    const { reseller, client } = await setup();
    const customer = await createCustomer(reseller, { phone: '+49 89 1' });
    const response = await client.patch(`/api/v1/customers/${customer.id}`, { version: 1, city: 'Augsburg', postalCode: '86150' });
    expect(response.status).toBe(200);
    expect(response.body.customer).toMatchObject({ city: 'Augsburg', postalCode: '86150', phone: '+49 89 1', version: 2 });
    const audit = await client.get(`/api/v1/audit?customer=${customer.id}&action=customer.updated`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].before.city).toBe('München');
    expect(audit.body.items[0].after.city).toBe('Augsburg');
  });

  it('answers a stale version with 409 and the current data, and writes nothing', async () => {
    const { reseller, client } = await setup();
    const customer = await createCustomer(reseller);
    expect((await client.patch(`/api/v1/customers/${customer.id}`, { version: 1, city: 'Augsburg', postalCode: '86150' })).status).toBe(200);
    const auditBefore = await countRows('audit_log', 'customer_id = ?', customer.id);
    const stale = await client.patch(`/api/v1/customers/${customer.id}`, { version: 1, city: 'Passau', postalCode: '94032' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(stale.body.error.current).toMatchObject({ city: 'Augsburg', version: 2 });
    expect(await countRows('audit_log', 'customer_id = ?', customer.id)).toBe(auditBefore);
  });

  it('lets exactly one of many simultaneous saves on the same version through; the rest get 409', async () => {
    const { reseller, client } = await setup();
    const customer = await createCustomer(reseller);
    const responses = await Promise.all(
      ['Aachen', 'Bonn', 'Celle', 'Dachau', 'Erding', 'Fulda'].map((city) => client.patch(`/api/v1/customers/${customer.id}`, { version: 1, city })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    const winner = responses.find((response) => response.status === 200)!.body.customer.city;
    expect((await client.get(`/api/v1/customers/${customer.id}`)).body.customer).toMatchObject({ city: winner, version: 2 });
    expect(await countRows('audit_log', "customer_id = ? AND action = 'customer.updated'", customer.id)).toBe(1);
  });

  it('checks cross-field rules against the stored values on partial updates', async () => {
    const { reseller, client } = await setup();
    const customer = await createCustomer(reseller, { contactLastName: '' });
    const noName = await client.patch(`/api/v1/customers/${customer.id}`, { version: 1, company: '' });
    expect([noName.status, noName.body.error.fields]).toEqual([422, { contactLastName: 'company_or_last_name' }]);
    const postal = await client.patch(`/api/v1/customers/${customer.id}`, { version: 1, postalCode: '1010' });
    expect([postal.status, postal.body.error.fields]).toEqual([422, { postalCode: 'invalid_postal_code' }]);
  });

  it('refuses changes by support staff and by another reseller (403 / 404)', async () => {
    const { reseller } = await setup();
    const customer = await createCustomer(reseller);
    const support = await Client.signedIn((await createUser(reseller, 'support')).email);
    expect((await support.patch(`/api/v1/customers/${customer.id}`, { version: 1, city: 'X' })).status).toBe(403);
    const stranger = await setup();
    for (const response of [
      await stranger.client.get(`/api/v1/customers/${customer.id}`),
      await stranger.client.patch(`/api/v1/customers/${customer.id}`, { version: 1, city: 'Wien' }),
      await stranger.client.delete(`/api/v1/customers/${customer.id}`),
      await stranger.client.post('/api/v1/customers/bulk-tags', { customerIds: [customer.id], addTagIds: [], removeTagIds: ['x'] }),
    ]) {
      expect([404, 422]).toContain(response.status);
    }
    expect((await stranger.client.get(`/api/v1/customers/${customer.id}`)).status).toBe(404);
    expect((await Client.signedIn((await createUser(reseller, 'owner')).email).then((c) => c.get(`/api/v1/customers/${customer.id}`))).body.customer.version).toBe(1);
  });
});

describe('delete', () => {
  it('refuses to delete a customer with products (409 with the reasons) and says so in the view', async () => {
    const { reseller, client } = await setup();
    const customer = await createCustomer(reseller, { productCount: 2 });
    expect((await client.get(`/api/v1/customers/${customer.id}`)).body.deleteBlockers).toEqual(['has_products']);
    const response = await client.delete(`/api/v1/customers/${customer.id}`);
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'customer_in_use', reasons: ['has_products'] });
    expect(await countRows('customers', 'id = ?', customer.id)).toBe(1);
  });

  it('deletes an empty customer with its search terms and tags, and audits it', async () => {
    const { reseller, client } = await setup();
    const created = (
      await client.post('/api/v1/customers', { customerNumber: 'D-1', company: 'Leer GmbH', email: 'a@b.de', address: 'A 1', postalCode: '12345', city: 'Berlin', country: 'DE' })
    ).body.customer;
    const tag = (await client.post('/api/v1/tags', { name: 'Weg', color: 'red' })).body.tag;
    await client.post('/api/v1/customers/bulk-tags', { customerIds: [created.id], addTagIds: [tag.id] });
    expect((await client.get(`/api/v1/customers/${created.id}`)).body.deleteBlockers).toEqual([]);
    expect((await client.delete(`/api/v1/customers/${created.id}`)).status).toBe(204);
    expect((await client.get(`/api/v1/customers/${created.id}`)).status).toBe(404);
    expect(await countRows('customer_search_terms', 'customer_id = ?', created.id)).toBe(0);
    expect(await countRows('customer_tags', 'customer_id = ?', created.id)).toBe(0);
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'customer.deleted' AND customer_id = ?", reseller.id, created.id)).toBe(1);
  });

  it('deletes a customer with domains and invitations: the domains go with it, an open invitation is revoked, the others stay as history', async () => {
    const { reseller, client } = await setup();
    const customer = await createCustomer(reseller);
    await client.post(`/api/v1/customers/${customer.id}/domains`, { name: 'weg-damit.example' });
    const answered = (await client.post('/api/v1/invitations', { customerId: customer.id, requestedRights: ['delegated_admin'] })).body.invitation;
    await client.post(`/api/v1/invitations/${answered.id}/revoke`, {});
    const open = (await client.post('/api/v1/invitations', { customerId: customer.id, requestedRights: ['delegated_admin'] })).body;
    // Both hang on the customer by a foreign key: this delete used to fail with a 500.
    expect((await client.delete(`/api/v1/customers/${customer.id}`)).status).toBe(204);
    expect(await countRows('domains', 'customer_id = ?', customer.id)).toBe(0);
    const invitations = (await client.get('/api/v1/invitations?limit=10')).body.items;
    expect(invitations.map((invitation: { id: string; state: string; customerId: string | null }) => [invitation.id, invitation.state, invitation.customerId])).toEqual([
      [open.invitation.id, 'revoked', null],
      [answered.id, 'revoked', null],
    ]);
    expect((await new Client().get(`/api/v1/public/invitations/${open.url.split('/invite/')[1]}`)).body.error.code).toBe('invitation_revoked');
    const audit = await client.get(`/api/v1/audit?customer=${customer.id}&action=customer.deleted`);
    expect(audit.body.items[0].before.domains).toEqual(['weg-damit.example']);
  });

  it('is for owner and admin only', async () => {
    const { reseller } = await setup();
    const customer = await createCustomer(reseller);
    const buyer = await Client.signedIn((await createUser(reseller, 'buyer')).email);
    expect((await buyer.delete(`/api/v1/customers/${customer.id}`)).status).toBe(403);
  });
});

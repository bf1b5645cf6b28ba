import { describe, expect, it } from 'vitest';
import { Client, createCustomer, createReseller, createUser } from './fixtures';

describe('tenant isolation', () => {
  it("answers 404 for another reseller's customer and never lists it", async () => {
    const alpha = await createReseller();
    const beta = await createReseller();
    const alphaCustomer = await createCustomer(alpha, { company: 'Alpha Kunde GmbH' });
    const betaCustomer = await createCustomer(beta, { company: 'Beta Kunde AG' });
    const betaUser = await createUser(beta, 'owner');
    const client = await Client.signedIn(betaUser.email);

    const foreign = await client.get(`/api/v1/customers/${alphaCustomer.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('not_found');
    expect(JSON.stringify(foreign.body)).not.toContain('Alpha');

    expect((await client.get(`/api/v1/customers/${betaCustomer.id}`)).body.customer.company).toBe('Beta Kunde AG');
    const list = await client.get('/api/v1/customers?limit=200');
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([betaCustomer.id]);
    expect(list.body.total).toBe(1);
  });

  it("answers 404 when changing another reseller's staff member and changes nothing", async () => {
    const alpha = await createReseller();
    const beta = await createReseller();
    const alphaAdmin = await createUser(alpha, 'admin');
    const betaOwner = await createUser(beta, 'owner');
    const client = await Client.signedIn(betaOwner.email);
    const response = await client.patch(`/api/v1/staff/${alphaAdmin.id}`, { version: 1, active: false });
    expect(response.status).toBe(404);
    expect((await Client.signedIn(alphaAdmin.email)).cookie).not.toBe('');
  });

  it('shows each reseller only its own activity', async () => {
    const alpha = await createReseller();
    const beta = await createReseller();
    const alphaOwner = await createUser(alpha, 'owner');
    const betaOwner = await createUser(beta, 'owner');
    await Client.signedIn(alphaOwner.email);
    const client = await Client.signedIn(betaOwner.email);
    const log = await client.get('/api/v1/audit');
    expect(log.status).toBe(200);
    expect(log.body.items.length).toBeGreaterThan(0);
    expect(log.body.items.every((entry: { actorUserId: string }) => entry.actorUserId === betaOwner.id)).toBe(true);
  });

  it('pages through the customer list with a cursor, without skipping or repeating', async () => {
    const reseller = await createReseller();
    const owner = await createUser(reseller, 'owner');
    for (let i = 0; i < 7; i++) await createCustomer(reseller, { customerNumber: `K-${i}` });
    const client = await Client.signedIn(owner.email);
    const seen: string[] = [];
    let cursor = '';
    do {
      const page = await client.get(`/api/v1/customers?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((c: { customerNumber: string }) => c.customerNumber));
      cursor = page.body.nextCursor ?? '';
    } while (cursor);
    expect(seen).toEqual(['K-0', 'K-1', 'K-2', 'K-3', 'K-4', 'K-5', 'K-6']);
  });
});

// A request may run with the actor its isolate remembers while the credential is checked beside it.
// These tests warm that memory first, then change the credential and show that the very next requests,
// 50 of them at once, are refused or run with the current permissions, and that no write gets through.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { Client, countRows, createReseller, createUser, ORIGIN } from './fixtures';

const PARALLEL = 50;

async function warm(client: Client) {
  for (let index = 0; index < 3; index++) expect((await client.get('/api/v1/customers?limit=1')).status).toBe(200);
}

/** An admin whose actor this isolate remembers, then changed by the owner (deactivated, or given another role). */
async function adminChangedByOwner(change: { active?: boolean; role?: string }) {
  const reseller = await createReseller();
  const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
  const admin = await createUser(reseller, 'admin');
  const client = await Client.signedIn(admin.email);
  await warm(client);
  const staff = (await owner.get('/api/v1/staff')).body.items.find((member: { id: string }) => member.id === admin.id);
  expect((await owner.patch(`/api/v1/staff/${admin.id}`, { version: staff.version, ...change })).status).toBe(200);
  return { reseller, client };
}

/** 50 reads and 10 writes at once with the same credential; returns their statuses. */
async function burst(client: Client, label: string) {
  const reads = Array.from({ length: PARALLEL }, () => client.get('/api/v1/customers?limit=1'));
  const writes = Array.from({ length: 10 }, (_, index) => client.post('/api/v1/tags', { name: `${label} ${index}`, color: 'blue' }));
  const answers = await Promise.all([...reads, ...writes]);
  return { reads: answers.slice(0, PARALLEL).map((answer) => answer.status), writes: answers.slice(PARALLEL).map((answer) => answer.status) };
}

const tagsNamed = (resellerId: string, label: string) => countRows('tags', 'reseller_id = ? AND name LIKE ?', resellerId, `${label}%`);

// Each test sends 60 requests at once; on a loaded machine that takes longer than the default 5 s.
describe('a remembered actor', { timeout: 30_000 }, () => {
  it('is refused on the next requests after its session signed out, and writes nothing', async () => {
    const reseller = await createReseller();
    const client = await Client.signedIn((await createUser(reseller, 'owner')).email);
    await warm(client);
    const cookie = client.cookie;
    expect((await client.delete('/api/v1/session')).status).toBe(204);
    client.cookie = cookie;
    const { reads, writes } = await burst(client, 'Abgemeldet');
    expect(new Set([...reads, ...writes])).toEqual(new Set([401]));
    expect(await tagsNamed(reseller.id, 'Abgemeldet')).toBe(0);
  });

  it('is refused on the next requests after the user was deactivated, and writes nothing', async () => {
    const { reseller, client } = await adminChangedByOwner({ active: false });
    const { reads, writes } = await burst(client, 'Deaktiviert');
    expect(new Set([...reads, ...writes])).toEqual(new Set([401]));
    expect(await tagsNamed(reseller.id, 'Deaktiviert')).toBe(0);
  });

  it('runs the next requests with the new role after a demotion: reads still answer, writes the role lacks are refused', async () => {
    const { reseller, client } = await adminChangedByOwner({ role: 'support' });
    const { reads, writes } = await burst(client, 'Herabgestuft');
    expect(new Set(reads)).toEqual(new Set([200]));
    expect(new Set(writes)).toEqual(new Set([403]));
    expect(await tagsNamed(reseller.id, 'Herabgestuft')).toBe(0);
    expect((await client.get('/api/v1/session')).body.user.role).toBe('support');
  });

  it('is refused on the next requests after its API token was revoked', async () => {
    const reseller = await createReseller();
    const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
    const token = (await owner.post('/api/v1/api-tokens', { name: 'Widerruf', scopes: ['customers.read', 'settings.manage'] })).body;
    const call = (method: string, path: string, body?: unknown) =>
      SELF.fetch(`${ORIGIN}${path}`, {
        method,
        headers: { authorization: `Bearer ${token.secret}`, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
    for (let index = 0; index < 3; index++) expect((await call('GET', '/api/v1/customers?limit=1')).status).toBe(200);
    expect((await owner.delete(`/api/v1/api-tokens/${token.token.id}`)).status).toBe(204);
    const answers = await Promise.all([
      ...Array.from({ length: PARALLEL }, () => call('GET', '/api/v1/customers?limit=1')),
      ...Array.from({ length: 10 }, (_, index) => call('POST', '/api/v1/tags', { name: `Widerrufen ${index}`, color: 'blue' })),
    ]);
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([401]));
    expect(await tagsNamed(reseller.id, 'Widerrufen')).toBe(0);
  });
});

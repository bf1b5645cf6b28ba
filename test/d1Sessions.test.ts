// D1's Sessions API: every answer carries the session's bookmark; a client that sends it back reads
// its own writes wherever the read is answered. Locally there is one database and no replica, so these
// tests prove the carriage of the bookmark (and that a bad one never breaks a request), not replica lag.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { Client, createReseller, createUser, ORIGIN } from './fixtures';

const BOOKMARK = /^[0-9a-f]{1,16}(-[0-9a-f]{1,64}){1,8}$/i;

async function tokenOf(client: Client) {
  const token = await client.post('/api/v1/api-tokens', { name: 'Sessions', scopes: ['customers.read', 'customers.write', 'settings.manage'] });
  expect(token.status, JSON.stringify(token.body)).toBe(201);
  return token.body.secret as string;
}

const asIntegration = (secret: string, method: string, path: string, body?: unknown, bookmark?: string) =>
  SELF.fetch(`${ORIGIN}${path}`, {
    method,
    headers: { authorization: `Bearer ${secret}`, ...(body ? { 'content-type': 'application/json' } : {}), ...(bookmark ? { 'x-d1-bookmark': bookmark } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

describe('D1 sessions and bookmarks', () => {
  it('gives a browser its bookmark as a cookie after a write, and an integration as a header only', async () => {
    const reseller = await createReseller();
    const client = await Client.signedIn((await createUser(reseller, 'owner')).email);
    const created = await client.post('/api/v1/tags', { name: 'Sitzung', color: 'blue' });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-d1-bookmark')).toMatch(BOOKMARK);
    const cookie = created.headers.getSetCookie().find((line) => line.startsWith('desk_d1_bookmark='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Path=\/api\//);
    expect(client.cookie).toContain(`desk_d1_bookmark=${created.headers.get('x-d1-bookmark')}`);
    // The browser's next read carries it and sees the write.
    const read = await client.get('/api/v1/tags');
    expect(read.body.items.map((tag: { name: string }) => tag.name)).toContain('Sitzung');
    expect(read.headers.get('x-d1-bookmark')).toMatch(BOOKMARK);
    expect(read.headers.getSetCookie()).toEqual([]);

    const secret = await tokenOf(client);
    const written = await asIntegration(secret, 'POST', '/api/v1/tags', { name: 'Integration', color: 'green' });
    expect(written.status).toBe(201);
    expect(written.headers.get('x-d1-bookmark')).toMatch(BOOKMARK);
    expect(written.headers.getSetCookie()).toEqual([]);
  });

  // Many requests at once: on a loaded machine this takes longer than the default 5 s (nothing here is timed).
  it('lets 50 integrations at once each read its own write through the bookmark it got', { timeout: 30_000 }, async () => {
    const reseller = await createReseller();
    const secret = await tokenOf(await Client.signedIn((await createUser(reseller, 'owner')).email));
    const seen = await Promise.all(
      Array.from({ length: 50 }, async (_, index) => {
        const written = await asIntegration(secret, 'POST', '/api/v1/tags', { name: `Parallel ${index}`, color: 'blue' });
        expect(written.status).toBe(201);
        const bookmark = written.headers.get('x-d1-bookmark')!;
        const read = await asIntegration(secret, 'GET', '/api/v1/tags?limit=100', undefined, bookmark);
        expect(read.status).toBe(200);
        // A session never goes back: the read's bookmark is at least the write's.
        expect(read.headers.get('x-d1-bookmark')! >= bookmark).toBe(true);
        const names = ((await read.json()) as { items: { name: string }[] }).items.map((tag) => tag.name);
        return names.includes(`Parallel ${index}`);
      }),
    );
    expect(seen.filter((found) => !found)).toEqual([]);
  });

  it('ignores a bookmark it cannot use rather than failing the request', async () => {
    const reseller = await createReseller();
    const client = await Client.signedIn((await createUser(reseller, 'owner')).email);
    const secret = await tokenOf(client);
    for (const bad of ['', 'x', 'first-primary', '0'.repeat(2_000), "'; DROP TABLE customers; --", '../../etc', 'zz-zz']) {
      const read = await asIntegration(secret, 'GET', '/api/v1/customers?limit=1', undefined, bad);
      expect(read.status, bad.slice(0, 20)).toBe(200);
      const written = await asIntegration(secret, 'POST', '/api/v1/tags', { name: `Bad ${bad.length}-${Math.random()}`.slice(0, 40), color: 'blue' }, bad);
      expect(written.status, bad.slice(0, 20)).toBe(201);
    }
  });
});

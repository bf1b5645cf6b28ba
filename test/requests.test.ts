import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { Client, countRows, createReseller, createUser, ORIGIN } from './fixtures';

async function owner() {
  const reseller = await createReseller();
  const user = await createUser(reseller, 'owner');
  return { reseller, client: await Client.signedIn(user.email) };
}

const staffBody = { email: 'csrf@example.com', displayName: 'CSRF', role: 'support', password: 'startpasswort-1' };

describe('bad requests get a clear 4xx JSON error and write nothing', () => {
  it('refuses a cookie-authenticated write from another origin (CSRF)', async () => {
    const { client } = await owner();
    const before = await countRows('users');
    const response = await client.request('POST', '/api/v1/staff', staffBody, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('csrf_rejected');
    expect(await countRows('users')).toBe(before);
  });

  it('refuses a write without Origin unless the browser marks it same-origin', async () => {
    const { client } = await owner();
    const init = { method: 'POST', headers: { cookie: client.cookie, 'content-type': 'application/json' }, body: JSON.stringify(staffBody) };
    const bare = await SELF.fetch(`${ORIGIN}/api/v1/staff`, init);
    expect(bare.status).toBe(403);
    const crossSite = await SELF.fetch(`${ORIGIN}/api/v1/staff`, { ...init, headers: { ...init.headers, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
  });

  it('refuses a form-encoded or text body (415): only JSON is accepted', async () => {
    const { client } = await owner();
    const before = await countRows('users');
    const form = await client.request('POST', '/api/v1/staff', 'email=a%40b.c&role=owner', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe('unsupported_media_type');
    const text = await client.request('POST', '/api/v1/session', 'hello', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(await countRows('users')).toBe(before);
  });

  it('answers a body that is not JSON with 400 invalid_json', async () => {
    const { client } = await owner();
    const response = await client.request('POST', '/api/v1/staff', '{"email": ', { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_json');
  });

  it('answers an oversized body with 413', async () => {
    const { client } = await owner();
    const response = await client.post('/api/v1/staff', { ...staffBody, displayName: 'x'.repeat(200_000) });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
  });

  it('answers wrong types and missing fields with 422 and field errors', async () => {
    const response = await new Client().post('/api/v1/session', { email: 42 });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'validation_failed', fields: { email: 'invalid_type', password: 'required' } });
  });

  it('answers a JSON array where an object belongs with 400 invalid_body, also where every field is optional', async () => {
    const notObject = await new Client().post('/api/v1/session', [1, 2]);
    expect(notObject.status).toBe(400);
    expect(notObject.body.error.code).toBe('invalid_body');
    const { client } = await owner();
    const auditBefore = await countRows('audit_log');
    const emptyArray = await client.request('PATCH', '/api/v1/settings', '[]', { 'content-type': 'application/json' });
    expect(emptyArray.status).toBe(400);
    expect(emptyArray.body.error.code).toBe('invalid_body');
    expect(await countRows('audit_log')).toBe(auditBefore);
  });

  it('answers a malformed cursor and an over-large page size with 4xx', async () => {
    const { client } = await owner();
    const cursor = await client.get('/api/v1/customers?cursor=%%%not-base64');
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.code).toBe('invalid_cursor');
    const limit = await client.get('/api/v1/customers?limit=100000');
    expect(limit.status).toBe(422);
    expect(limit.body.error.fields.limit).toBe('too_large');
  });

  it('answers an unknown API route with a JSON 404', async () => {
    const response = await new Client().get('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });
});

describe('security headers', () => {
  it('sends a strict CSP and the usual hardening headers on API answers, including errors', async () => {
    for (const response of [await new Client().get('/api/v1/session'), await new Client().post('/api/v1/session', { email: 'x' })]) {
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('strict-transport-security')).toContain('max-age');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-type')).toContain('application/json');
    }
  });
});

import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../worker/auth/crypto';
import { hashPassword, PBKDF2_ITERATIONS, verifyPassword } from '../worker/auth/password';
import { Client, countRows, createReseller, createUser, PASSWORD } from './fixtures';

describe('sign-in', () => {
  it('signs a staff member in with an HttpOnly, SameSite=Lax, Secure session cookie and shows who they are', async () => {
    const reseller = await createReseller('basic');
    const user = await createUser(reseller, 'buyer');
    const client = new Client();
    const response = await client.post('/api/v1/session', { email: user.email.toUpperCase(), password: PASSWORD });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^desk_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Secure/i);
    expect(response.body.user).toMatchObject({ email: user.email, role: 'buyer' });
    expect(response.body.modules.customers).toBe(true);
    expect(response.body.permissions).toContain('customers.write');
    expect(response.body.permissions).not.toContain('staff.manage');

    const me = await client.get('/api/v1/session');
    expect(me.status).toBe(200);
    expect(me.body.reseller.id).toBe(reseller.id);
  });

  it('stores only the hash of the session token', async () => {
    const reseller = await createReseller();
    const user = await createUser(reseller, 'owner');
    const client = await Client.signedIn(user.email);
    const token = /desk_session=([^;]+)/.exec(client.cookie)![1]!;
    expect(await countRows('sessions', 'token_hash = ?', token)).toBe(0);
    expect(await countRows('sessions', 'token_hash = ?', await sha256Hex(token))).toBe(1);
  });

  it('answers a wrong password and an unknown e-mail the same way (401) and sets no cookie', async () => {
    const reseller = await createReseller();
    const user = await createUser(reseller, 'owner');
    const wrong = await new Client().post('/api/v1/session', { email: user.email, password: 'not the password' });
    const unknown = await new Client().post('/api/v1/session', { email: 'nobody@example.com', password: 'not the password' });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  it('refuses a deactivated user with the same answer as a wrong password', async () => {
    const reseller = await createReseller();
    const user = await createUser(reseller, 'admin', { active: false });
    const response = await new Client().post('/api/v1/session', { email: user.email, password: PASSWORD });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('invalid_credentials');
  });

  it('slows repeated failures down and then locks the account for a while, even for the right password', async () => {
    const reseller = await createReseller();
    const user = await createUser(reseller, 'owner');
    const attempt = (password: string) => new Client().post('/api/v1/session', { email: user.email, password });
    // Lets the enforced wait after the last failure pass without sleeping in the test.
    const waitPassed = () =>
      env.DB.prepare("UPDATE sign_in_throttle SET last_failure_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-5 seconds') WHERE key = ?").bind(`email:${user.email}`).run();

    for (let i = 0; i < 3; i++) expect((await attempt('wrong')).status).toBe(401);
    const slowed = await attempt('wrong');
    expect(slowed.status).toBe(429);
    expect(slowed.body.error.code).toBe('sign_in_throttled');
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(0);

    await waitPassed();
    expect((await attempt('wrong')).status).toBe(401);
    await waitPassed();
    expect((await attempt('wrong')).status).toBe(401);

    const locked = await attempt(PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('sign_in_locked');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(60);
  });

  it('forgets earlier failures after a successful sign-in', async () => {
    const reseller = await createReseller();
    const user = await createUser(reseller, 'owner');
    for (let i = 0; i < 2; i++) await new Client().post('/api/v1/session', { email: user.email, password: 'wrong' });
    await Client.signedIn(user.email);
    expect(await countRows('sign_in_throttle', 'key = ?', `email:${user.email}`)).toBe(0);
  });
});

describe('sessions', () => {
  it('signs out: the cookie is cleared and the old token no longer works', async () => {
    const reseller = await createReseller();
    const user = await createUser(reseller, 'owner');
    const client = await Client.signedIn(user.email);
    const oldCookie = client.cookie;
    const out = await client.delete('/api/v1/session');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/desk_session=;/);
    client.cookie = oldCookie;
    expect((await client.get('/api/v1/session')).status).toBe(401);
  });

  it('refuses an expired session', async () => {
    const reseller = await createReseller();
    const user = await createUser(reseller, 'owner');
    const client = await Client.signedIn(user.email);
    await env.DB.prepare("UPDATE sessions SET expires_at = '2020-01-01T00:00:00.000Z' WHERE user_id = ?").bind(user.id).run();
    const response = await client.get('/api/v1/staff');
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('unauthenticated');
  });

  it('refuses a revoked session', async () => {
    const reseller = await createReseller();
    const user = await createUser(reseller, 'owner');
    const client = await Client.signedIn(user.email);
    await env.DB.prepare("UPDATE sessions SET revoked_at = '2020-01-01T00:00:00.000Z' WHERE user_id = ?").bind(user.id).run();
    expect((await client.get('/api/v1/session')).status).toBe(401);
  });

  it('refuses a garbled or forged cookie with 401, never a 500', async () => {
    for (const cookie of ['desk_session=garbage', 'desk_session=', `desk_session=${'x'.repeat(5000)}`, 'desk_session=%E0%A4%A']) {
      const client = new Client();
      client.cookie = cookie;
      const response = await client.get('/api/v1/session');
      expect(response.status).toBe(401);
    }
  });

  it('gives every sign-in a new token (no session fixation)', async () => {
    const reseller = await createReseller();
    const user = await createUser(reseller, 'owner');
    const first = await Client.signedIn(user.email);
    const client = new Client();
    client.cookie = first.cookie;
    await client.post('/api/v1/session', { email: user.email, password: PASSWORD });
    expect(client.cookie).not.toBe(first.cookie);
  });
});

describe('password hashing', () => {
  it('uses PBKDF2-SHA256 with at most the 100,000 iterations Workers allow in production', async () => {
    expect(PBKDF2_ITERATIONS).toBeLessThanOrEqual(100_000);
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    const stored = await hashPassword('ein sicheres Passwort');
    const [algorithm, iterations, salt] = stored.split('$');
    expect(algorithm).toBe('pbkdf2-sha256');
    expect(Number(iterations)).toBe(PBKDF2_ITERATIONS);
    expect(salt!.length).toBeGreaterThanOrEqual(20);
    expect(await verifyPassword('ein sicheres Passwort', stored)).toBe(true);
    expect(await verifyPassword('ein falsches Passwort', stored)).toBe(false);
  });

  it('salts every hash differently', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('refuses stored hashes that claim more iterations than production allows', async () => {
    const stored = await hashPassword('pw', 1000);
    const inflated = stored.replace('$1000$', '$200000$');
    expect(await verifyPassword('pw', inflated)).toBe(false);
  });
});

// Sessions and tokens under attack: a planted session id, expiry, revocation (including open live
// sockets), cross-site writes on every route, password guessing, secrets at rest. Older tests cover
// parts of this (test/auth.test.ts, test/requests.test.ts, test/staff.test.ts, test/live.test.ts);
// these fill the gaps and sweep what the older ones show for one route.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../worker/auth/crypto';
import { accountRule } from '../../worker/auth/throttle';
import { scenarios } from '../apiScenarios';
import { type Answer, type ApiWorld, customerInput, openWorld } from '../apiWorld';
import { Client, callWorker, createUser, ORIGIN, PASSWORD } from '../fixtures';
import { LiveSocket } from '../liveClient';
import { documented, keyOf } from '../operations';
import { errorCode, expectHardened, figures, installWriteCounter, methodOf, writesOf } from './harness';

const counted = figures('sessions');

/** A request as a browser on another site (or a script) would send it, with whatever headers it chooses. */
async function raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const response = await callWorker(new Request(`${ORIGIN}${path}`, { method, headers, body }));
  return { status: response.status, headers: response.headers, text: await response.text(), socket: null };
}

const closeCode = (live: LiveSocket) => new Promise<number>((resolve) => live.socket.addEventListener('close', (event) => resolve(event.code)));
const browserWith = (cookie: string) => Object.assign(new Client(), { cookie });

describe('sessions and tokens', () => {
  let world: ApiWorld;

  beforeAll(async () => {
    await installWriteCounter();
    world = await openWorld();
  }, 120_000);

  it('never accepts a session id the client chose, before or after signing in (fixation)', async () => {
    const planted = 'desk_session=AttackerChoseThisSessionId0123456789abcdefghijk';
    const browser = browserWith(planted);
    expect((await browser.get('/api/v1/session')).status).toBe(401);
    const signedIn = await browser.post('/api/v1/session', { email: world.ownerEmail, password: PASSWORD });
    expect(signedIn.status).toBe(200);
    expect(browser.cookie).not.toBe(planted);
    expect((await browserWith(planted).get('/api/v1/session')).status).toBe(401);
    expect((await browser.get('/api/v1/session')).status).toBe(200);
  });

  it('lets no request revive an expired session, and refuses an API token past its date', async () => {
    const cookie = await world.signIn();
    const hash = await sha256Hex(cookie.split('=')[1]!);
    // Expired, and last seen long ago, so a request that got through would also slide the expiry on.
    await env.DB.prepare("UPDATE sessions SET expires_at = '2020-01-01T00:00:00.000Z', last_seen_at = '2019-12-31T00:00:00.000Z' WHERE token_hash = ?").bind(hash).run();
    const answer = await browserWith(cookie).get('/api/v1/customers');
    expect([answer.status, answer.body.error.code]).toEqual([401, 'unauthenticated']);
    expect((await env.DB.prepare('SELECT expires_at AS at FROM sessions WHERE token_hash = ?').bind(hash).first<{ at: string }>())!.at).toBe('2020-01-01T00:00:00.000Z');

    const { token, secret } = await world.made('POST', '/api/v1/api-tokens', { name: 'Bis gestern', scopes: ['customers.read'], expiresOn: '2099-12-31' });
    expect((await world.send('GET', { path: '/api/v1/customers', auth: { bearer: secret } })).status).toBe(200);
    await env.DB.prepare("UPDATE api_tokens SET expires_on = date('now', '-1 day') WHERE id = ?").bind(token.id).run();
    const expired = await world.send('GET', { path: '/api/v1/customers', auth: { bearer: secret } });
    expect([expired.status, errorCode(expired)]).toEqual([401, 'invalid_token']);
  });

  it("signs out one session only, and closes that session's live socket at once", async () => {
    const [first, second] = [await world.signIn(), await world.signIn()];
    const [firstSocket, secondSocket] = [await LiveSocket.open(browserWith(first)), await LiveSocket.open(browserWith(second))];
    const firstClosed = closeCode(firstSocket);
    expect((await world.send('DELETE', { path: '/api/v1/session', auth: { cookie: first } })).status).toBe(204);
    expect(await firstClosed).toBe(4001);
    expect((await world.send('GET', { path: '/api/v1/session', auth: { cookie: first } })).status).toBe(401);
    expect((await world.send('GET', { path: '/api/v1/session', auth: { cookie: second } })).status).toBe(200);
    const created = (await world.made('POST', '/api/v1/customers', customerInput())).customer;
    await secondSocket.next((message) => message.type === 'event' && message.event.entityId === created.id);
    expect(firstSocket.events().some((message) => message.event.entityId === created.id)).toBe(false);
    secondSocket.close();
  });

  it('ends every session and live socket of a deactivated staff member at once', async () => {
    const user = await createUser(world.reseller, 'buyer');
    const devices = [await Client.signedIn(user.email), await Client.signedIn(user.email)];
    const socket = await LiveSocket.open(devices[0]!);
    const closed = closeCode(socket);
    await world.made('PATCH', `/api/v1/staff/${user.id}`, { version: 1, active: false });
    expect(await closed).toBe(4001);
    for (const device of devices) expect((await device.get('/api/v1/session')).status).toBe(401);
    expect((await LiveSocket.open(devices[1]!).catch((error: Error) => error.message)).toString()).toMatch(/^no socket: 401/);
  });

  it("ends a revoked token's requests and its live socket at once", async () => {
    const { token, secret } = await world.made('POST', '/api/v1/api-tokens', { name: 'Gleich weg', scopes: ['customers.read'] });
    const socket = await LiveSocket.open({ bearer: secret });
    const closed = closeCode(socket);
    await world.made('DELETE', `/api/v1/api-tokens/${token.id}`);
    expect(await closed).toBe(4001);
    expect(errorCode(await world.send('GET', { path: '/api/v1/customers', auth: { bearer: secret } }))).toBe('invalid_token');
  });

  it('gives a token without customers.read a live socket that hears no customer data', async () => {
    const { secret } = await world.made('POST', '/api/v1/api-tokens', { name: 'Nur Protokoll', scopes: ['audit.read'] });
    const auditOnly = await LiveSocket.open({ bearer: secret }, '?since=0');
    const reader = await LiveSocket.open({ bearer: world.secret });
    const created = (await world.made('POST', '/api/v1/customers', customerInput())).customer;
    await reader.next((message) => message.type === 'event' && message.event.entityId === created.id);
    await auditOnly.caughtUp();
    // It connected asking for everything since the first event, and heard nothing but who is online.
    expect(auditOnly.messages.map((message) => message.type).filter((type) => type !== 'presence')).toEqual(['hello', 'pong']);
    auditOnly.close();
    reader.close();
  });

  // Every write's scenario is set up in turn, so this sweep grows with the API.
  it('refuses every cookie-authenticated write from another site, without an origin, or not as JSON, and writes nothing', { timeout: 30_000 }, async () => {
    const cookie = await world.signIn();
    for (const operation of documented.filter((candidate) => candidate.method !== 'get')) {
      const call = await scenarios[keyOf(operation)]!(world);
      const writes = await writesOf(world.reseller.id);
      const body = JSON.stringify(call.body ?? {});
      const method = methodOf(operation);
      const session = { cookie: typeof call.auth === 'object' && 'cookie' in call.auth ? call.auth.cookie : cookie };
      const forged = [
        { label: 'from another site', headers: { ...session, origin: 'https://evil.example', 'content-type': 'application/json' }, expected: [403, 'csrf_rejected'] },
        { label: 'from a sandboxed page (Origin: null)', headers: { ...session, origin: 'null', 'content-type': 'application/json' }, expected: [403, 'csrf_rejected'] },
        {
          label: 'without Origin, marked cross-site',
          headers: { ...session, 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
          expected: [403, 'csrf_rejected'],
        },
        { label: 'without Origin or Sec-Fetch-Site', headers: { ...session, 'content-type': 'application/json' }, expected: [403, 'csrf_rejected'] },
        { label: 'as a form a foreign page can post', headers: { ...session, origin: ORIGIN, 'content-type': 'text/plain' }, expected: [415, 'unsupported_media_type'] },
      ];
      for (const { label, headers, expected } of forged) {
        if (expected[0] === 415 && method === 'DELETE') continue;
        const answer = await raw(method, call.path, headers, method === 'DELETE' ? undefined : body);
        expectHardened(answer, `${keyOf(operation)} ${label}`);
        expect([answer.status, errorCode(answer)], `${keyOf(operation)} ${label}`).toEqual(expected);
        counted.add('forged cross-site writes refused');
      }
      expect(await writesOf(world.reseller.id), `a forged ${keyOf(operation)} got through`).toBe(writes);
    }
  });

  it('checks no more passwords than the lock allows however the guesses come (50 at once, from 50 addresses), and refuses the right one among them', async () => {
    const guess = (email: string, password: string, address: string) =>
      raw('POST', '/api/v1/session', { origin: ORIGIN, 'content-type': 'application/json', 'cf-connecting-ip': address }, JSON.stringify({ email, password }));
    const failuresOf = async (email: string) =>
      (await env.DB.prepare('SELECT failures FROM sign_in_throttle WHERE key = ?').bind(`email:${email}`).first<{ failures: number }>())?.failures ?? 0;

    // 49 wrong passwords and the right one last, all at once: only as many are checked as the slow-down lets
    // through (each checked one answers 401); the rest, the right one included, are refused unchecked.
    const user = await createUser(world.reseller, 'support');
    const burst = await Promise.all(Array.from({ length: 50 }, (_, index) => guess(user.email, index === 49 ? PASSWORD : `falsch-${index}`, `10.33.${index}.1`)));
    const checked = burst.filter((answer) => answer.status === 401).length;
    expect(
      burst.every((answer) => answer.status === 401 || answer.status === 429),
      burst.map((answer) => answer.status).join(),
    ).toBe(true);
    expect(checked).toBeLessThanOrEqual(accountRule.slowAfter);
    expect(await failuresOf(user.email)).toBe(checked);
    expect(burst[49]!.status, 'the right password among the guesses').toBe(429);
    expect(['sign_in_locked', 'sign_in_throttled']).toContain(errorCode(burst[49]!));

    // Spread out so the slow-down never bites (its wait is let pass before each burst): still no more than
    // the lock's count is checked, and then even the right password is refused as locked.
    const patient = await createUser(world.reseller, 'support');
    const waitPassed = () =>
      env.DB.prepare("UPDATE sign_in_throttle SET last_failure_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-60 seconds') WHERE key = ?").bind(`email:${patient.email}`).run();
    let checkedPatient = 0;
    for (let round = 0; round < 10; round++) {
      await waitPassed();
      const answers = await Promise.all(Array.from({ length: 5 }, (_, index) => guess(patient.email, `falsch-${round}-${index}`, `10.34.${round}.${index}`)));
      checkedPatient += answers.filter((answer) => answer.status === 401).length;
    }
    expect(checkedPatient).toBe(accountRule.lockAfter);
    await waitPassed();
    const right = await guess(patient.email, PASSWORD, '10.35.0.1');
    expect([right.status, errorCode(right)]).toEqual([429, 'sign_in_locked']);
    counted.add('password guesses at once', burst.length + 50);
  });

  it('throttles an e-mail address nobody has exactly like a real account, so guessing tells nothing', async () => {
    const user = await createUser(world.reseller, 'support');
    const attempts = async (email: string) => {
      const answers = [];
      for (let index = 0; index < 5; index++) {
        const answer = await raw(
          'POST',
          '/api/v1/session',
          { origin: ORIGIN, 'content-type': 'application/json', 'cf-connecting-ip': `10.34.${index}.1` },
          JSON.stringify({ email, password: 'falsch' }),
        );
        answers.push([answer.status, errorCode(answer), JSON.parse(answer.text).error.message.replace(/\d+/g, 'n')]);
      }
      return answers;
    };
    expect(await attempts(`niemand.${world.unique()}@example.com`)).toEqual(await attempts(user.email));
  });

  it('keeps no secret in clear anywhere in D1, and shows no hash in any answer', async () => {
    const cookie = await world.signIn();
    const { secret } = await world.made('POST', '/api/v1/api-tokens', { name: 'Geheim', scopes: ['customers.read'] });
    const { token: invitationToken } = await world.newInvitation();
    const secrets = [cookie.split('=')[1]!, secret, world.secret, invitationToken, PASSWORD, 'lang-genug-2026'];
    await world.made('POST', '/api/v1/staff', { email: `geheim.${world.unique()}@schema.example`, displayName: 'Geheim', role: 'support', password: 'lang-genug-2026' });
    const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'").all<{
      name: string;
    }>();
    const stored = await env.DB.batch(tables.results.map(({ name }) => env.DB.prepare(`SELECT * FROM "${name}"`)));
    const everything = JSON.stringify(stored.map((result) => result.results));
    expect(
      secrets.filter((candidate) => everything.includes(candidate)),
      'a secret stored in clear',
    ).toEqual([]);
    expect(everything).toContain(await sha256Hex(secret));
    expect(everything).toContain(await sha256Hex(cookie.split('=')[1]!));
    for (const path of ['/api/v1/api-tokens', '/api/v1/staff', '/api/v1/webhooks', '/api/v1/invitations', '/api/v1/audit?limit=200']) {
      const answer = await world.send('GET', { path });
      expect(answer.text, path).not.toMatch(/tokenHash|token_hash|passwordHash|password_hash|pbkdf2|whsec_|"secret"/);
      counted.add('answers searched for hashes');
    }
    counted.set('tables searched for secrets', tables.results.length);
  });

  it('hardens the answers outside the sweeps too: the reference, an unknown route, an oversized and a throttled request', async ({ task }) => {
    const answers = [
      await raw('GET', '/api/v1/openapi.json', {}),
      await raw('GET', '/api/docs', {}),
      await raw('GET', '/api/v1/nothing-here', {}),
      await raw('POST', '/api/v1/session', { origin: ORIGIN, 'content-type': 'application/json' }, JSON.stringify({ email: 'x@example.com', password: 'y'.repeat(70_000) })),
    ];
    for (const [index, answer] of answers.entries()) expectHardened(answer, `answer ${index}`);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 404, 413]);
    counted.report(task);
  });
});

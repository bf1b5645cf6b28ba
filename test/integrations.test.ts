import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { signPayload } from '../worker/webhooks/deliveries';
import { Client, countRows, createCustomer, createReseller, createUser, ORIGIN, type TestReseller } from './fixtures';
import { receivedAt } from './webhookReceiver';

const owner = async (reseller: TestReseller) => Client.signedIn((await createUser(reseller, 'owner')).email);

/** An integration: no cookie, no Origin, just the bearer token. */
function integration(secret: string) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await SELF.fetch(`${ORIGIN}${path}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  };
  return { call, get: (path: string) => call('GET', path) };
}

async function tokenFor(reseller: TestReseller, scopes: string[], extra: Record<string, unknown> = {}) {
  const created = await (await owner(reseller)).post('/api/v1/api-tokens', { name: 'ERP', scopes, ...extra });
  expect(created.status).toBe(201);
  return created.body as { token: { id: string; prefix: string }; secret: string };
}

const newCustomer = {
  customerNumber: 'API-1',
  company: 'Integration GmbH',
  email: 'erp@integration.example',
  address: 'Weg 1',
  postalCode: '12345',
  city: 'Berlin',
  country: 'DE',
};

describe('API tokens', () => {
  it('are shown once, stored hashed, scoped, and stop working the moment they are revoked', async () => {
    const reseller = await createReseller();
    const { token, secret } = await tokenFor(reseller, ['customers.read']);
    expect(secret).toMatch(/^dsk_/);
    expect(await countRows('api_tokens', 'token_hash = ?', secret)).toBe(0);
    const listed = (await (await owner(reseller)).get('/api/v1/api-tokens')).body.items;
    expect(listed[0]).toMatchObject({ id: token.id, scopes: ['customers.read'], prefix: secret.slice(0, 10) });
    expect(JSON.stringify(listed)).not.toContain(secret);

    const api = integration(secret);
    await createCustomer(reseller, { company: 'Sichtbar GmbH' });
    const mine = await api.get('/api/v1/customers');
    expect(mine.body.items.map((c: { company: string }) => c.company)).toEqual(['Sichtbar GmbH']);
    const write = await api.call('POST', '/api/v1/customers', newCustomer);
    expect([write.status, write.body.error.code]).toEqual([403, 'forbidden']);
    const foreign = await createCustomer(await createReseller());
    expect((await api.get(`/api/v1/customers/${foreign.id}`)).status).toBe(404);

    const admin = await owner(reseller);
    expect((await admin.delete(`/api/v1/api-tokens/${token.id}`)).status).toBe(204);
    const revoked = await api.get('/api/v1/customers');
    expect([revoked.status, revoked.body.error.code]).toEqual([401, 'invalid_token']);
    // Revoked once: a second revocation finds no token to revoke, and the activity log says it once.
    expect((await admin.delete(`/api/v1/api-tokens/${token.id}`)).status).toBe(404);
    expect(await countRows('audit_log', "action = 'api_token.revoked' AND entity_id = ?", token.id)).toBe(1);
    expect((await integration('dsk_nonsense').get('/api/v1/customers')).status).toBe(401);
  });

  it('never grant more than the maker holds, and only owners and admins make them', async () => {
    const reseller = await createReseller();
    const buyer = await Client.signedIn((await createUser(reseller, 'buyer')).email);
    expect((await buyer.post('/api/v1/api-tokens', { name: 'x', scopes: ['customers.read'] })).status).toBe(403);
    const bad = await (await owner(reseller)).post('/api/v1/api-tokens', { name: 'x', scopes: ['root'] });
    expect(bad.body.error.fields['scopes.0']).toBe('invalid_value');
    const past = await (await owner(reseller)).post('/api/v1/api-tokens', { name: 'x', scopes: ['customers.read'], expiresOn: '2020-01-01' });
    expect(past.body.error.fields.expiresOn).toBe('date_in_past');
  });

  it('replays a POST with the same Idempotency-Key and refuses the key for another body', async () => {
    const reseller = await createReseller();
    const api = integration((await tokenFor(reseller, ['customers.read', 'customers.create'])).secret);
    const first = await api.call('POST', '/api/v1/customers', newCustomer, { 'idempotency-key': 'order-4711' });
    expect(first.status).toBe(201);
    const again = await api.call('POST', '/api/v1/customers', newCustomer, { 'idempotency-key': 'order-4711' });
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(again.body.customer.id).toBe(first.body.customer.id);
    expect(await countRows('customers', 'reseller_id = ?', reseller.id)).toBe(1);
    const other = await api.call('POST', '/api/v1/customers', { ...newCustomer, customerNumber: 'API-2' }, { 'idempotency-key': 'order-4711' });
    expect([other.status, other.body.error.code]).toEqual([422, 'idempotency_key_reused']);
    // Keys are per reseller: another reseller's same key is its own.
    const elsewhere = integration((await tokenFor(await createReseller(), ['customers.create'])).secret);
    expect((await elsewhere.call('POST', '/api/v1/customers', newCustomer, { 'idempotency-key': 'order-4711' })).status).toBe(201);
  });

  it("answers 429 with Retry-After above the token's rate", async () => {
    const reseller = await createReseller();
    const api = integration((await tokenFor(reseller, ['customers.read'], { rateLimitPerMinute: 3 })).secret);
    // The limit counts per minute of the clock: four requests close to a minute's end would span two.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await api.get('/api/v1/customers'));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    const limited = answers[3]!;
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.error.code).toBe('rate_limited');
  }, 20_000);

  it("lets exactly the token's rate through when 50 requests arrive at once, and counts nothing for guessed secrets", async () => {
    const reseller = await createReseller();
    const api = integration((await tokenFor(reseller, ['customers.read'], { rateLimitPerMinute: 5 })).secret);
    const statuses = await Promise.all(Array.from({ length: 50 }, () => api.get('/api/v1/customers?limit=1').then((answer) => answer.status)));
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(45);
    const before = await countRows('rate_limits', "key LIKE 'token:%'");
    const guesses = await Promise.all(Array.from({ length: 50 }, (_, index) => integration(`dsk_guess${index}${crypto.randomUUID()}`).get('/api/v1/customers')));
    expect(new Set(guesses.map((answer) => answer.status))).toEqual(new Set([401]));
    expect(await countRows('rate_limits', "key LIKE 'token:%'")).toBe(before);
  });

  it('gives single resources an ETag and answers a stale If-Match with 412', async () => {
    const reseller = await createReseller();
    const api = integration((await tokenFor(reseller, ['customers.read', 'customers.write'])).secret);
    const customer = await createCustomer(reseller);
    const read = await api.get(`/api/v1/customers/${customer.id}`);
    expect(read.headers.get('etag')).toBe('"v1"');
    const updated = await api.call('PATCH', `/api/v1/customers/${customer.id}`, { city: 'Potsdam', postalCode: '14467' }, { 'if-match': '"v1"' });
    expect([updated.status, updated.body.customer.version]).toEqual([200, 2]);
    const stale = await api.call('PATCH', `/api/v1/customers/${customer.id}`, { city: 'Köln' }, { 'if-match': '"v1"' });
    expect([stale.status, stale.body.error.code, stale.body.error.current.city]).toEqual([412, 'precondition_failed', 'Potsdam']);
    expect((await api.call('PATCH', `/api/v1/customers/${customer.id}`, { city: 'Köln' }, { 'if-match': 'garbage' })).status).toBe(400);
  });

  it('opens the live socket with a token, for its own reseller only', async () => {
    const reseller = await createReseller();
    const { secret } = await tokenFor(reseller, ['customers.read']);
    const response = await SELF.fetch(`${ORIGIN}/api/v1/live`, { headers: { upgrade: 'websocket', authorization: `Bearer ${secret}` } });
    expect(response.status).toBe(101);
    response.webSocket!.accept();
    const staff = await Client.signedIn((await createUser(reseller, 'buyer')).email);
    const heard = new Promise<string>((resolve) =>
      response.webSocket!.addEventListener('message', (event) => String(event.data).includes('customer.created') && resolve(String(event.data))),
    );
    await staff.post('/api/v1/customers', newCustomer);
    expect(JSON.parse(await heard).event.data.company).toBe('Integration GmbH');
    response.webSocket!.close();
  });
});

describe('webhooks', () => {
  it('signs each delivery with HMAC-SHA256 over timestamp and body', async () => {
    const reseller = await createReseller();
    const client = await owner(reseller);
    const path = `/ok-${reseller.id}`;
    const created = await client.post('/api/v1/webhooks', { url: `https://hooks.receiver.test${path}`, eventTypes: ['customer.created'] });
    expect(created.status).toBe(201);
    await client.post('/api/v1/customers', newCustomer);
    const [delivery] = await receivedAt(path, 1);
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(delivery!.headers['x-desk-signature']!);
    expect(match).not.toBeNull();
    expect(await signPayload(created.body.secret, Number(match![1]), delivery!.body)).toBe(delivery!.headers['x-desk-signature']);
    expect(await signPayload('whsec_wrong', Number(match![1]), delivery!.body)).not.toBe(delivery!.headers['x-desk-signature']);
    expect(JSON.parse(delivery!.body)).toMatchObject({ type: 'customer.created', data: { object: { company: 'Integration GmbH' } } });
    const deliveries = (await client.get(`/api/v1/webhooks/${created.body.endpoint.id}/deliveries`)).body.items;
    expect(deliveries[0]).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204 });
  });

  it('retries a failed delivery with backoff until it lands', async () => {
    const reseller = await createReseller();
    const client = await owner(reseller);
    const path = `/flaky-${reseller.id}`;
    const created = await client.post('/api/v1/webhooks', { url: `https://hooks.receiver.test${path}`, eventTypes: ['customer.created'] });
    await client.post('/api/v1/customers', newCustomer);
    const attempts = await receivedAt(path, 2);
    expect(attempts[0]!.headers['x-desk-delivery']).toBe(attempts[1]!.headers['x-desk-delivery']);
    for (let i = 0; i < 50; i++) {
      const [delivery] = (await client.get(`/api/v1/webhooks/${created.body.endpoint.id}/deliveries`)).body.items;
      if (delivery.status === 'delivered') {
        expect(delivery).toMatchObject({ attempts: 2, lastStatusCode: 204 });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the retry never delivered');
  });

  it('accepts only https endpoints and known event types, and only from owners and admins', async () => {
    const reseller = await createReseller();
    const client = await owner(reseller);
    expect((await client.post('/api/v1/webhooks', { url: 'http://example.com/hook', eventTypes: ['customer.created'] })).body.error.fields.url).toBe('https_required');
    expect((await client.post('/api/v1/webhooks', { url: 'https://example.com/hook', eventTypes: ['everything'] })).body.error.fields['eventTypes.0']).toBe('invalid_option');
    const buyer = await Client.signedIn((await createUser(reseller, 'buyer')).email);
    expect((await buyer.post('/api/v1/webhooks', { url: 'https://example.com/hook', eventTypes: ['customer.created'] })).status).toBe(403);
    expect((await (await owner(await createReseller())).get('/api/v1/webhooks')).body.items).toEqual([]);
  });

  it('refuses every address inside a network (loopback, private, link-local, metadata; IPv4 and IPv6 literals in any spelling, local names) at the url field, and accepts public ones', async () => {
    const client = await owner(await createReseller());
    const random = (below: number) => Math.floor(Math.random() * below);
    const inRange = (first: number[], bits: number) => {
      const base = first.reduce((value, part) => value * 256 + part, 0);
      const value = base + random(2 ** (32 - bits));
      return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
    };
    const privateRanges: [number[], number][] = [
      [[0, 0, 0, 0], 8],
      [[10, 0, 0, 0], 8],
      [[100, 64, 0, 0], 10],
      [[127, 0, 0, 0], 8],
      [[169, 254, 0, 0], 16],
      [[172, 16, 0, 0], 12],
      [[192, 168, 0, 0], 16],
      [[198, 18, 0, 0], 15],
      [[224, 0, 0, 0], 4],
      [[240, 0, 0, 0], 4],
    ];
    const refused = [
      ...privateRanges.flatMap(([first, bits]) => Array.from({ length: 3 }, () => inRange(first, bits))),
      '169.254.169.254',
      '127.1',
      '2130706433',
      '0x7f.0.0.1',
      '0177.0.0.1',
      '[::1]',
      '[::]',
      '[::ffff:127.0.0.1]',
      '[::ffff:a9fe:a9fe]',
      '[64:ff9b::a9fe:a9fe]',
      '[fd00:ec2::254]',
      '[fe80::1]',
      '[fc00::1]',
      '[ff02::1]',
      '[2001:db8::1]',
      '[2002:7f00:1::]',
      'localhost',
      'LOCALHOST.',
      'api.localhost',
      'metadata.google.internal',
      'nas.local',
      'intranet',
      'router.home.arpa',
    ];
    for (const host of refused) {
      const answer = await client.post('/api/v1/webhooks', { url: `https://${host}/hook`, eventTypes: ['customer.created'] });
      expect([answer.status, answer.body.error?.fields?.url], host).toEqual([422, 'private_address']);
    }
    for (const host of ['hooks.example.com', '8.8.8.8', '203.0.114.7', '[2606:4700:4700::1111]', 'receiver.example.de.']) {
      const answer = await client.post('/api/v1/webhooks', { url: `https://${host}/hook`, eventTypes: ['customer.created'] });
      expect(answer.status, `${host}: ${JSON.stringify(answer.body)}`).toBe(201);
    }
  });
});

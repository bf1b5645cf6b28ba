import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { invitationPageRule } from '../worker/auth/rateLimit';
import { Client, callWorker, countRows, createCustomer, createReseller, createUser, type TestReseller } from './fixtures';
import { LiveSocket } from './liveClient';

async function staff(reseller: TestReseller, role: 'owner' | 'buyer' | 'support' = 'buyer') {
  return Client.signedIn((await createUser(reseller, role)).email);
}

/** The customer's browser: no session, its own address (the public page is rate limited per address). */
function customerBrowser(address = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) {
  const client = new Client();
  return {
    address,
    get: (token: string) => client.request('GET', `/api/v1/public/invitations/${token}`, undefined, { 'cf-connecting-ip': address }),
    accept: (token: string, body: unknown) => client.request('POST', `/api/v1/public/invitations/${token}/accept`, body, { 'cf-connecting-ip': address }),
    decline: (token: string) => client.request('POST', `/api/v1/public/invitations/${token}/decline`, {}, { 'cf-connecting-ip': address }),
  };
}

const tokenOf = (url: string) => url.split('/invite/')[1]!;
const newCustomerData = { company: 'Neukunde Sonnenschein GmbH', email: 'it@sonnenschein.example', address: 'Sonnenweg 3', postalCode: '1010', city: 'Wien', country: 'AT' };

describe('invitations', () => {
  it('stores only a hash of a 256-bit token; the link works once, then never again', async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller);
    const customer = await createCustomer(reseller);
    const created = await buyer.post('/api/v1/invitations', { customerId: customer.id, requestedRights: ['delegated_admin', 'billing_view'] });
    expect(created.status).toBe(201);
    const token = tokenOf(created.body.url);
    expect(token.length).toBeGreaterThanOrEqual(43);
    expect(await countRows('invitations', 'token_hash = ?', token)).toBe(0);
    expect(await countRows('invitations', 'id = ? AND length(token_hash) = 64', created.body.invitation.id)).toBe(1);
    expect((await buyer.get(`/api/v1/customers/${customer.id}`)).body.customer.relationshipState).toBe('pending');

    const browser = customerBrowser();
    const shown = await browser.get(token);
    expect(shown.body.invitation).toMatchObject({ resellerName: reseller.name, kind: 'existing', requestedRights: ['delegated_admin', 'billing_view'] });
    const accepted = await browser.accept(token, { grantedRights: ['billing_view', 'delegated_admin'] });
    expect(accepted.status).toBe(200);
    const again = await browser.accept(token, { grantedRights: ['billing_view'] });
    expect([again.status, again.body.error.code]).toEqual([410, 'invitation_used']);
    expect((await browser.get(token)).status).toBe(410);
    const after = (await buyer.get(`/api/v1/customers/${customer.id}`)).body.customer;
    expect(after).toMatchObject({ relationshipState: 'active', grantedRights: ['delegated_admin', 'billing_view'], rightsToReview: true });
  });

  it('lets the customer grant fewer rights than asked, never more, and creates a new customer from "Neue Beziehung"', async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller);
    const created = await buyer.post('/api/v1/invitations', { requestedRights: ['delegated_admin', 'granular:helpdesk_admin', 'user_management'] });
    const token = tokenOf(created.body.url);
    const browser = customerBrowser();
    const more = await browser.accept(token, { grantedRights: ['billing_view'], customer: newCustomerData });
    expect([more.status, more.body.error.fields.grantedRights]).toEqual([422, 'not_requested']);
    const missing = await browser.accept(token, { grantedRights: ['granular:helpdesk_admin'] });
    expect(missing.body.error.fields.customer).toBe('required');
    const badPostal = await browser.accept(token, { grantedRights: ['granular:helpdesk_admin'], customer: { ...newCustomerData, postalCode: '10115' } });
    expect(badPostal.body.error.fields['customer.postalCode']).toBe('invalid_postal_code');
    expect(await countRows('customers', 'reseller_id = ?', reseller.id)).toBe(0);

    const ok = await browser.accept(token, { grantedRights: ['granular:helpdesk_admin'], customer: newCustomerData });
    expect(ok.status).toBe(200);
    const list = (await buyer.get('/api/v1/customers')).body.items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ company: 'Neukunde Sonnenschein GmbH', relationshipState: 'active', grantedRights: ['granular:helpdesk_admin'], customerNumber: '10001' });
    const invitation = (await buyer.get(`/api/v1/invitations/${created.body.invitation.id}`)).body.invitation;
    expect(invitation).toMatchObject({ state: 'accepted', grantedRights: ['granular:helpdesk_admin'], customerId: list[0].id });
    expect(await countRows('audit_log', "reseller_id = ? AND action IN ('invitation.accepted', 'customer.created')", reseller.id)).toBe(2);
  });

  it('shows expired, revoked, replaced and unknown links as unusable without naming the reseller', async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller);
    const browser = customerBrowser();
    const customer = await createCustomer(reseller);

    const first = await buyer.post('/api/v1/invitations', { customerId: customer.id, requestedRights: ['delegated_admin'] });
    const resent = await buyer.post(`/api/v1/invitations/${first.body.invitation.id}/resend`, {});
    expect(resent.status).toBe(200);
    const oldLink = await browser.get(tokenOf(first.body.url));
    expect([oldLink.status, oldLink.body.error.code]).toEqual([404, 'invitation_unknown']);
    expect(JSON.stringify(oldLink.body)).not.toContain(reseller.name);
    expect((await browser.get(tokenOf(resent.body.url))).status).toBe(200);

    await buyer.post(`/api/v1/invitations/${first.body.invitation.id}/revoke`, {});
    const revoked = await browser.get(tokenOf(resent.body.url));
    expect([revoked.status, revoked.body.error.code]).toEqual([410, 'invitation_revoked']);
    expect(JSON.stringify(revoked.body)).not.toContain(reseller.name);
    expect((await buyer.get(`/api/v1/customers/${customer.id}`)).body.customer.relationshipState).toBe('none');

    const short = await buyer.post('/api/v1/invitations', { customerId: customer.id, requestedRights: ['delegated_admin'], expiresInDays: 1 });
    await env.DB.prepare("UPDATE invitations SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = ?").bind(short.body.invitation.id).run();
    const expired = await browser.accept(tokenOf(short.body.url), { grantedRights: ['delegated_admin'] });
    expect([expired.status, expired.body.error.code]).toEqual([410, 'invitation_expired']);
    expect((await buyer.get('/api/v1/invitations?state=expired')).body.items.map((i: { id: string }) => i.id)).toEqual([short.body.invitation.id]);

    expect((await browser.get('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).body.error.code).toBe('invitation_unknown');
    expect((await browser.get('kurz')).status).toBe(404);
  });

  it('rate limits the public page per address', async () => {
    // This address already used all but two pages of the current window (set directly, so the test
    // never straddles a window boundary while it counts).
    const now = Date.now();
    const windowStart = now - (now % invitationPageRule.windowMs);
    await env.DB.prepare('INSERT INTO rate_limits (key, window_start, hits) VALUES (?, ?, ?)')
      .bind('invite:10.9.9.9', windowStart, invitationPageRule.limit - 2)
      .run();
    const browser = customerBrowser('10.9.9.9');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await browser.get('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status);
    expect(statuses).toEqual([404, 404, 429]);
    const limited = await browser.get('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(limited.status).toBe(429);
    expect(limited.body.error.retryAfterSeconds).toBeGreaterThan(0);
    expect((await customerBrowser('10.9.9.10').get('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  it('pushes the acceptance to the inviting reseller only', async () => {
    const reseller = await createReseller();
    const other = await createReseller();
    const buyer = await staff(reseller);
    const colleague = await LiveSocket.open(await staff(reseller, 'support'));
    const stranger = await LiveSocket.open(await staff(other, 'owner'));
    const customer = await createCustomer(reseller, { company: 'Funkhaus Berg GmbH' });
    const created = await buyer.post('/api/v1/invitations', { customerId: customer.id, requestedRights: ['delegated_admin'] });
    await customerBrowser().accept(tokenOf(created.body.url), { grantedRights: ['delegated_admin'] });
    const notice = await colleague.next((m) => m.type === 'event' && m.event.kind === 'invitation.accepted');
    expect(notice.type === 'event' && notice.event).toMatchObject({ data: { customerId: customer.id, customerName: 'Funkhaus Berg GmbH' }, actor: { userId: null } });
    const row = await colleague.next(
      (m) => m.type === 'event' && m.event.kind === 'customer.updated' && (m.event.data as { relationshipState: string }).relationshipState === 'active',
    );
    expect(row.type === 'event' && row.event.entityId).toBe(customer.id);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(stranger.events()).toEqual([]);

    const declined = await buyer.post('/api/v1/invitations', { requestedRights: ['delegated_admin'] });
    await customerBrowser().decline(tokenOf(declined.body.url));
    await colleague.next((m) => m.type === 'event' && m.event.kind === 'invitation.declined');
    expect((await buyer.get(`/api/v1/invitations/${declined.body.invitation.id}`)).body.invitation.state).toBe('declined');
  });

  it('checks rights, input and tenancy when staff invite', async () => {
    const reseller = await createReseller();
    const other = await createReseller();
    const buyer = await staff(reseller);
    const foreign = await createCustomer(other);
    expect((await buyer.post('/api/v1/invitations', { customerId: foreign.id, requestedRights: ['delegated_admin'] })).status).toBe(404);
    const empty = await buyer.post('/api/v1/invitations', { requestedRights: [] });
    expect(empty.body.error.fields.requestedRights).toBe('rights_required');
    const unknown = await buyer.post('/api/v1/invitations', { requestedRights: ['root'] });
    expect(unknown.body.error.fields['requestedRights.0']).toBe('invalid_option');
    const noProvider = await buyer.post('/api/v1/invitations', { requestedRights: ['delegated_admin'], includeIndirectProvider: true });
    expect(noProvider.body.error.fields.includeIndirectProvider).toBe('no_indirect_provider');
    const support = await staff(reseller, 'support');
    expect((await support.post('/api/v1/invitations', { requestedRights: ['delegated_admin'] })).status).toBe(403);
    expect((await support.get('/api/v1/invitations')).status).toBe(403);
    const theirs = await (await staff(other)).post('/api/v1/invitations', { requestedRights: ['delegated_admin'] });
    expect((await buyer.post(`/api/v1/invitations/${theirs.body.invitation.id}/revoke`, {})).status).toBe(404);
    expect(await countRows('invitations', 'reseller_id = ?', reseller.id)).toBe(0);
  });

  it('invites the indirect provider along when asked, naming it on the page and on the customer', async () => {
    const reseller = await createReseller();
    const owner = await staff(reseller, 'owner');
    const settings = (await owner.get('/api/v1/settings')).body.settings;
    await owner.patch('/api/v1/settings', { version: settings.version, indirectProvider: 'ADN Distribution GmbH' });
    const customer = await createCustomer(reseller);
    const created = await owner.post('/api/v1/invitations', { customerId: customer.id, requestedRights: ['delegated_admin'], includeIndirectProvider: true });
    const browser = customerBrowser();
    expect((await browser.get(tokenOf(created.body.url))).body.invitation.indirectProvider).toBe('ADN Distribution GmbH');
    await browser.accept(tokenOf(created.body.url), { grantedRights: ['delegated_admin'] });
    expect((await owner.get(`/api/v1/customers/${customer.id}`)).body.customer.indirectProvider).toBe('ADN Distribution GmbH');
  });
});

describe('invitation terms', () => {
  it('tell a buyer without settings access which indirect provider and validity the invite dialog offers', async () => {
    const reseller = await createReseller();
    const owner = await staff(reseller, 'owner');
    const settings = (await owner.get('/api/v1/settings')).body.settings;
    await owner.patch('/api/v1/settings', { version: settings.version, indirectProvider: 'ADN Distribution GmbH', invitationDays: 21 });
    const buyer = await staff(reseller);
    expect((await buyer.get('/api/v1/settings')).status).toBe(403);
    const terms = await buyer.get('/api/v1/invitations/terms');
    expect([terms.status, terms.body.terms]).toEqual([200, { indirectProvider: 'ADN Distribution GmbH', invitationDays: 21 }]);
    expect((await (await staff(reseller, 'support')).get('/api/v1/invitations/terms')).status).toBe(403);
  });
});

describe('the relationship', () => {
  it('removal takes delegated admin away, keeps granular roles and data, and hides the customer from the list', async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller);
    const customer = await createCustomer(reseller, { relationshipState: 'active', grantedRights: ['delegated_admin', 'granular:helpdesk_admin', 'billing_view'] });
    const removed = await buyer.post(`/api/v1/customers/${customer.id}/relationship/remove`, { version: 1 });
    expect(removed.body.customer).toMatchObject({ relationshipState: 'removed', grantedRights: ['granular:helpdesk_admin'] });
    expect((await buyer.get('/api/v1/customers')).body.total).toBe(0);
    expect((await buyer.get('/api/v1/customers?state=removed')).body.items.map((c: { id: string }) => c.id)).toEqual([customer.id]);
    expect((await buyer.get(`/api/v1/customers/${customer.id}`)).body.customer.company).toBe(customer.company);
    const twice = await buyer.post(`/api/v1/customers/${customer.id}/relationship/remove`, { version: 2 });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'no_relationship']);
    const stale = await buyer.post(`/api/v1/customers/${customer.id}/relationship/remove`, { version: 1 });
    expect(stale.body.error.code).toBe('version_conflict');
    expect((await (await staff(reseller, 'support')).post(`/api/v1/customers/${customer.id}/relationship/remove`, { version: 2 })).status).toBe(403);
    // Removing a pending relationship also ends its open link.
    const pending = await createCustomer(reseller);
    const invited = await buyer.post('/api/v1/invitations', { customerId: pending.id, requestedRights: ['delegated_admin'] });
    await buyer.post(`/api/v1/customers/${pending.id}/relationship/remove`, { version: 2 });
    expect((await customerBrowser().get(tokenOf(invited.body.url))).body.error.code).toBe('invitation_revoked');
    // A new invitation establishes it again.
    const again = await buyer.post('/api/v1/invitations', { customerId: customer.id, requestedRights: ['delegated_admin'] });
    expect(again.status).toBe(201);
  });

  it('opens the customer account only with delegated admin, and audits every access', async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller);
    const granted = await createCustomer(reseller, { relationshipState: 'active', grantedRights: ['delegated_admin'] });
    const granular = await createCustomer(reseller, { relationshipState: 'active', grantedRights: ['granular:global_reader'] });
    const opened = await buyer.post(`/api/v1/customers/${granted.id}/account`, {});
    expect(opened.status).toBe(200);
    expect(Object.keys(opened.body.account).sort()).toEqual(['assets', 'domains', 'services', 'subscriptions', 'users']);
    const refused = await buyer.post(`/api/v1/customers/${granular.id}/account`, {});
    expect([refused.status, refused.body.error.code]).toEqual([403, 'no_delegated_admin']);
    expect((await (await staff(reseller, 'support')).post(`/api/v1/customers/${granted.id}/account`, {})).status).toBe(403);
    expect((await (await staff(await createReseller(), 'owner')).post(`/api/v1/customers/${granted.id}/account`, {})).status).toBe(404);
    expect(await countRows('audit_log', "customer_id = ? AND action = 'customer.account_accessed'", granted.id)).toBe(1);
  });

  it('marks granted rights "to review" until a staff member acknowledges them', async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller);
    const customer = await createCustomer(reseller, { relationshipState: 'active', grantedRights: ['delegated_admin'], rightsToReview: true });
    const done = await buyer.post(`/api/v1/customers/${customer.id}/rights/acknowledge`, { version: 1 });
    expect(done.body.customer).toMatchObject({ rightsToReview: false, version: 2 });
    expect((await buyer.post(`/api/v1/customers/${customer.id}/rights/acknowledge`, { version: 2 })).body.error.code).toBe('nothing_to_review');
  });
});

// Inviting, revoking and answering change the customer's relationship state. Each moves the customer's
// version on in SQL, so a colleague's change that commits while they run never leaves two states of
// the customer with one version (the next change based on either would be judged against the other).
// The invitation's request runs as if D1 were 20 ms away, and the colleague's edit starts a little
// later each round, so some edits land between the request's reads and its batch.
describe("an invitation's change of the customer beside a colleague's edit", { timeout: 60_000 }, () => {
  const ROUNDS = 12;
  const later = (round: number) => new Promise((resolve) => setTimeout(resolve, 5 + round * 5));
  /** A client whose every D1 trip takes 20 ms longer. */
  const far = (cookie = '') => {
    const client = new Client((request) => callWorker(request, { ...env, D1_DELAY_MS: '20' }));
    client.cookie = cookie;
    return client;
  };

  /**
   * Runs `step` (the invitation's change, through a far client) beside a colleague's edit of the same
   * customer ROUNDS times; the customer's version must count every committed change.
   */
  async function everyChangeHasItsVersion(prepare: (owner: Client, customerId: string) => Promise<(far: Client) => Promise<{ status: number }>>, state: string) {
    const reseller = await createReseller();
    const owner = await staff(reseller, 'owner');
    for (let round = 0; round < ROUNDS; round++) {
      const customer = await createCustomer(reseller);
      const step = await prepare(owner, customer.id);
      const seen = (await owner.get(`/api/v1/customers/${customer.id}`)).body.customer;
      const [changed, edit] = await Promise.all([
        step(far(owner.cookie)),
        later(round).then(() => owner.patch(`/api/v1/customers/${customer.id}`, { version: seen.version, city: `Ort ${round}` })),
      ]);
      expect(changed.status, `round ${round}`).toBeLessThan(300);
      const stored = await env.DB.prepare('SELECT version, relationship_state AS state FROM customers WHERE id = ?').bind(customer.id).first();
      expect(stored, `round ${round}`).toEqual({ version: seen.version + 1 + (edit.status === 200 ? 1 : 0), state });
    }
  }

  it('when a colleague invites the customer', async () => {
    await everyChangeHasItsVersion(async (_owner, customerId) => (client) => client.post('/api/v1/invitations', { customerId, requestedRights: ['delegated_admin'] }), 'pending');
  });

  it('when the customer accepts', async () => {
    await everyChangeHasItsVersion(async (owner, customerId) => {
      const token = tokenOf((await owner.post('/api/v1/invitations', { customerId, requestedRights: ['delegated_admin'] })).body.url);
      return (client) =>
        client.request(
          'POST',
          `/api/v1/public/invitations/${token}/accept`,
          { grantedRights: ['delegated_admin'] },
          { 'cf-connecting-ip': `10.9.${Math.floor(Math.random() * 250)}.1`, cookie: '' },
        );
    }, 'active');
  });

  it('when a colleague revokes the open invitation', async () => {
    await everyChangeHasItsVersion(async (owner, customerId) => {
      const invitation = (await owner.post('/api/v1/invitations', { customerId, requestedRights: ['delegated_admin'] })).body.invitation;
      return (client) => client.post(`/api/v1/invitations/${invitation.id}/revoke`, {});
    }, 'none');
  });
});

// The page answers right after it showed the invitation: the answer is planned from what its open found
// and waits for its batch alone. Whatever changed in between, the answer is the one a fresh look gives.
describe('answers planned from the page’s open', () => {
  async function opened(kind: 'existing' | 'new' = 'existing') {
    const reseller = await createReseller();
    const owner = await staff(reseller, 'owner');
    const customer = kind === 'existing' ? await createCustomer(reseller) : undefined;
    const created = await owner.post('/api/v1/invitations', { customerId: customer?.id, requestedRights: ['delegated_admin'] });
    const token = tokenOf(created.body.url);
    const browser = customerBrowser();
    const shown = await new Client().request('POST', `/api/v1/public/invitations/${token}/opened`, {}, { 'cf-connecting-ip': browser.address });
    expect(shown.status).toBe(200);
    return { reseller, owner, customer, invitationId: created.body.invitation.id as string, token, browser };
  }
  const answered = (reseller: TestReseller) => countRows('audit_log', "reseller_id = ? AND action IN ('invitation.accepted', 'invitation.declined')", reseller.id);

  const changesBehind: [string, (page: Awaited<ReturnType<typeof opened>>) => Promise<unknown>][] = [
    ['revoked by a colleague', (page) => page.owner.post(`/api/v1/invitations/${page.invitationId}/revoke`, {})],
    ['replaced by a new link', (page) => page.owner.post(`/api/v1/invitations/${page.invitationId}/resend`, {})],
    ['expired', (page) => env.DB.prepare("UPDATE invitations SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = ?").bind(page.invitationId).run()],
    ['answered in another browser', (page) => customerBrowser().accept(page.token, { grantedRights: ['delegated_admin'] })],
    ['its customer deleted', (page) => page.owner.delete(`/api/v1/customers/${page.customer!.id}`)],
  ];
  for (const [change, make] of changesBehind) {
    for (const verb of ['accept', 'decline'] as const) {
      it(`${verb}: a link ${change} after the open answers as a fresh look does, and changes nothing`, async () => {
        const page = await opened();
        await make(page);
        const before = await answered(page.reseller);
        const customerBefore = await env.DB.prepare('SELECT version, relationship_state FROM customers WHERE id = ?').bind(page.customer!.id).first();
        const answer = verb === 'accept' ? await page.browser.accept(page.token, { grantedRights: ['delegated_admin'] }) : await page.browser.decline(page.token);
        // A browser that never opened it looks the link up afresh.
        const fresh = await customerBrowser().get(page.token);
        expect([answer.status, answer.body.error?.code]).toEqual([fresh.status, fresh.body.error?.code]);
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(await answered(page.reseller)).toBe(before);
        expect(await env.DB.prepare('SELECT version, relationship_state FROM customers WHERE id = ?').bind(page.customer!.id).first()).toEqual(customerBefore);
      });
    }
  }

  it('keeps a colleague’s change of the customer made after the open, and activates the relationship on top of it', async () => {
    const page = await opened();
    const seen = (await page.owner.get(`/api/v1/customers/${page.customer!.id}`)).body.customer;
    expect((await page.owner.patch(`/api/v1/customers/${seen.id}`, { version: seen.version, city: 'Salzburg' })).status).toBe(200);
    const answer = await page.browser.accept(page.token, { grantedRights: ['delegated_admin'] });
    expect(answer.status).toBe(200);
    const after = (await page.owner.get(`/api/v1/customers/${seen.id}`)).body.customer;
    expect(after).toMatchObject({ city: 'Salzburg', relationshipState: 'active', grantedRights: ['delegated_admin'], version: seen.version + 2 });
  });

  it('gives a new customer the next free number even when the number seen at the open was taken since', async () => {
    const page = await opened('new');
    const taken = await page.owner.post('/api/v1/customers', { ...newCustomerData, company: 'Schneller GmbH', customerNumber: '10001' });
    expect(taken.status).toBe(201);
    const answer = await page.browser.accept(page.token, { grantedRights: ['delegated_admin'], customer: newCustomerData });
    expect(answer.status).toBe(200);
    const numbers = (await page.owner.get('/api/v1/customers')).body.items.map((item: { customerNumber: string }) => item.customerNumber).sort();
    expect(numbers).toEqual(['10001', '10002']);
  });

  it('counts the answer on the page’s limit: an address at its limit after the open gets 429 and nothing changes', async () => {
    const page = await opened();
    const now = Date.now();
    await env.DB.prepare('UPDATE rate_limits SET hits = ? WHERE key = ? AND window_start = ?')
      .bind(invitationPageRule.limit, `invite:${page.browser.address}`, now - (now % invitationPageRule.windowMs))
      .run();
    const answer = await page.browser.accept(page.token, { grantedRights: ['delegated_admin'] });
    expect([answer.status, answer.body.error.code]).toEqual([429, 'rate_limited']);
    expect(await answered(page.reseller)).toBe(0);
    // Under the limit the same answer counts one hit.
    await env.DB.prepare('UPDATE rate_limits SET hits = ? WHERE key = ?').bind(3, `invite:${page.browser.address}`).run();
    expect((await page.browser.accept(page.token, { grantedRights: ['delegated_admin'] })).status).toBe(200);
    expect(await env.DB.prepare('SELECT hits FROM rate_limits WHERE key = ?').bind(`invite:${page.browser.address}`).first('hits')).toBe(4);
  });

  it('lands one answer of 50 sent at once (accepts and declines mixed): one audit row, the rest 410', async () => {
    const page = await opened();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) => (index % 2 === 0 ? page.browser.accept(page.token, { grantedRights: ['delegated_admin'] }) : page.browser.decline(page.token))),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status !== 200).map((answer) => answer.body.error.code)).toEqual(Array(49).fill('invitation_used'));
    expect(await answered(page.reseller)).toBe(1);
  });
});

describe('resending, based on the version shown', () => {
  it('of 50 resends at once with the version shown, one answers a link and that link works; the rest are told it changed (412)', async () => {
    const reseller = await createReseller();
    const owner = await staff(reseller, 'owner');
    const customer = await createCustomer(reseller);
    const created = (await owner.post('/api/v1/invitations', { customerId: customer.id, requestedRights: ['delegated_admin'] })).body;
    const version = created.invitation.version;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => owner.request('POST', `/api/v1/invitations/${created.invitation.id}/resend`, {}, { 'if-match': `"v${version}"` })),
    );
    const sent = answers.filter((answer) => answer.status === 200);
    expect(sent).toHaveLength(1);
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(refused.map((answer) => [answer.status, answer.body.error.code])).toEqual(Array(49).fill([412, 'precondition_failed']));
    // Each refusal hands over the invitation as it is now, at the version the one resend left.
    expect(new Set(refused.map((answer) => answer.body.error.current.version))).toEqual(new Set([version + 1]));
    expect((await customerBrowser().get(tokenOf(sent[0]!.body.url))).status).toBe(200);
    expect((await customerBrowser().get(tokenOf(created.url))).status).toBe(404);
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'invitation.resent'", reseller.id)).toBe(1);
  });

  it('refuses a resend based on a version changed since (the customer opened the link), and resends once it names the current one', async () => {
    const reseller = await createReseller();
    const owner = await staff(reseller, 'owner');
    const created = (await owner.post('/api/v1/invitations', { requestedRights: ['delegated_admin'] })).body;
    expect((await new Client().request('POST', `/api/v1/public/invitations/${tokenOf(created.url)}/opened`, {}, { 'cf-connecting-ip': '10.7.7.7' })).status).toBe(200);
    const stale = await owner.request('POST', `/api/v1/invitations/${created.invitation.id}/resend`, {}, { 'if-match': `"v${created.invitation.version}"` });
    expect([stale.status, stale.body.error.code]).toEqual([412, 'precondition_failed']);
    expect(stale.body.error.current.openedAt).toEqual(expect.any(String));
    const current = stale.body.error.current.version;
    const resent = await owner.request('POST', `/api/v1/invitations/${created.invitation.id}/resend`, {}, { 'if-match': `"v${current}"` });
    expect(resent.status).toBe(200);
    expect(resent.body.invitation.version).toBe(current + 1);
    // Without If-Match it resends whatever is stored, as before.
    expect((await owner.post(`/api/v1/invitations/${created.invitation.id}/resend`, {})).status).toBe(200);
  });
});

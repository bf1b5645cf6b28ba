import { env } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { customerDisplayName } from '../schema/customers';
import { invitationPageRule } from '../worker/auth/rateLimit';
import { Client, countRows, createCustomer, createReseller, createUser, type TestReseller } from './fixtures';
import { LiveSocket } from './liveClient';

async function staff(reseller: TestReseller, role: 'owner' | 'buyer' | 'support' = 'buyer') {
  return Client.signedIn((await createUser(reseller, role)).email);
}

/** The customer's browser: no session, an address of its own (the public page is rate limited per address). */
function customerBrowser(address = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) {
  const client = new Client();
  return {
    /** What the invitation page does when it shows the invitation. */
    open: (token: string) => client.request('POST', `/api/v1/public/invitations/${token}/opened`, {}, { 'cf-connecting-ip': address }),
    read: (token: string) => client.request('GET', `/api/v1/public/invitations/${token}`, undefined, { 'cf-connecting-ip': address }),
    accept: (token: string, body: unknown) => client.request('POST', `/api/v1/public/invitations/${token}/accept`, body, { 'cf-connecting-ip': address }),
  };
}

const tokenOf = (url: string) => url.split('/invite/')[1]!;

async function auditActions(resellerId: string, entityId: string) {
  const rows = await env.DB.prepare('SELECT action, actor_label AS actor FROM audit_log WHERE reseller_id = ? AND entity_id = ? ORDER BY id')
    .bind(resellerId, entityId)
    .all<{ action: string; actor: string }>();
  return rows.results;
}

async function invite(buyer: Client, customerId?: string, requestedRights = ['delegated_admin', 'billing_view']) {
  const created = await buyer.post('/api/v1/invitations', { ...(customerId ? { customerId } : {}), requestedRights });
  expect(created.status).toBe(201);
  return { invitation: created.body.invitation, token: tokenOf(created.body.url) };
}

describe('invitation tracking: opened', () => {
  it('records the first open once (audited, live to colleagues) and keeps the last open, without telling the customer anything new', async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller);
    const colleague = await LiveSocket.open(await staff(reseller, 'support'));
    const customer = await createCustomer(reseller, { company: 'Öffnet GmbH' });
    const { invitation, token } = await invite(buyer, customer.id);
    expect(invitation).toMatchObject({ openedAt: null, lastOpenedAt: null, reminderCount: 0, lastRemindedAt: null });

    const browser = customerBrowser();
    // Reading the invitation (a GET) records nothing; the page's "opened" does.
    const read = await browser.read(token);
    expect(read.status).toBe(200);
    expect((await buyer.get(`/api/v1/invitations/${invitation.id}`)).body.invitation).toMatchObject({ openedAt: null, version: invitation.version });
    const page = await browser.open(token);
    expect(page.body).toEqual(read.body);
    expect(page.status).toBe(200);
    expect(Object.keys(page.body.invitation).sort()).toEqual(['customerName', 'expiresAt', 'indirectProvider', 'kind', 'language', 'requestedRights', 'resellerName']);
    const heard = await colleague.next((m) => m.type === 'event' && m.event.kind === 'invitation.changed' && m.event.entityId === invitation.id);
    expect(heard.type === 'event' && heard.event.data).toEqual({ customerId: customer.id });

    const opened = (await buyer.get(`/api/v1/invitations/${invitation.id}`)).body.invitation;
    expect(opened.state).toBe('pending');
    expect(opened.openedAt).not.toBeNull();
    expect(opened.lastOpenedAt).toBe(opened.openedAt);

    // Two more opens at once, a minute later: the first open stays, "last opened" moves, no second audit row.
    await env.DB.prepare("UPDATE invitations SET last_opened_at = '2020-01-01T00:00:00.000Z' WHERE id = ?").bind(invitation.id).run();
    const again = await Promise.all([browser.open(token), customerBrowser().open(token)]);
    expect(again.map((answer) => answer.status)).toEqual([200, 200]);
    const later = (await buyer.get(`/api/v1/invitations/${invitation.id}`)).body.invitation;
    expect(later.openedAt).toBe(opened.openedAt);
    expect(later.lastOpenedAt > '2020-01-01T00:00:00.000Z').toBe(true);
    expect((await auditActions(reseller.id, invitation.id)).map((row) => row.action)).toEqual(['invitation.created', 'invitation.opened']);
    expect((await auditActions(reseller.id, invitation.id))[1]!.actor).toBe('Öffnet GmbH');
    colleague.close();
  });

  it('records the first open exactly once when the customer opens the link twice at the same moment', async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller);
    const { invitation, token } = await invite(buyer);
    const answers = await Promise.all([customerBrowser().open(token), customerBrowser().open(token), customerBrowser().open(token)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect((await auditActions(reseller.id, invitation.id)).filter((row) => row.action === 'invitation.opened')).toHaveLength(1);
  });

  it('names the customer in the open’s audit row as the app names it, for every kind of name (found by the link alone, in SQL)', async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller);
    const names = [
      { company: 'Elektro Neumann e.K.', contactFirstName: 'Jonas', contactLastName: 'Neumann' },
      { company: '', contactFirstName: 'Julia', contactLastName: 'Becker' },
      { company: '', contactFirstName: '', contactLastName: 'Öztürk' },
      { company: '', contactFirstName: 'Zoë', contactLastName: '' },
      { company: 'Bäckerei „Zur Mühle“ & Co. KG', contactFirstName: '', contactLastName: '' },
    ];
    for (const name of names) {
      const customer = await createCustomer(reseller, name);
      const { invitation, token } = await invite(buyer, customer.id);
      expect((await customerBrowser().open(token)).status).toBe(200);
      const rows = (await auditActions(reseller.id, invitation.id)).filter((row) => row.action === 'invitation.opened');
      expect(rows.map((row) => row.actor)).toEqual([customerDisplayName(name)]);
    }
    // "Neue Beziehung": no customer yet, the page itself.
    const { invitation, token } = await invite(buyer);
    expect((await customerBrowser().open(token)).status).toBe(200);
    expect((await auditActions(reseller.id, invitation.id)).filter((row) => row.action === 'invitation.opened').map((row) => row.actor)).toEqual(['Einladungsseite']);
  });

  it('records one open of 50 at once: one audit row, the version raised once, colleagues told once', async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller);
    const colleague = await LiveSocket.open(await staff(reseller, 'support'));
    const { invitation, token } = await invite(buyer);
    // The page's changes (no staff member acted), apart from the invitation's own creation.
    const opens = () =>
      colleague.events().filter((message) => message.event.kind === 'invitation.changed' && message.event.entityId === invitation.id && message.event.actor.userId === null);
    const answers = await Promise.all(Array.from({ length: 50 }, () => customerBrowser().open(token)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect((await auditActions(reseller.id, invitation.id)).filter((row) => row.action === 'invitation.opened')).toHaveLength(1);
    expect((await buyer.get(`/api/v1/invitations/${invitation.id}`)).body.invitation.version).toBe(invitation.version + 1);
    await colleague.caughtUp();
    expect(opens().map((message) => message.event.version)).toEqual([invitation.version + 1]);
    // The opens that changed nothing left nothing in the outbox for the hub to re-drive (a resync of every screen).
    await vi.waitFor(async () => expect(await countRows('live_outbox', 'reseller_id = ?', reseller.id)).toBe(0), { timeout: 3_000 });
    colleague.close();
  });

  it('counts each open on the page’s limit: an address at its limit gets 429 and nothing is recorded', async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller);
    const { invitation, token } = await invite(buyer);
    const address = '10.8.8.8';
    const now = Date.now();
    await env.DB.prepare('INSERT INTO rate_limits (key, window_start, hits) VALUES (?, ?, ?)')
      .bind(`invite:${address}`, now - (now % invitationPageRule.windowMs), invitationPageRule.limit - 1)
      .run();
    const browser = customerBrowser(address);
    expect((await browser.open(token)).status).toBe(200);
    const limited = await browser.open(token);
    expect([limited.status, limited.body.error.code]).toEqual([429, 'rate_limited']);
    expect((await auditActions(reseller.id, invitation.id)).filter((row) => row.action === 'invitation.opened')).toHaveLength(1);
    expect(await env.DB.prepare('SELECT hits FROM rate_limits WHERE key = ?').bind(`invite:${address}`).first('hits')).toBe(invitationPageRule.limit + 1);
  });

  it('leaves expired, revoked and answered invitations as they are when their link is opened', async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller);
    const browser = customerBrowser();

    const expired = await invite(buyer);
    await env.DB.prepare("UPDATE invitations SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = ?").bind(expired.invitation.id).run();
    expect((await browser.open(expired.token)).status).toBe(410);
    const stillExpired = (await buyer.get(`/api/v1/invitations/${expired.invitation.id}`)).body.invitation;
    expect(stillExpired).toMatchObject({ state: 'expired', openedAt: null, version: expired.invitation.version });

    const revoked = await invite(buyer);
    await buyer.post(`/api/v1/invitations/${revoked.invitation.id}/revoke`, {});
    expect((await browser.open(revoked.token)).status).toBe(410);
    expect((await buyer.get(`/api/v1/invitations/${revoked.invitation.id}`)).body.invitation).toMatchObject({ state: 'revoked', openedAt: null });

    const customer = await createCustomer(reseller);
    const accepted = await invite(buyer, customer.id);
    expect((await browser.accept(accepted.token, { grantedRights: ['billing_view'] })).status).toBe(200);
    expect((await browser.open(accepted.token)).status).toBe(410);
    const answered = (await buyer.get(`/api/v1/invitations/${accepted.invitation.id}`)).body.invitation;
    // Accepted without opening the page first (an API client): the rights asked and the fewer granted stay side by side.
    expect(answered).toMatchObject({ state: 'accepted', openedAt: null, requestedRights: ['delegated_admin', 'billing_view'], grantedRights: ['billing_view'] });
    for (const id of [expired.invitation.id, revoked.invitation.id, accepted.invitation.id]) {
      expect((await auditActions(reseller.id, id)).map((row) => row.action)).not.toContain('invitation.opened');
    }
  });
});

describe('invitation tracking: reminders', () => {
  it('reminds with a link of its own (the first keeps working), records who and when, and refuses a second reminder within 24 hours with Retry-After', async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller);
    const colleague = await LiveSocket.open(await staff(reseller, 'owner'));
    const customer = await createCustomer(reseller);
    const { invitation, token } = await invite(buyer, customer.id);

    const reminded = await buyer.post(`/api/v1/invitations/${invitation.id}/remind`, {});
    expect(reminded.status).toBe(200);
    expect(reminded.body.invitation).toMatchObject({ state: 'pending', reminderCount: 1, expiresAt: invitation.expiresAt });
    expect(reminded.body.invitation.lastRemindedBy).toBeTruthy();
    expect(reminded.body.invitation.lastRemindedAt).not.toBeNull();
    const reminderToken = tokenOf(reminded.body.url);
    expect(reminderToken).not.toBe(token);
    await colleague.next((m) => m.type === 'event' && m.event.kind === 'invitation.changed' && m.event.entityId === invitation.id);

    const browser = customerBrowser();
    expect((await browser.open(token)).status).toBe(200);
    expect((await browser.open(reminderToken)).status).toBe(200);

    const tooSoon = await buyer.post(`/api/v1/invitations/${invitation.id}/remind`, {});
    expect([tooSoon.status, tooSoon.body.error.code]).toEqual([429, 'reminder_too_soon']);
    const retry = Number(tooSoon.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(23 * 3600);
    expect(retry).toBeLessThanOrEqual(24 * 3600);
    expect(tooSoon.body.error.retryAfterSeconds).toBe(retry);

    // A day later the next reminder goes out.
    await env.DB.prepare("UPDATE invitations SET last_reminded_at = '2020-01-01T00:00:00.000Z' WHERE id = ?").bind(invitation.id).run();
    const second = await buyer.post(`/api/v1/invitations/${invitation.id}/remind`, {});
    expect(second.status).toBe(200);
    expect(second.body.invitation.reminderCount).toBe(2);
    expect((await auditActions(reseller.id, invitation.id)).map((row) => row.action).filter((action) => action === 'invitation.reminded')).toHaveLength(2);

    // Accepting through the reminder's link answers the one invitation; every link is used up then.
    expect((await browser.accept(tokenOf(second.body.url), { grantedRights: ['delegated_admin'] })).status).toBe(200);
    expect((await browser.open(token)).status).toBe(410);
    expect((await browser.open(reminderToken)).status).toBe(410);
    colleague.close();
  });

  it('sends one reminder when two staff members click at once', async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller);
    const owner = await staff(reseller, 'owner');
    const { invitation } = await invite(buyer);
    const answers = await Promise.all([buyer.post(`/api/v1/invitations/${invitation.id}/remind`, {}), owner.post(`/api/v1/invitations/${invitation.id}/remind`, {})]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 429]);
    expect((await buyer.get(`/api/v1/invitations/${invitation.id}`)).body.invitation.reminderCount).toBe(1);
  });

  it('offers no reminder for an expired invitation (invite again instead) nor an answered one; resending ends the reminder links', async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller);
    const browser = customerBrowser();

    const expired = await invite(buyer);
    await env.DB.prepare("UPDATE invitations SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = ?").bind(expired.invitation.id).run();
    const refused = await buyer.post(`/api/v1/invitations/${expired.invitation.id}/remind`, {});
    expect([refused.status, refused.body.error.code]).toEqual([409, 'invitation_expired']);
    const reinvited = await buyer.post(`/api/v1/invitations/${expired.invitation.id}/resend`, {});
    expect([reinvited.status, reinvited.body.invitation.state]).toEqual([200, 'pending']);

    const declined = await invite(buyer);
    await new Client().request('POST', `/api/v1/public/invitations/${declined.token}/decline`, {}, { 'cf-connecting-ip': '10.1.200.1' });
    const closed = await buyer.post(`/api/v1/invitations/${declined.invitation.id}/remind`, {});
    expect([closed.status, closed.body.error.code]).toEqual([409, 'invitation_closed']);

    const open = await invite(buyer);
    const reminder = await buyer.post(`/api/v1/invitations/${open.invitation.id}/remind`, {});
    const resent = await buyer.post(`/api/v1/invitations/${open.invitation.id}/resend`, {});
    expect((await browser.open(tokenOf(reminder.body.url))).status).toBe(404);
    expect((await browser.open(open.token)).status).toBe(404);
    expect((await browser.open(tokenOf(resent.body.url))).status).toBe(200);
    expect((await auditActions(reseller.id, expired.invitation.id)).map((row) => row.action)).not.toContain('invitation.reminded');
  });

  it('is for staff who manage invitations, of their own reseller only', async () => {
    const reseller = await createReseller();
    const other = await createReseller();
    const buyer = await staff(reseller);
    const { invitation } = await invite(buyer);
    const support = await staff(reseller, 'support');
    expect((await support.post(`/api/v1/invitations/${invitation.id}/remind`, {})).status).toBe(403);
    const stranger = await staff(other, 'owner');
    expect((await stranger.post(`/api/v1/invitations/${invitation.id}/remind`, {})).status).toBe(404);
    expect((await buyer.get(`/api/v1/invitations/${invitation.id}`)).body.invitation.reminderCount).toBe(0);
  });
});

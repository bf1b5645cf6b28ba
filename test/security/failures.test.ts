// What happens when parts fail: a D1 statement failing inside a write's batch (for every route), the
// hub unreachable or restarted under writes and connected clients, and an invitation answered twice
// at once. Writes stay whole or absent, clients recover, and the logs hold no secrets.
import { abortAllDurableObjects, env } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sweepOutbox } from '../../worker/live';
import { scenarios } from '../apiScenarios';
import { type ApiWorld, type Call, customerInput, openWorld } from '../apiWorld';
import { countRows, PASSWORD } from '../fixtures';
import { LiveSocket } from '../liveClient';
import { documented, keyOf } from '../operations';
import { errorCode, expectHardened, expectHardenedHeaders, figures, installWriteCounter, methodOf, writesOf } from './harness';

const counted = figures('failures');

/** Makes every audit row of the reseller fail to insert: the last statement of each write's batch. */
async function failingAuditRows(resellerId: string) {
  await env.DB.prepare(`CREATE TRIGGER test_fail_audit BEFORE INSERT ON audit_log WHEN NEW.reseller_id = '${resellerId}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`).run();
  return () => env.DB.prepare('DROP TRIGGER test_fail_audit').run();
}

/** Secrets a request carried: bearer tokens, session cookies, passwords, invitation links' tokens. */
function secretsOf(call: Call, world: ApiWorld): string[] {
  const found = [world.secret, PASSWORD];
  if (typeof call.auth === 'object' && 'cookie' in call.auth) found.push(call.auth.cookie.split('=')[1]!);
  const token = /\/public\/invitations\/([^/?]+)/.exec(call.path)?.[1];
  if (token) found.push(token);
  const password = (call.body as { password?: unknown } | undefined)?.password;
  if (typeof password === 'string') found.push(password);
  return found;
}

describe('failures', () => {
  let world: ApiWorld;
  let listener: LiveSocket;
  const logged: string[] = [];
  const secrets = new Set<string>();

  beforeAll(async () => {
    await installWriteCounter();
    world = await openWorld();
    listener = await LiveSocket.open({ bearer: world.secret });
    // Everything the Worker logs from here on is kept (and kept out of the test output) to be searched for secrets.
    for (const level of ['error', 'warn', 'log', 'info'] as const) {
      vi.spyOn(console, level).mockImplementation((...parts: unknown[]) => {
        logged.push(parts.map(String).join(' '));
      });
    }
  }, 120_000);

  afterAll(() => listener.close());

  for (const operation of documented) {
    const key = keyOf(operation);
    it(`${key}: a statement failing inside its batch leaves nothing written, answers a plain 500 and publishes nothing`, async () => {
      const call = await scenarios[key]!(world);
      for (const secret of secretsOf(call, world)) secrets.add(secret);
      const writes = await writesOf(world.reseller.id);
      // What the scenario's own setup published (a job's first chunk, say) has arrived before counting.
      await listener.caughtUp();
      const heard = listener.messages.length;
      const restore = await failingAuditRows(world.reseller.id);
      let answer: Awaited<ReturnType<ApiWorld['send']>>;
      try {
        answer = await world.send(methodOf(operation), call);
      } finally {
        await restore();
      }
      answer.socket?.accept();
      answer.socket?.close();
      expect(await writesOf(world.reseller.id), `${key} left part of its write`).toBe(writes);
      expect(
        listener.messages.slice(heard).filter((message) => message.type === 'event'),
        `${key} published a change that did not happen`,
      ).toEqual([]);
      if (answer.status === 500) {
        expectHardenedHeaders(answer, key);
        expect(JSON.parse(answer.text)).toEqual({ error: { code: 'internal_error', message: 'Something went wrong on our side. Please try again.' } });
        counted.add('writes failed inside their batch');
      } else {
        // A route that answers without writing an audit row must not have written anything at all.
        expectHardened(answer, key);
        counted.add('reads and refusals unaffected');
      }
    });
  }

  it('keeps writing while the hub is unreachable, and a connected client gets the change from the outbox once the hub is back', { timeout: 30_000 }, async () => {
    const down = () => Promise.reject(new Error('hub unreachable'));
    const withoutHub = { ...env, RESELLER_HUB: { idFromName: (name: string) => env.RESELLER_HUB.idFromName(name), get: () => ({ publish: down, disconnect: down, fetch: down }) } };
    const before = listener.messages.length;
    const created = await world.send('POST', { path: '/api/v1/customers', body: customerInput() }, withoutHub as unknown as typeof env);
    expect(created.status).toBe(201);
    const { customer } = JSON.parse(created.text);
    expect(await countRows('customers', 'id = ?', customer.id)).toBe(1);
    expect(await countRows('live_outbox', 'reseller_id = ?', world.reseller.id)).toBe(1);
    const changes = () => listener.messages.slice(before).filter((message) => message.type !== 'presence');
    expect(changes()).toEqual([]);
    // The hub is back: the minute's sweep hands it what the outbox kept (past the grace for publishes on their way).
    await env.DB.prepare('UPDATE live_outbox SET created_at = ? WHERE reseller_id = ?')
      .bind(new Date(Date.now() - 60_000).toISOString(), world.reseller.id)
      .run();
    await sweepOutbox(env);
    await listener.next((message) => message.type === 'event' && message.event.entityId === customer.id);
    expect(changes().map((message) => message.type)).toEqual(['event']);
    expect(await countRows('live_outbox', 'reseller_id = ?', world.reseller.id)).toBe(0);
  });

  it('recovers a connected client through replay after the hub restarts', async () => {
    const socket = await LiveSocket.open({ bearer: world.secret });
    const first = (await world.made('POST', '/api/v1/customers', customerInput())).customer;
    const seen = await socket.next((message) => message.type === 'event' && message.event.entityId === first.id);
    const closed = new Promise((resolve) => socket.socket.addEventListener('close', resolve));
    await abortAllDurableObjects();
    await closed;
    // Writes go on while no hub runs; the hub starts again on the first publish.
    const missed = [(await world.made('POST', '/api/v1/customers', customerInput())).customer, (await world.made('POST', '/api/v1/customers', customerInput())).customer];
    const again = await LiveSocket.open({ bearer: world.secret }, `?since=${seen.type === 'event' ? seen.seq : -1}`);
    await again.next((message) => message.type === 'event' && message.event.entityId === missed[1]!.id);
    expect(again.events().map((message) => message.event.entityId)).toEqual(missed.map((customer) => customer.id));
    again.close();
    listener = await LiveSocket.open({ bearer: world.secret });
  });

  it('accepts an invitation answered twice at once exactly once, and lets accepting and declining at once end one way', async () => {
    const existing = await world.activeCustomer({ relationshipState: 'none', grantedRights: [] });
    const { invitation, token } = await (async () => {
      const made = await world.made('POST', '/api/v1/invitations', { customerId: existing.id, requestedRights: ['delegated_admin'] });
      return { invitation: made.invitation, token: String(made.url).split('/invite/')[1]! };
    })();
    secrets.add(token);
    const invited = (await world.made('GET', `/api/v1/customers/${existing.id}`)).customer;
    const accept = (address: string): Call => ({
      path: `/api/v1/public/invitations/${token}/accept`,
      auth: 'none',
      body: { grantedRights: ['delegated_admin'] },
      headers: { 'cf-connecting-ip': address },
    });
    const twice = await Promise.all([world.send('POST', accept('10.44.0.1')), world.send('POST', accept('10.44.0.2'))]);
    expect(twice.map((answer) => `${answer.status} ${errorCode(answer) ?? ''}`).sort()).toEqual(['200 ', '410 invitation_used']);
    expect(await countRows('audit_log', "action = 'invitation.accepted' AND entity_id = ?", invitation.id)).toBe(1);
    expect((await world.made('GET', `/api/v1/customers/${existing.id}`)).customer).toMatchObject({ relationshipState: 'active', version: invited.version + 1 });

    const fresh = await world.newInvitation();
    secrets.add(fresh.token);
    const answers = await Promise.all([
      world.send('POST', {
        path: `/api/v1/public/invitations/${fresh.token}/accept`,
        auth: 'none',
        body: { grantedRights: ['delegated_admin'], customer: (({ customerNumber: _n, ...rest }) => rest)(customerInput()) },
        headers: { 'cf-connecting-ip': '10.44.0.3' },
      }),
      world.send('POST', { path: `/api/v1/public/invitations/${fresh.token}/decline`, auth: 'none', headers: { 'cf-connecting-ip': '10.44.0.4' } }),
    ]);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    const state = (await world.made('GET', `/api/v1/invitations/${fresh.invitation.id}`)).invitation.state;
    expect(state).toBe(answers[0]!.status === 200 ? 'accepted' : 'declined');
    expect(await countRows('customers', 'id = (SELECT customer_id FROM invitations WHERE id = ?)', fresh.invitation.id)).toBe(state === 'accepted' ? 1 : 0);
  });

  it('logged every failure without a secret, and reports its figures', ({ task }) => {
    const unhandled = logged.filter((line) => line.startsWith('unhandled'));
    expect(unhandled.length).toBe(Number(counted.counts['writes failed inside their batch']));
    for (const secret of secrets)
      expect(
        logged.filter((line) => line.includes(secret)),
        'a secret in the log',
      ).toEqual([]);
    counted.set('log lines searched for secrets', logged.length);
    counted.set('secrets looked for', secrets.size);
    vi.restoreAllMocks();
    counted.report(task);
  });
});

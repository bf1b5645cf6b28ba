// A request may run with the actor its isolate remembers while the credential is checked beside it.
// These tests warm that memory first, then change the credential and show that the very next requests,
// 50 of them at once, are refused or run with the current permissions, and that no write gets through.
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { tags } from '../schema/tables';
import { credentialStillHolds } from '../worker/auth/credentialGuard';
import { sha256Hex } from '../worker/auth/crypto';
import { database } from '../worker/db';
import type { Actor } from '../worker/env';
import { ActorChanged } from '../worker/errors';
import { commitWrite } from '../worker/write';
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

// The window the tests above cannot time: the check passed, then the credential changed, then the batch
// runs. The batch's own credential guard decides, in its transaction.
describe("a write's credential guard", () => {
  async function remembered(role: 'owner' | 'admin' = 'owner') {
    const reseller = await createReseller();
    const user = await createUser(reseller, role);
    const client = await Client.signedIn(user.email);
    const token = /desk_session=([^;]+)/.exec(client.cookie)![1]!;
    const actor = (await client.get('/api/v1/session')).body.user;
    expect(actor.id).toBe(user.id);
    const row = (await env.DB.prepare('SELECT partner_type, only_owner_adds_customers FROM resellers WHERE id = ?')
      .bind(reseller.id)
      .first<{ partner_type: string; only_owner_adds_customers: number }>())!;
    const asRemembered = {
      userId: user.id,
      resellerId: reseller.id,
      role,
      displayName: 'Geprüft',
      sessionTokenHash: await sha256Hex(token),
      reseller: { partnerType: row.partner_type, onlyOwnerAddsCustomers: row.only_owner_adds_customers === 1 },
    } as unknown as Actor;
    return { reseller, asRemembered };
  }

  const tagWrite = (actor: Actor, name: string, proven: string[]) =>
    commitWrite(
      {
        env,
        executionCtx: { waitUntil: () => {} },
        // The check beside the request passed before the credential changed.
        var: { actorUsed: true, credentialCheck: Promise.resolve(), credentialGuard: credentialStillHolds(actor) },
        set: (key) => proven.push(key),
      },
      actor,
      {
        statements: [
          database(env)
            .insert(tags)
            .values({ id: `tag_${crypto.randomUUID().replaceAll('-', '')}`, resellerId: actor.resellerId, name, nameKey: name.toLowerCase(), color: 'blue' }),
        ],
        audit: { action: 'tag.created', entityType: 'tag', entityId: name },
      },
    );

  it('commits while the session holds, and then needs no further check', async () => {
    const { reseller, asRemembered } = await remembered();
    const proven: string[] = [];
    await tagWrite(asRemembered, 'Gilt', proven);
    expect(await tagsNamed(reseller.id, 'Gilt')).toBe(1);
    expect(proven).toEqual(['credentialProven']);
  });

  it('commits nothing when the session was signed out, the user deactivated or demoted, or the plan changed after the check', async () => {
    const changes: [string, (ids: { userId: string; resellerId: string; tokenHash: string }) => D1PreparedStatement][] = [
      ['signed out', ({ tokenHash }) => env.DB.prepare("UPDATE sessions SET revoked_at = '2026-01-01T00:00:00.000Z' WHERE token_hash = ?").bind(tokenHash)],
      ['deactivated', ({ userId }) => env.DB.prepare('UPDATE users SET active = 0 WHERE id = ?').bind(userId)],
      ['demoted', ({ userId }) => env.DB.prepare("UPDATE users SET role = 'support' WHERE id = ?").bind(userId)],
      ['plan changed', ({ resellerId }) => env.DB.prepare('UPDATE resellers SET only_owner_adds_customers = 1 - only_owner_adds_customers WHERE id = ?').bind(resellerId)],
    ];
    for (const [label, change] of changes) {
      const { reseller, asRemembered } = await remembered('admin');
      await change({ userId: asRemembered.userId, resellerId: reseller.id, tokenHash: asRemembered.sessionTokenHash }).run();
      const proven: string[] = [];
      await expect(tagWrite(asRemembered, `Nach ${label}`, proven), label).rejects.toBeInstanceOf(ActorChanged);
      expect(await tagsNamed(reseller.id, 'Nach'), label).toBe(0);
      expect(await countRows('audit_log', "reseller_id = ? AND action = 'tag.created'", reseller.id), label).toBe(0);
      expect(proven, label).toEqual([]);
    }
  });
});

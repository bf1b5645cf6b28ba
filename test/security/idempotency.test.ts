// Idempotency-Key replays on every operation that takes the header: a kept answer goes only to the
// credential that made it, never past the route's permission or module check, and never holds a secret.
// Each other role, token scope and reseller that reuses a key gets what it gets without the key.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { customerModulePermissions, type Permission, permissions, type Role, roleMatrix, roles } from '../../schema/permissions';
import { takesIdempotencyKey } from '../../worker/openapi/conventions';
import type { Operation } from '../../worker/openapi/operation';
import { scenarios } from '../apiScenarios';
import { type Answer, type ApiWorld, type Call, openWorld } from '../apiWorld';
import { Client, createReseller, createUser, PASSWORD } from '../fixtures';
import { documented, keyOf } from '../operations';
import { errorCode, expectHardened, figures, methodOf, permissionOf } from './harness';

const counted = figures('idempotency');
const keyed = documented.filter(takesIdempotencyKey);

type Caller = { label: string; auth: Call['auth'] };

/** The secrets an answer shows once: a token's or webhook's secret, an invitation link. */
const secretsIn = (text: string): string[] => {
  const body = JSON.parse(text || '{}') as { secret?: unknown; url?: unknown };
  return [body.secret, body.url].filter((value): value is string => typeof value === 'string');
};
/**
 * What must never be stored: API token secrets and invitation link tokens (only their hashes are). A
 * webhook's signing secret is kept by necessity, since each delivery is signed with it; it still never
 * reaches the idempotency table, which the replay check above shows.
 */
const neverStored = (secret: string) => (secret.startsWith('whsec_') ? undefined : (secret.split('/invite/')[1] ?? secret));
const replayed = (answer: Answer) => answer.headers.get('idempotent-replayed') === 'true';
const outcome = (answer: Answer) => [answer.status, errorCode(answer)];

describe('Idempotency-Key replays', () => {
  let world: ApiWorld;
  let owner: Caller;
  const others: Caller[] = [];
  /** Every secret any first answer showed; none may be found stored anywhere afterwards. */
  const shownSecrets: string[] = [];
  let keyNumber = 0;
  const freshKey = () => `sweep-${++keyNumber}-${world.unique()}`;

  beforeAll(async () => {
    world = await openWorld();
    owner = { label: 'owner', auth: { cookie: await world.signIn() } };
    for (const role of roles.filter((candidate): candidate is Exclude<Role, 'owner'> => candidate !== 'owner')) {
      others.push({ label: role, auth: { cookie: (await Client.signedIn((await createUser(world.reseller, role)).email, PASSWORD)).cookie } });
    }
    for (const permission of permissions) {
      const { secret } = await world.made('POST', '/api/v1/api-tokens', { name: `only ${permission}`, scopes: [permission], rateLimitPerMinute: 6000 });
      others.push({ label: `token with ${permission}`, auth: { bearer: secret } });
    }
    others.push({ label: 'the all-scopes token of the same reseller', auth: 'token' });
    const elsewhere = await createReseller();
    others.push({ label: "another reseller's owner", auth: { cookie: (await Client.signedIn((await createUser(elsewhere, 'owner')).email, PASSWORD)).cookie } });
  }, 120_000);

  const send = async (operation: Operation, call: Call, caller: Caller, key?: string) => {
    const answer = await world.send(methodOf(operation), { ...call, auth: caller.auth, headers: { ...call.headers, ...(key ? { 'idempotency-key': key } : {}) } });
    expectHardened(answer, `${keyOf(operation)} as ${caller.label}`);
    return answer;
  };

  for (const operation of keyed) {
    const key = keyOf(operation);
    it(`${key}: a key is the credential's own; others reusing it get what they get without it`, { timeout: 120_000 }, async () => {
      const call = await scenarios[key]!(world);
      const idempotencyKey = freshKey();
      const first = await send(operation, call, owner, idempotencyKey);
      expect(first.status, `${key} first: ${first.text.slice(0, 200)}`).toBeLessThan(300);
      shownSecrets.push(...secretsIn(first.text));

      // The same credential again: the first answer, marked, with any secret withheld.
      const again = await send(operation, call, owner, idempotencyKey);
      expect(replayed(again), `${key}: the owner's repeat is a replay`).toBe(true);
      expect(again.status).toBe(first.status);
      const firstBody = JSON.parse(first.text || 'null');
      const secrets = secretsIn(first.text);
      if (secrets.length > 0) {
        const { secret: _secret, url: _url, ...rest } = firstBody;
        expect(JSON.parse(again.text), `${key}: the replay withholds the secret`).toEqual({ ...rest, secretWithheld: true });
        expect(again.headers.get('idempotent-secret-withheld')).toBe('true');
        counted.add('replays with the secret withheld');
      } else {
        expect(JSON.parse(again.text || 'null'), `${key}: the replay is the first answer`).toEqual(firstBody);
      }
      counted.add('replays to the same credential');

      // The same key with another body: refused, whoever sends it first.
      const altered = await send(operation, { ...call, body: { ...(typeof call.body === 'object' ? call.body : {}), zz: 1 } }, owner, idempotencyKey);
      expect(outcome(altered), `${key}: the key with another body`).toEqual([422, 'idempotency_key_reused']);

      // Everyone else: the key means nothing to them. Their answer with the key equals their answer without
      // it, in the same state: a first plain request uses up what the request changes (a number, a name),
      // so the keyed one and a second plain one meet the same data.
      for (const caller of others) {
        const before = await send(operation, call, caller);
        const withKey = await send(operation, call, caller, idempotencyKey);
        const withoutKey = await send(operation, call, caller);
        shownSecrets.push(...secretsIn(before.text));
        const label = `${key} as ${caller.label}`;
        expect(replayed(withKey), `${label} got the owner's kept answer`).toBe(false);
        for (const secret of secrets) expect(withKey.text, `${label} saw the owner's secret`).not.toContain(secret);
        expect(outcome(withKey), `${label}: with the owner's key ${withKey.text.slice(0, 160)} / without ${withoutKey.text.slice(0, 160)}`).toEqual(outcome(withoutKey));
        shownSecrets.push(...secretsIn(withKey.text), ...secretsIn(withoutKey.text));
        counted.add('replays tried by other credentials');
      }
    });
  }

  it('checks the permission before any replay: a demoted colleague, and a reseller that lost the module, are refused their own kept answers', { timeout: 120_000 }, async () => {
    const admin = await createUser(world.reseller, 'admin');
    const adminCaller: Caller = { label: 'admin', auth: { cookie: (await Client.signedIn(admin.email, PASSWORD)).cookie } };
    const setRole = (role: Role) => env.DB.prepare('UPDATE users SET role = ? WHERE id = ?').bind(role, admin.id).run();
    for (const operation of keyed) {
      const permission = permissionOf(operation) as Permission | undefined;
      if (!permission) continue;
      const call = await scenarios[keyOf(operation)]!(world);
      const idempotencyKey = freshKey();
      const first = await send(operation, call, adminCaller, idempotencyKey);
      shownSecrets.push(...secretsIn(first.text));
      if (first.status >= 300) continue;
      await setRole('support');
      const demoted = await send(operation, call, adminCaller, idempotencyKey);
      await setRole('admin');
      if (!roleMatrix.support.includes(permission)) {
        expect(outcome(demoted), `${keyOf(operation)} replayed to a colleague demoted to support`).toEqual([403, 'forbidden']);
        counted.add('replays refused after a demotion');
      }
      if (customerModulePermissions.includes(permission)) {
        await env.DB.prepare("UPDATE resellers SET partner_type = 'standard' WHERE id = ?").bind(world.reseller.id).run();
        const withoutModule = await send(operation, call, adminCaller, idempotencyKey);
        await env.DB.prepare("UPDATE resellers SET partner_type = 'basic' WHERE id = ?").bind(world.reseller.id).run();
        expect(outcome(withoutModule), `${keyOf(operation)} replayed without the module`).toEqual([403, 'module_unavailable']);
        counted.add('replays refused without the module');
      }
    }
  });

  it('keeps none of the secrets it showed, anywhere in D1', async ({ task }) => {
    const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'").all<{
      name: string;
    }>();
    const stored = await env.DB.batch(tables.results.map(({ name }) => env.DB.prepare(`SELECT * FROM "${name}"`)));
    const everything = JSON.stringify(stored.map((result) => result.results));
    const tokens = shownSecrets.map(neverStored).filter((secret): secret is string => secret !== undefined);
    const kept = await env.DB.prepare('SELECT body FROM idempotency_keys').all<{ body: string | null }>();
    const keptAnswers = JSON.stringify(kept.results);
    expect(
      shownSecrets.filter((secret) => keptAnswers.includes(secret)),
      'a secret kept for replays',
    ).toEqual([]);
    expect(tokens.length).toBeGreaterThan(0);
    expect(
      tokens.filter((secret) => everything.includes(secret)),
      'a secret stored in clear',
    ).toEqual([]);
    counted.set('operations that take the key', keyed.length);
    counted.set('other credentials per operation', others.length);
    counted.add('secrets looked for in every table', tokens.length);
    counted.report(task);
  });
});

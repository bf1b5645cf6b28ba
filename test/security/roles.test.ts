// Every role and every token scope against every route, each answer held against the one permission
// matrix (schema/permissions.ts): where the matrix allows, the route's own succeeding request succeeds
// with its documented status; where it does not, 403 and nothing else. Partner types and the
// owner-only rule narrow the matrix; they are swept the same way.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { customerModulePermissions, effectivePermissions, type Permission, permissions, type ResellerPolicy, type Role, roles } from '../../schema/permissions';
import type { Operation } from '../../worker/openapi/operation';
import { scenarios } from '../apiScenarios';
import { type ApiWorld, type Call, customerInput, openWorld } from '../apiWorld';
import { Client, createReseller, createUser, PASSWORD, type TestReseller } from '../fixtures';
import { LiveSocket } from '../liveClient';
import { documented, keyOf, successStatus } from '../operations';
import { errorCode, expectHardened, figures, methodOf, permissionOf } from './harness';

const counted = figures('roles');
const guarded = documented.filter((operation) => operation.access !== 'public');

/** Who acts: a staff member (signed in afresh when the request ends the session) or a token. */
type Actor = { label: string; role: Role; email: string; cookie: string } | { label: string; bearer: string; scopes: readonly Permission[] };

async function staffOf(reseller: TestReseller, role: Role): Promise<Actor> {
  const user = await createUser(reseller, role);
  return { label: role, role, email: user.email, cookie: (await Client.signedIn(user.email)).cookie };
}

/** The call as this actor sends it; signing out gets a session of its own, so the actor's stays. */
async function as(actor: Actor, call: Call): Promise<Call> {
  if ('bearer' in actor) return { ...call, auth: { bearer: actor.bearer } };
  const cookie = typeof call.auth === 'object' && 'cookie' in call.auth ? (await Client.signedIn(actor.email, PASSWORD)).cookie : actor.cookie;
  return { ...call, auth: { cookie } };
}

function allowedFor(actor: Actor, policy: ResellerPolicy): ReadonlySet<Permission> {
  if ('bearer' in actor) return new Set(effectivePermissions('admin', policy).filter((permission) => actor.scopes.includes(permission)));
  return new Set(effectivePermissions(actor.role, policy));
}

/** The 403 the matrix predicts: outside a Basic reseller the customer module is missing, else the role or scope is. */
const refusal = (permission: Permission, policy: ResellerPolicy) =>
  customerModulePermissions.includes(permission) && policy.partnerType !== 'basic' ? 'module_unavailable' : 'forbidden';

describe('the permission matrix, route by route', () => {
  let world: ApiWorld;
  const policy: ResellerPolicy = { partnerType: 'basic', onlyOwnerAddsCustomers: false };
  const actors: Actor[] = [];
  const templates = new Map<string, Call>();

  beforeAll(async () => {
    world = await openWorld();
    for (const role of roles) actors.push(await staffOf(world.reseller, role));
    for (const permission of permissions) {
      const { secret } = await world.made('POST', '/api/v1/api-tokens', { name: `only ${permission}`, scopes: [permission], rateLimitPerMinute: 6000 });
      actors.push({ label: `token with ${permission}`, bearer: secret, scopes: [permission] });
    }
    // One request per route for the refusals: a refused request changes nothing, so it can be sent again.
    for (const operation of guarded) templates.set(keyOf(operation), await scenarios[keyOf(operation)]!(world));
  }, 120_000);

  /** A request the matrix allows: a fresh one of its own (it may use up what it changes), made by this actor. */
  async function allowedCall(operation: Operation, actor: Actor): Promise<Call> {
    const call = await scenarios[keyOf(operation)]!(world);
    // A token makes tokens with no more than its own scopes (never more than its maker holds).
    if (keyOf(operation) === 'POST /api/v1/api-tokens' && 'bearer' in actor) return as(actor, { ...call, body: { ...(call.body as object), scopes: actor.scopes } });
    return as(actor, call);
  }

  for (const operation of guarded) {
    const key = keyOf(operation);
    it(`${key}: each role and each token scope gets what the matrix says`, { timeout: 60_000 }, async () => {
      const permission = permissionOf(operation);
      for (const actor of actors) {
        const allowed = permission === undefined || allowedFor(actor, policy).has(permission);
        const call = allowed ? await allowedCall(operation, actor) : await as(actor, templates.get(key)!);
        const answer = await world.send(methodOf(operation), call);
        answer.socket?.accept();
        answer.socket?.close();
        const label = `${key} as ${actor.label}`;
        expectHardened(answer, label);
        if (allowed) expect(answer.status, `${label} is allowed: ${answer.text.slice(0, 200)}`).toBe(successStatus(operation));
        else expect([answer.status, errorCode(answer)], `${label} is refused`).toEqual([403, refusal(permission!, policy)]);
        counted.add(allowed ? 'cells allowed (succeeded)' : 'cells refused (403)');
      }
    });
  }

  it('lets each role and each token scope hear customer changes on the live socket exactly when it may read customers', async () => {
    const sockets = [];
    for (const actor of actors)
      sockets.push({ actor, socket: await LiveSocket.open('bearer' in actor ? { bearer: actor.bearer } : Object.assign(new Client(), { cookie: actor.cookie })) });
    const created = (await world.made('POST', '/api/v1/customers', customerInput())).customer;
    for (const { actor, socket } of sockets) {
      const reads = allowedFor(actor, policy).has('customers.read');
      if (reads) await socket.next((message) => message.type === 'event' && message.event.entityId === created.id);
      await socket.caughtUp();
      expect(
        socket.events().some((message) => message.event.entityId === created.id),
        `${actor.label} on the live socket`,
      ).toBe(reads);
      socket.close();
      counted.add(reads ? 'live sockets that heard the change' : 'live sockets kept from it');
    }
  });

  it('reports the sweep over the Basic reseller', () => {
    counted.set('roles × routes', `${roles.length} × ${guarded.length}`);
    counted.set('token scopes × routes', `${permissions.length} × ${guarded.length}`);
  });
});

/**
 * The narrower reseller policies: the module missing outside Basic (also for a token made while the
 * reseller was Basic), and the reseller's rule that only the owner adds customers. Requests are those of a
 * Basic reseller's world, so where the matrix allows, the guard lets them through to an answer of
 * their own (404 for the other reseller's ids, or a success); where it does not, 403.
 */
describe('the matrix narrowed by partner type and reseller settings', () => {
  let world: ApiWorld;
  const templates = new Map<string, Call>();

  beforeAll(async () => {
    world = await openWorld();
    for (const operation of guarded) templates.set(keyOf(operation), await scenarios[keyOf(operation)]!(world));
  }, 120_000);

  const narrowed: { name: string; partnerType: ResellerPolicy['partnerType']; onlyOwnerAddsCustomers?: boolean }[] = [
    { name: 'a Standard reseller', partnerType: 'standard' },
    { name: 'a Tenant (simple) reseller', partnerType: 'tenant_simple' },
    { name: 'a Tenant (country) reseller', partnerType: 'tenant_country' },
    { name: 'a Basic reseller where only the owner adds customers', partnerType: 'basic', onlyOwnerAddsCustomers: true },
  ];

  for (const { name, partnerType, onlyOwnerAddsCustomers = false } of narrowed) {
    it(`${name}: every route refuses exactly what the matrix takes away`, { timeout: 120_000 }, async () => {
      const policy: ResellerPolicy = { partnerType, onlyOwnerAddsCustomers };
      const reseller = await createReseller('basic', { onlyOwnerAddsCustomers });
      const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
      // Made while the reseller still had the module: its module scopes must lapse with the module.
      const { secret } = (await owner.post('/api/v1/api-tokens', { name: 'every scope', scopes: [...permissions], rateLimitPerMinute: 6000 })).body;
      await env.DB.prepare('UPDATE resellers SET partner_type = ? WHERE id = ?').bind(partnerType, reseller.id).run();
      const actors: Actor[] = [{ label: 'token with every scope', bearer: secret, scopes: permissions }];
      for (const role of roles) actors.push(await staffOf(reseller, role));
      for (const operation of guarded) {
        const permission = permissionOf(operation);
        for (const actor of actors) {
          const allowed = permission === undefined || allowedFor(actor, policy).has(permission);
          const answer = await world.send(methodOf(operation), await as(actor, templates.get(keyOf(operation))!));
          answer.socket?.accept();
          answer.socket?.close();
          const label = `${keyOf(operation)} as ${actor.label} at ${name}`;
          expectHardened(answer, label);
          if (allowed) expect(answer.status, `${label} is allowed: ${answer.text.slice(0, 200)}`).not.toBe(403);
          else expect([answer.status, errorCode(answer)], `${label} is refused`).toEqual([403, refusal(permission!, policy)]);
          counted.add(allowed ? 'cells allowed (past the guard)' : 'cells refused (403)');
        }
      }
    });
  }

  it('reports its figures', ({ task }) => {
    counted.set('narrowed policies × (roles + a token) × routes', `${narrowed.length} × ${roles.length + 1} × ${guarded.length}`);
    counted.report(task);
  });
});

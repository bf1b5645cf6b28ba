import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { type Domain, domainInput, domainOutput, domainUpdateInput } from '../../schema/orders';
import { domains } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { holdingsPage, strip } from '../customers/holdings';
import { changeOwned, type TakenValue, writeOwned } from '../customers/ownedWrite';
import { newId, tenantScope } from '../db';
import type { AppEnv } from '../env';
import { NotFound } from '../errors';
import { describeList, describeRoute } from '../openapi/describeRoute';
import { changeRow } from '../rowMemory';
import { noBody, readJson } from '../validate';
import { commitWrite, GuardFailed, liveEvent, stillExists } from '../write';

const oneDomain = v.object({ domain: domainOutput });

/** A customer's Domains tab: `/api/v1/customers/:customerId/domains` and `/api/v1/domains/:id`. */
export const customerDomainRoutes = new Hono<AppEnv>();
export const domainRoutes = new Hono<AppEnv>();

const taken: TakenValue = { index: 'domains.name', field: 'name', code: 'domain_taken' };

customerDomainRoutes.get(
  '/:customerId/domains',
  describeList({ tag: 'Domains', summary: "List a customer's domains by name", item: domainOutput }),
  requirePermission('customers.read'),
  async (c) => c.json(await holdingsPage(c, 'domains')),
);

customerDomainRoutes.post(
  '/:customerId/domains',
  describeRoute({
    tag: 'Domains',
    summary: 'Add a domain',
    body: domainInput,
    responses: { 201: oneDomain },
    errors: { 409: ['domain_taken'] },
  }),
  requirePermission('customers.write'),
  async (c) => {
    const actor = currentActor(c);
    const input = await readJson(c, domainInput);
    // The customer is checked by the batch's guard (another reseller's is a 404).
    const next: Domain = { id: newId('dom'), customerId: c.req.param('customerId'), ...input, version: 1 };
    const domain = await writeOwned(c, actor, { table: domains, entityType: 'domain', event: 'domain.changed', action: 'domain.added', next, values: input, taken });
    return c.json({ domain }, 201);
  },
);

domainRoutes.patch(
  '/:id',
  describeRoute({
    tag: 'Domains',
    summary: 'Change a domain',
    body: domainUpdateInput,
    responses: { 200: oneDomain },
    errors: { 409: ['domain_taken'] },
  }),
  requirePermission('customers.write'),
  async (c) => {
    const { version, ...changes } = await readJson(c, domainUpdateInput);
    const domain = await changeOwned(c, currentActor(c), { table: domains, id: c.req.param('id'), version, view: strip }, (current: Domain) => ({
      entityType: 'domain',
      event: 'domain.changed',
      action: 'domain.updated',
      next: { ...current, ...changes, version: current.version + 1 } satisfies Domain,
      values: changes,
      taken,
    }));
    return c.json({ domain });
  },
);

domainRoutes.delete('/:id', describeRoute({ tag: 'Domains', summary: 'Remove a domain', responses: { 204: null } }), requirePermission('customers.write'), noBody, async (c) => {
  const actor = currentActor(c);
  const scope = tenantScope(c.env, actor);
  // Planned from the domain as its tab showed it, when this isolate remembers it.
  await changeRow(scope, domains, c.req.param('id'), undefined, async (found) => {
    const { resellerId: _r, ...current } = found.row;
    try {
      await commitWrite(c, actor, {
        // Of two removals at once (or one racing the customer's delete) the later finds nothing: 404, no second audit row.
        // From memory, the domain must also be as remembered (its audit row shows it as it was).
        guards: [found.fromMemory ? found.unchanged : stillExists(domains, current.id)],
        statements: [scope.db.delete(domains).where(scope.where(domains, eq(domains.id, current.id)))],
        audit: { action: 'domain.removed', entityType: 'domain', entityId: current.id, customerId: current.customerId, before: current },
        events: [liveEvent('domain.changed', actor, { id: current.id, version: current.version + 1 }, { customerId: current.customerId, removed: true })],
      });
    } catch (error) {
      throw error instanceof GuardFailed && !found.fromMemory ? new NotFound() : error;
    }
  });
  return c.body(null, 204);
});

import { Hono } from 'hono';
import * as v from 'valibot';
import { type PortalUser, portalUserInput, portalUserOutput, portalUserUpdateInput } from '../../schema/orders';
import { portalUsers } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { holdingsPage, strip } from '../customers/holdings';
import { changeOwned, type TakenValue, writeOwned } from '../customers/ownedWrite';
import { newId } from '../db';
import type { AppEnv } from '../env';
import { describeList, describeRoute } from '../openapi/describeRoute';
import { readJson } from '../validate';

const onePortalUser = v.object({ user: portalUserOutput });

/** A customer's Users tab: `/api/v1/customers/:customerId/users` and `/api/v1/portal-users/:id`. */
export const customerPortalUserRoutes = new Hono<AppEnv>();
export const portalUserRoutes = new Hono<AppEnv>();

const taken: TakenValue = { index: 'portal_users.username', field: 'username', code: 'username_taken' };

customerPortalUserRoutes.get(
  '/:customerId/users',
  describeList({ tag: 'Portal users', summary: "List a customer's portal users by user name", item: portalUserOutput }),
  requirePermission('customers.read'),
  async (c) => c.json(await holdingsPage(c, 'users')),
);

customerPortalUserRoutes.post(
  '/:customerId/users',
  describeRoute({
    tag: 'Portal users',
    summary: 'Add a portal user',
    body: portalUserInput,
    responses: { 201: onePortalUser },
    errors: { 409: ['username_taken'] },
  }),
  requirePermission('customers.write'),
  async (c) => {
    const actor = currentActor(c);
    const input = await readJson(c, portalUserInput);
    // The customer is checked by the batch's guard (another reseller's is a 404).
    const next: PortalUser = { id: newId('pus'), customerId: c.req.param('customerId'), ...input, active: true, version: 1 };
    const user = await writeOwned(c, actor, {
      table: portalUsers,
      entityType: 'portal_user',
      event: 'portal_user.changed',
      action: 'portal_user.added',
      next,
      values: { ...input, active: true },
      taken,
    });
    return c.json({ user }, 201);
  },
);

// Portal users are deactivated and reactivated, not deleted: their history stays readable.
portalUserRoutes.patch(
  '/:id',
  describeRoute({
    tag: 'Portal users',
    summary: 'Change, deactivate or reactivate a portal user',
    body: portalUserUpdateInput,
    responses: { 200: onePortalUser },
    errors: { 409: ['username_taken'] },
  }),
  requirePermission('customers.write'),
  async (c) => {
    const { version, ...changes } = await readJson(c, portalUserUpdateInput);
    const action = changes.active === false ? 'portal_user.deactivated' : changes.active === true ? 'portal_user.reactivated' : 'portal_user.updated';
    const user = await changeOwned(c, currentActor(c), { table: portalUsers, id: c.req.param('id'), version, view: strip }, (current: PortalUser) => ({
      entityType: 'portal_user',
      event: 'portal_user.changed',
      action,
      next: { ...current, ...changes, version: current.version + 1 } satisfies PortalUser,
      values: changes,
      taken,
    }));
    return c.json({ user });
  },
);

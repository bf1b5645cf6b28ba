import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { type Asset, assetOutput, assetSeatsInput, type Subscription, serviceOutput, subscriptionChangeInput, subscriptionOutput } from '../../schema/orders';
import { assets, subscriptions } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { assetView, holdingsPage, strip } from '../customers/holdings';
import { changeOwned } from '../customers/ownedWrite';
import { nowIso, type TenantScope, tenantScope } from '../db';
import type { AppEnv } from '../env';
import { Conflict, Invalid } from '../errors';
import { describeList, describeRoute } from '../openapi/describeRoute';
import { readJson } from '../validate';
import { liveEvent } from '../write';

/** Lists under the customer: `/api/v1/customers/:customerId/{subscriptions,assets,services}`. */
export const customerSubscriptionRoutes = new Hono<AppEnv>();
/** `/api/v1/subscriptions/:id` and `/api/v1/assets/:id`. */
export const subscriptionRoutes = new Hono<AppEnv>();
export const assetRoutes = new Hono<AppEnv>();

const holdingLists = {
  subscriptions: describeList({ tag: 'Subscriptions and licences', summary: "List a customer's subscriptions by product name", item: subscriptionOutput }),
  assets: describeList({ tag: 'Subscriptions and licences', summary: "List a customer's licences by product name", item: assetOutput }),
  services: describeList({ tag: 'Subscriptions and licences', summary: 'List the services active subscriptions provide, by name', item: serviceOutput }),
};

for (const list of ['subscriptions', 'assets', 'services'] as const) {
  customerSubscriptionRoutes.get(`/:customerId/${list}`, holdingLists[list], requirePermission('customers.read'), async (c) => c.json(await holdingsPage(c, list)));
}

const allowedStates: Record<Subscription['state'], Subscription['state'][]> = {
  active: ['suspended', 'cancelled'],
  suspended: ['active', 'cancelled'],
  cancelled: [],
};

// Managing subscriptions: change quantity, suspend, reactivate, cancel; MRR follows in the same batch.
subscriptionRoutes.patch(
  '/:id',
  describeRoute({
    tag: 'Subscriptions and licences',
    summary: 'Change the quantity, suspend, reactivate or cancel a subscription',
    description: 'The linked licence follows; the quantity never goes below the seats in use.',
    body: subscriptionChangeInput,
    responses: { 200: v.object({ subscription: subscriptionOutput }) },
    errors: { 409: ['invalid_transition', 'subscription_cancelled'] },
  }),
  requirePermission('orders.write'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const input = await readJson(c, subscriptionChangeInput);
    const id = c.req.param('id');
    const saved = await changeOwned(c, actor, { table: subscriptions, id, version: input.version, view: strip }, (current: Subscription) => {
      if (input.quantity === undefined && input.state === undefined) throw new Invalid({ _: 'nothing_to_change' });
      if (input.state && input.state !== current.state && !allowedStates[current.state].includes(input.state)) {
        throw new Conflict('invalid_transition', `A ${current.state} subscription cannot become ${input.state}.`, { fields: { state: 'invalid_transition' } });
      }
      if (current.state === 'cancelled') throw new Conflict('subscription_cancelled', 'A cancelled subscription cannot be changed.');
      const next: Subscription = { ...current, quantity: input.quantity ?? current.quantity, state: input.state ?? current.state, version: current.version + 1 };
      return {
        entityType: 'subscription',
        event: 'subscription.changed',
        action: input.state && input.state !== current.state ? `subscription.${next.state}` : 'subscription.quantity_changed',
        next,
        values: { quantity: next.quantity, state: next.state },
        refreshTotals: true,
        // The licence of a seat product follows the quantity and state in the same batch, without a read
        // before: the batch's guard holds its seats in use to the new quantity.
        also: {
          statements: [
            scope.db
              .update(assets)
              .set({ seatsTotal: next.quantity, state: next.state === 'cancelled' ? 'inactive' : 'active', version: sql`${assets.version} + 1`, updatedAt: nowIso() })
              .where(scope.where(assets, eq(assets.subscriptionId, id))),
          ],
          guards: [sql`NOT EXISTS (SELECT 1 FROM ${assets} WHERE ${assets.subscriptionId} = ${id} AND ${assets.seatsUsed} > ${next.quantity})`],
          whyGuardFailed: async () => {
            const licence = await licenceOf(scope, id);
            return licence && licence.seatsUsed > next.quantity
              ? new Invalid({ quantity: 'below_used_seats' }, `${licence.seatsUsed} seats are in use; the quantity cannot go below that.`)
              : undefined;
          },
          events: async () => {
            const licence = await licenceOf(scope, id);
            return licence
              ? [liveEvent('asset.changed', actor, licence, { id: licence.id, customerId: licence.customerId, seatsTotal: licence.seatsTotal, state: licence.state })]
              : [];
          },
        },
      };
    });
    return c.json({ subscription: saved });
  },
);

/** The licence a subscription of a seat product keeps in step (none for other products). */
const licenceOf = (scope: TenantScope, subscriptionId: string) =>
  scope.db
    .select()
    .from(assets)
    .where(scope.where(assets, eq(assets.subscriptionId, subscriptionId)))
    .get();

// Managing licences: seats used are recorded per licence, never more than it has.
assetRoutes.patch(
  '/:id',
  describeRoute({
    tag: 'Subscriptions and licences',
    summary: 'Record the seats in use of a licence',
    body: assetSeatsInput,
    responses: { 200: v.object({ asset: assetOutput }) },
  }),
  requirePermission('orders.write'),
  async (c) => {
    const input = await readJson(c, assetSeatsInput);
    const asset = await changeOwned(c, currentActor(c), { table: assets, id: c.req.param('id'), version: input.version, view: assetView }, (current: Asset) => {
      if (input.seatsUsed > current.seatsTotal) throw new Invalid({ seatsUsed: 'too_large' });
      const next: Asset = { ...current, seatsUsed: input.seatsUsed, version: current.version + 1 };
      return { entityType: 'asset', event: 'asset.changed', action: 'asset.seats_changed', next, values: { seatsUsed: next.seatsUsed } };
    });
    return c.json({ asset });
  },
);

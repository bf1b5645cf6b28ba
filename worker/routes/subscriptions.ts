import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { type Asset, assetOutput, assetSeatsInput, type Subscription, serviceOutput, subscriptionChangeInput, subscriptionOutput } from '../../schema/orders';
import { assets, subscriptions } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { holdingsPage, requireOwned } from '../customers/holdings';
import { assertVersion, changeOwned, writeOwned } from '../customers/ownedWrite';
import { nowIso, tenantScope } from '../db';
import type { AppEnv } from '../env';
import { Conflict, Invalid } from '../errors';
import { describeList, describeRoute } from '../openapi/describeRoute';
import { readTogether } from '../readTogether';
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
    // The subscription and its licence at once (the licence is scoped too: another reseller's id finds neither).
    const [stored, linked] = await readTogether([
      requireOwned(scope, subscriptions, id),
      scope.db
        .select()
        .from(assets)
        .where(scope.where(assets, eq(assets.subscriptionId, id)))
        .get(),
    ]);
    const { resellerId: _r, createdAt: _c, updatedAt: _u, ...current } = stored;
    assertVersion(current, input.version);
    if (input.quantity === undefined && input.state === undefined) throw new Invalid({ _: 'nothing_to_change' });
    if (input.state && input.state !== current.state && !allowedStates[current.state].includes(input.state)) {
      throw new Conflict('invalid_transition', `A ${current.state} subscription cannot become ${input.state}.`, { fields: { state: 'invalid_transition' } });
    }
    if (current.state === 'cancelled') throw new Conflict('subscription_cancelled', 'A cancelled subscription cannot be changed.');
    if (input.quantity !== undefined && linked && input.quantity < linked.seatsUsed) {
      throw new Invalid({ quantity: 'below_used_seats' }, `${linked.seatsUsed} seats are in use; the quantity cannot go below that.`);
    }
    const next = { ...current, quantity: input.quantity ?? current.quantity, state: input.state ?? current.state, version: current.version + 1 };
    // The licence of a seat product follows the subscription's quantity and state, in the same batch.
    const licence = linked && {
      ...linked,
      seatsTotal: next.quantity,
      state: next.state === 'cancelled' ? ('inactive' as const) : ('active' as const),
      version: linked.version + 1,
    };
    const saved = await writeOwned(c, actor, {
      table: subscriptions,
      entityType: 'subscription',
      event: 'subscription.changed',
      action: input.state && input.state !== current.state ? `subscription.${next.state}` : 'subscription.quantity_changed',
      current,
      next,
      values: { quantity: next.quantity, state: next.state },
      refreshTotals: true,
      also: licence
        ? {
            statements: [
              scope.db
                .update(assets)
                .set({ seatsTotal: licence.seatsTotal, state: licence.state, version: licence.version, updatedAt: nowIso() })
                .where(scope.where(assets, eq(assets.id, licence.id))),
            ],
            guards: [sql`(SELECT version FROM assets WHERE id = ${licence.id}) = ${linked.version}`],
            events: [liveEvent('asset.changed', actor, licence, { id: licence.id, customerId: licence.customerId, seatsTotal: licence.seatsTotal, state: licence.state })],
          }
        : undefined,
    });
    return c.json({ subscription: saved });
  },
);

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
    const asset = await changeOwned(c, currentActor(c), assets, c.req.param('id'), input.version, ({ resellerId: _r, createdAt: _c, updatedAt: _u, orderId: _o, ...current }) => {
      if (input.seatsUsed > current.seatsTotal) throw new Invalid({ seatsUsed: 'too_large' });
      const next: Asset = { ...current, seatsUsed: input.seatsUsed, version: current.version + 1 };
      return { entityType: 'asset', event: 'asset.changed', action: 'asset.seats_changed', current, next, values: { seatsUsed: next.seatsUsed } };
    });
    return c.json({ asset });
  },
);

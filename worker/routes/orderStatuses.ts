import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { FieldErrors } from '../../schema/errorCodes';
import {
  isBuiltinOrderStatus,
  type OrderStatusSetting,
  type OrderStatusSettings,
  orderStatusCode,
  orderStatusSettingsBody,
  orderStatusSettingsInput,
} from '../../schema/orderStatuses';
import { resellers } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { database, nowIso } from '../db';
import type { AppEnv, Bindings } from '../env';
import { Invalid, NotFound, VersionConflict } from '../errors';
import { describeRoute } from '../openapi/describeRoute';
import { IsolateMemory, planFromMemory } from '../rowMemory';
import { readJson } from '../validate';
import { commitWrite, GuardFailed, liveEvent } from '../write';

/** The reseller's order settings: `/api/v1/order-statuses`. Every staff member reads them (order pages show the names). */
export const orderStatusRoutes = new Hono<AppEnv>();

/** The statuses of the actor's own reseller; there is no way to name another reseller here. */
export async function orderStatusSettingsOf(env: Bindings, resellerId: string): Promise<OrderStatusSettings> {
  const row = await database(env).select({ statuses: resellers.orderStatuses, version: resellers.orderStatusesVersion }).from(resellers).where(eq(resellers.id, resellerId)).get();
  if (!row) throw new NotFound();
  rememberedSettings.set(resellerId, row);
  return row;
}

// The statuses this isolate read last per reseller (the Orders tab reads them to name the statuses), so
// moving an order need not read them again: its batch holds them to their version by a guard.
const rememberedSettings = new IsolateMemory<OrderStatusSettings>(1_000, 30 * 60_000);

/** The reseller's statuses for a change of an order: from memory, or read; `unchanged` holds the batch to them. */
export async function statusSettingsForWrite(env: Bindings, resellerId: string, options: { fresh?: boolean } = {}) {
  const kept = options.fresh ? undefined : rememberedSettings.get(resellerId);
  const settings = kept ?? (await orderStatusSettingsOf(env, resellerId));
  const unchanged = sql`EXISTS (SELECT 1 FROM ${resellers} WHERE ${resellers.id} = ${resellerId} AND ${resellers.orderStatusesVersion} = ${settings.version})`;
  return { settings, unchanged, fromMemory: kept !== undefined };
}

orderStatusRoutes.get(
  '/',
  describeRoute({
    tag: 'Orders',
    summary: 'Read the order statuses (order settings)',
    description:
      'The statuses an order can have, in workflow order. `label` null means the product’s own name for a built-in status (new, in_progress, fulfilled, cancelled). An open order moves to a later open status or to any fulfilled/cancelled one; those end the workflow.',
    responses: { 200: orderStatusSettingsBody },
  }),
  requirePermission('customers.read'),
  async (c) => {
    return c.json({ orderStatuses: await orderStatusSettingsOf(c.env, currentActor(c).resellerId) });
  },
);

orderStatusRoutes.put(
  '/',
  describeRoute({
    tag: 'Orders',
    summary: 'Save the order statuses',
    description:
      'The whole list in workflow order. New statuses come without `code` (derived from the label). Statuses cannot be removed, only archived; new, fulfilled and cancelled cannot be archived.',
    body: orderStatusSettingsInput,
    responses: { 200: orderStatusSettingsBody },
  }),
  requirePermission('settings.manage'),
  async (c) => {
    const actor = currentActor(c);
    const input = await readJson(c, orderStatusSettingsInput);
    const conflict = async () => new VersionConflict('the order statuses', await orderStatusSettingsOf(c.env, actor.resellerId));
    // Planned from the statuses as Settings showed them when this isolate remembers that version.
    const next = await planFromMemory(
      (fresh) => statusSettingsForWrite(c.env, actor.resellerId, { fresh }),
      async (held) => {
        const current = held.settings;
        if (current.version !== input.version) throw new VersionConflict('the order statuses', current);

        const known = new Map(current.statuses.map((status) => [status.code, status]));
        const fields: FieldErrors = {};
        const taken = new Set(known.keys());
        const statuses: OrderStatusSetting[] = input.statuses.map((status, index) => {
          if (status.code === undefined) {
            const code = orderStatusCode(status.label ?? '', taken);
            taken.add(code);
            return { code, label: status.label, kind: status.kind, archived: status.archived };
          }
          const stored = known.get(status.code);
          if (!stored) fields[`statuses.${index}.code`] = 'unknown_status';
          // A custom status keeps its kind once orders may carry it: fulfilment and the workflow depend on it.
          else if (!isBuiltinOrderStatus(status.code) && stored.kind !== status.kind) fields[`statuses.${index}.kind`] = 'kind_fixed';
          return { code: status.code, label: status.label, kind: status.kind, archived: status.archived };
        });
        const kept = new Set(statuses.map((status) => status.code));
        // Orders keep their status, so a status can be archived but never removed.
        if (current.statuses.some((status) => !kept.has(status.code))) fields.statuses = 'status_missing';
        if (Object.keys(fields).length > 0) throw new Invalid(fields);

        const next: OrderStatusSettings = { statuses, version: current.version + 1 };
        try {
          await commitWrite(c, actor, {
            guards: [held.unchanged],
            statements: [
              database(c.env)
                .update(resellers)
                .set({ orderStatuses: next.statuses, orderStatusesVersion: next.version, updatedAt: nowIso() })
                .where(eq(resellers.id, actor.resellerId)),
            ],
            audit: { action: 'order_statuses.updated', entityType: 'reseller', entityId: actor.resellerId, before: current.statuses, after: next.statuses },
            events: [liveEvent('order_statuses.changed', actor, { id: actor.resellerId, version: next.version }, next)],
          });
        } catch (error) {
          if (error instanceof GuardFailed && !held.fromMemory) throw await conflict();
          throw error;
        }
        rememberedSettings.set(actor.resellerId, next);
        return next;
      },
    );
    return c.json({ orderStatuses: next });
  },
);

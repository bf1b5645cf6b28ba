import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { type ResellerSettings, resellerSettings, settingsUpdateInput } from '../../schema/settings';
import { resellers } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { refreshCustomerTotals } from '../customers/holdings';
import { database, nowIso, tenantScope } from '../db';
import type { AppEnv } from '../env';
import { Invalid, NotFound, VersionConflict } from '../errors';
import { hubOf } from '../live';
import { describeRoute } from '../openapi/describeRoute';
import { IsolateMemory, planFromMemory } from '../rowMemory';
import { readJson } from '../validate';
import { commitWrite, GuardFailed } from '../write';

const settingsBody = v.object({ settings: resellerSettings });

export const settingsRoutes = new Hono<AppEnv>();

type ResellerRow = typeof resellers.$inferSelect;

function toSettings(row: ResellerRow): ResellerSettings {
  const { name, partnerType, currency, onlyOwnerAddsCustomers, indirectProvider, invitationDays, markupBasisPoints, version } = row;
  return { name, partnerType, currency, onlyOwnerAddsCustomers, indirectProvider, invitationDays, markupBasisPoints, version };
}

// The reseller row is the tenant itself, so it is looked up by the actor's own reseller id only.
async function loadOwnReseller(c: { env: AppEnv['Bindings'] }, resellerId: string) {
  const row = await database(c.env).select().from(resellers).where(eq(resellers.id, resellerId)).get();
  if (!row) throw new NotFound();
  remembered.set(resellerId, row);
  return row;
}

// The reseller row as Settings showed it last in this isolate, so saving the form need not read it
// again: the batch holds it to its version and time of change.
const remembered = new IsolateMemory<ResellerRow>(1_000, 30 * 60_000);

async function resellerForChange(c: { env: AppEnv['Bindings'] }, resellerId: string, version: number, fresh: boolean) {
  const kept = fresh ? undefined : remembered.get(resellerId);
  const row = kept?.version === version ? kept : await loadOwnReseller(c, resellerId);
  const unchanged = sql`EXISTS (SELECT 1 FROM ${resellers} WHERE ${resellers.id} = ${resellerId} AND ${resellers.version} = ${row.version} AND ${resellers.updatedAt} = ${row.updatedAt})`;
  return { current: row, unchanged, fromMemory: row === kept };
}

settingsRoutes.get('/', describeRoute({ tag: 'Settings', summary: 'Read the settings', responses: { 200: settingsBody } }), requirePermission('settings.manage'), async (c) => {
  return c.json({ settings: toSettings(await loadOwnReseller(c, currentActor(c).resellerId)) });
});

settingsRoutes.patch(
  '/',
  describeRoute({ tag: 'Settings', summary: 'Change the settings', body: settingsUpdateInput, responses: { 200: settingsBody } }),
  requirePermission('settings.manage'),
  async (c) => {
    const actor = currentActor(c);
    const input = await readJson(c, settingsUpdateInput);
    // Planned from the settings as the form showed them when this isolate remembers that version.
    const { next, markupChanged } = await planFromMemory(
      (fresh) => resellerForChange(c, actor.resellerId, input.version, fresh),
      async ({ current, unchanged, fromMemory }) => {
        const conflict = (row: ResellerRow) => new VersionConflict('the settings', toSettings(row));
        if (current.version !== input.version) throw conflict(current);
        // Only Standard resellers charge a markup; a Basic reseller's revenue is always without one.
        if (input.markupBasisPoints !== undefined && input.markupBasisPoints !== current.markupBasisPoints && current.partnerType !== 'standard') {
          throw new Invalid({ markupBasisPoints: 'markup_standard_only' });
        }
        const markupChanged = input.markupBasisPoints !== undefined && input.markupBasisPoints !== current.markupBasisPoints;

        const next: ResellerRow = {
          ...current,
          name: input.name ?? current.name,
          onlyOwnerAddsCustomers: input.onlyOwnerAddsCustomers ?? current.onlyOwnerAddsCustomers,
          indirectProvider: input.indirectProvider ?? current.indirectProvider,
          invitationDays: input.invitationDays ?? current.invitationDays,
          markupBasisPoints: input.markupBasisPoints ?? current.markupBasisPoints,
          version: current.version + 1,
          updatedAt: nowIso(),
        };
        const db = database(c.env);
        try {
          await commitWrite(c, actor, {
            guards: [unchanged],
            statements: [
              db
                .update(resellers)
                .set({
                  name: next.name,
                  onlyOwnerAddsCustomers: next.onlyOwnerAddsCustomers,
                  indirectProvider: next.indirectProvider,
                  invitationDays: next.invitationDays,
                  markupBasisPoints: next.markupBasisPoints,
                  version: next.version,
                  updatedAt: next.updatedAt,
                })
                .where(eq(resellers.id, actor.resellerId)),
              // The markup is part of every customer's monthly revenue: recomputed in the same batch.
              ...(markupChanged ? [refreshCustomerTotals(tenantScope(c.env, actor), sql`1 = 1`)] : []),
            ],
            audit: { action: 'settings.updated', entityType: 'reseller', entityId: actor.resellerId, before: toSettings(current), after: toSettings(next) },
          });
        } catch (error) {
          if (error instanceof GuardFailed && !fromMemory) throw conflict(await loadOwnReseller(c, actor.resellerId));
          throw error;
        }
        remembered.set(actor.resellerId, next);
        return { next, markupChanged };
      },
    );
    // Every customer's revenue may have changed: open lists refetch rather than receive thousands of events.
    if (markupChanged) c.executionCtx.waitUntil(hubOf(c.env, actor.resellerId).requestResync());
    return c.json({ settings: toSettings(next) });
  },
);

import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { settingsUpdateInput, type ResellerSettings } from '../../schema/settings';
import { resellers } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { database, nowIso } from '../db';
import type { AppEnv } from '../env';
import { NotFound, VersionConflict } from '../errors';
import { readJson } from '../validate';
import { commitWrite, GuardFailed } from '../write';

export const settingsRoutes = new Hono<AppEnv>();

type ResellerRow = typeof resellers.$inferSelect;

function toSettings(row: ResellerRow): ResellerSettings {
  const { name, partnerType, currency, onlyOwnerAddsCustomers, indirectProvider, invitationDays, version } = row;
  return { name, partnerType, currency, onlyOwnerAddsCustomers, indirectProvider, invitationDays, version };
}

// The reseller row is the tenant itself, so it is looked up by the actor's own reseller id only.
async function loadOwnReseller(c: { env: AppEnv['Bindings'] }, resellerId: string) {
  const row = await database(c.env).select().from(resellers).where(eq(resellers.id, resellerId)).get();
  if (!row) throw new NotFound();
  return row;
}

settingsRoutes.get('/', requirePermission('settings.manage'), async (c) => {
  return c.json({ settings: toSettings(await loadOwnReseller(c, currentActor(c).resellerId)) });
});

settingsRoutes.patch('/', requirePermission('settings.manage'), async (c) => {
  const actor = currentActor(c);
  const input = await readJson(c, settingsUpdateInput);
  const current = await loadOwnReseller(c, actor.resellerId);
  const conflict = (row: ResellerRow) => new VersionConflict('the settings', toSettings(row));
  if (current.version !== input.version) throw conflict(current);

  const next: ResellerRow = {
    ...current,
    name: input.name ?? current.name,
    onlyOwnerAddsCustomers: input.onlyOwnerAddsCustomers ?? current.onlyOwnerAddsCustomers,
    indirectProvider: input.indirectProvider ?? current.indirectProvider,
    invitationDays: input.invitationDays ?? current.invitationDays,
    version: current.version + 1,
    updatedAt: nowIso(),
  };
  const db = database(c.env);
  try {
    await commitWrite(c, actor, {
      guards: [sql`(SELECT version FROM resellers WHERE id = ${actor.resellerId}) = ${input.version}`],
      statements: [
        db
          .update(resellers)
          .set({
            name: next.name,
            onlyOwnerAddsCustomers: next.onlyOwnerAddsCustomers,
            indirectProvider: next.indirectProvider,
            invitationDays: next.invitationDays,
            version: next.version,
            updatedAt: next.updatedAt,
          })
          .where(eq(resellers.id, actor.resellerId)),
      ],
      audit: { action: 'settings.updated', entityType: 'reseller', entityId: actor.resellerId, before: toSettings(current), after: toSettings(next) },
    });
  } catch (error) {
    if (error instanceof GuardFailed) throw conflict(await loadOwnReseller(c, actor.resellerId));
    throw error;
  }
  return c.json({ settings: toSettings(next) });
});

import { eq, sql } from 'drizzle-orm';
import type { PartnerType } from '../schema/permissions';
import { resellers } from '../schema/tables';
import { refreshCustomerTotals } from './customers/holdings';
import { tenantScope } from './db';
import type { Bindings } from './env';
import { hubOf } from './live';
import { commitWrite, type WriteContext } from './write';

/**
 * The distributor moves a reseller to another partner type (not something the reseller's staff do).
 * After Standard → Basic the list's MRR no longer includes markups, so every customer's
 * revenue is recomputed in the same batch as the change.
 */
export async function changePartnerType(c: WriteContext & { env: Bindings }, resellerId: string, partnerType: PartnerType) {
  const scope = tenantScope(c.env, { resellerId });
  await commitWrite(
    c,
    { resellerId, userId: null, displayName: 'Distributor' },
    {
      statements: [
        scope.db
          .update(resellers)
          .set({ partnerType, version: sql`${resellers.version} + 1` })
          .where(eq(resellers.id, resellerId)),
        refreshCustomerTotals(scope, sql`1 = 1`),
      ],
      audit: { action: 'reseller.partner_type_changed', entityType: 'reseller', entityId: resellerId, after: { partnerType } },
    },
  );
  // Every row's revenue may have changed: open lists refetch rather than receive thousands of events.
  c.executionCtx.waitUntil(hubOf(c.env, resellerId).requestResync());
}

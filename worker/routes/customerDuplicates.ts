import { Hono } from 'hono';
import { duplicateDismissalInput, duplicateGroupQuery, duplicateHintQuery } from '../../schema/duplicates';
import { customers, duplicateDismissals } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { tenantScope } from '../db';
import type { AppEnv } from '../env';
import { NotFound } from '../errors';
import { duplicateCustomers, duplicateHints, listDuplicateGroups, pairsOf, somePairNotDismissed } from '../customers/duplicates';
import { readJson, readQuery } from '../validate';
import { commitWrite, GuardFailed, stillExists } from '../write';

/** Possible duplicates: `/api/v1/customers/duplicates…` (mounted before `/:id`, which would take the name). */
export const customerDuplicateRoutes = new Hono<AppEnv>();

customerDuplicateRoutes.get('/', requirePermission('customers.read'), async (c) => {
  const scope = tenantScope(c.env, currentActor(c));
  return c.json(await listDuplicateGroups(scope, readQuery(c, duplicateGroupQuery)));
});

// What the new-customer dialog shows while it is filled in: the fields as typed so far.
customerDuplicateRoutes.get('/hints', requirePermission('customers.read'), async (c) => {
  const scope = tenantScope(c.env, currentActor(c));
  return c.json({ items: await duplicateHints(scope, readQuery(c, duplicateHintQuery)) });
});

// "Kein Duplikat": the customers' pairs are stored, so their groups are not offered again.
customerDuplicateRoutes.post('/dismissals', requirePermission('customers.write'), async (c) => {
  const actor = currentActor(c);
  const scope = tenantScope(c.env, actor);
  const { customerIds } = await readJson(c, duplicateDismissalInput);
  const found = await duplicateCustomers(scope, customerIds);
  if (found.size !== customerIds.length) throw new NotFound();
  const pairs = pairsOf(customerIds);
  try {
    await commitWrite(c, actor, {
      // Marking pairs already marked (twice at once, say) changes nothing and is audited once.
      guards: [...customerIds.map((id) => stillExists(customers, id)), somePairNotDismissed(scope, pairs)],
      statements: [
        scope.db
          .insert(duplicateDismissals)
          .values(pairs.map(([firstId, secondId]) => ({ resellerId: scope.resellerId, firstId, secondId, dismissedBy: actor.displayName })))
          .onConflictDoNothing(),
      ],
      audit: { action: 'customer.duplicates_dismissed', entityType: 'customer', entityId: customerIds[0]!, customerId: customerIds[0]!, after: { customerIds, numbers: customerIds.map((id) => found.get(id)!.customerNumber) } },
    });
  } catch (error) {
    if (!(error instanceof GuardFailed)) throw error;
    // Either one of them was deleted a moment ago (404), or every pair is marked already: done.
    if ((await duplicateCustomers(scope, customerIds)).size !== customerIds.length) throw new NotFound();
  }
  return c.body(null, 204);
});

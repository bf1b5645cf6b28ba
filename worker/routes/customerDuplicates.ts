import { eq, inArray, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { duplicateDismissalInput, duplicateGroupOutput, duplicateGroupQuery, duplicateHintOutput, duplicateHintQuery } from '../../schema/duplicates';
import { customers, duplicateDismissals } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { duplicateCustomers, duplicateHints, listDuplicateGroups, pairsOf, somePairNotDismissed } from '../customers/duplicates';
import { tenantScope } from '../db';
import type { AppEnv } from '../env';
import { NotFound } from '../errors';
import { describeList, describeRoute } from '../openapi/describeRoute';
import { readJson, readQuery } from '../validate';
import { commitWrite, GuardFailed } from '../write';

/** Possible duplicates: `/api/v1/customers/duplicates…` (mounted before `/:id`, which would take the name). */
export const customerDuplicateRoutes = new Hono<AppEnv>();

customerDuplicateRoutes.get(
  '/',
  describeList({
    tag: 'Customers',
    summary: 'List groups of possible duplicate customers',
    description:
      'Each group is the customers sharing one value, and `reason` says which: the same e-mail address, phone number (as its digits), web domain (primary domain, website or e-mail domain; shared mail providers such as gmx.de do not count), or company name once accents and legal forms (GmbH, GmbH & Co. KG, e.K., AG, e.U. …) are folded away. Strongest reason first (email, phone, domain, name); a pair sharing several reasons is listed under the strongest, and pairs marked "not a duplicate" are not offered again. `customers` holds up to 20 members, `memberCount` all.',
    query: duplicateGroupQuery,
    item: duplicateGroupOutput,
  }),
  requirePermission('customers.read'),
  async (c) => {
    const scope = tenantScope(c.env, currentActor(c));
    return c.json(await listDuplicateGroups(scope, readQuery(c, duplicateGroupQuery)));
  },
);

// What the new-customer dialog shows while it is filled in: the fields as typed so far.
customerDuplicateRoutes.get(
  '/hints',
  describeRoute({
    tag: 'Customers',
    summary: 'Existing customers that look like one being entered',
    description:
      'Send the fields typed so far (any may be missing or partial); the answer names up to 10 existing customers with their reasons, the strongest first. `excludeId` leaves out the customer being edited.',
    query: duplicateHintQuery,
    responses: { 200: v.object({ items: v.array(duplicateHintOutput) }) },
  }),
  requirePermission('customers.read'),
  async (c) => {
    const scope = tenantScope(c.env, currentActor(c));
    return c.json({ items: await duplicateHints(scope, readQuery(c, duplicateHintQuery)) });
  },
);

// "Kein Duplikat": the customers' pairs are stored, so their groups are not offered again.
customerDuplicateRoutes.post(
  '/dismissals',
  describeRoute({
    tag: 'Customers',
    summary: 'Mark customers as not duplicates of each other',
    description:
      "Every pair of the given customers (2 to 20) is remembered, so groups holding only such pairs are not offered again; pairs already marked answer as done. Another reseller's id is a 404.",
    body: duplicateDismissalInput,
    responses: { 204: null },
  }),
  requirePermission('customers.write'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const { customerIds } = await readJson(c, duplicateDismissalInput);
    const pairs = pairsOf(customerIds);
    // Nothing read first: the customers must all be the reseller's (another reseller's id is a 404), and
    // the audit row takes their numbers from D1, in the order given.
    const numberOf = (id: string) => sql`(SELECT ${customers.customerNumber} FROM ${customers} WHERE ${scope.where(customers, eq(customers.id, id))})`;
    try {
      await commitWrite(c, actor, {
        // Marking pairs already marked (twice at once, say) changes nothing and is audited once.
        guards: [
          sql`(SELECT count(*) FROM ${customers} WHERE ${scope.where(customers, inArray(customers.id, customerIds))}) = ${customerIds.length}`,
          somePairNotDismissed(scope, pairs),
        ],
        statements: [
          scope.db
            .insert(duplicateDismissals)
            .values(pairs.map(([firstId, secondId]) => ({ resellerId: scope.resellerId, firstId, secondId, dismissedBy: actor.displayName })))
            .onConflictDoNothing(),
        ],
        audit: {
          action: 'customer.duplicates_dismissed',
          entityType: 'customer',
          entityId: customerIds[0]!,
          customerId: customerIds[0]!,
          after: sql`json_object('customerIds', json(${JSON.stringify(customerIds)}), 'numbers', json_array(${sql.join(customerIds.map(numberOf), sql`, `)}))`,
        },
      });
    } catch (error) {
      if (!(error instanceof GuardFailed)) throw error;
      // Either one of them was deleted a moment ago (404), or every pair is marked already: done.
      if ((await duplicateCustomers(scope, customerIds)).size !== customerIds.length) throw new NotFound();
    }
    return c.body(null, 204);
  },
);

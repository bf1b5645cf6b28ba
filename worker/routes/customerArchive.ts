import { Hono } from 'hono';
import * as v from 'valibot';
import { archiveChangeInput, customerOutput } from '../../schema/customers';
import { currentActor, requirePermission } from '../auth/guards';
import { archiveCustomer, unarchiveCustomer } from '../customers/archive';
import { assertRestorable, requireSnapshot, restoreGuards, restoreStatements, snapshotForUndo } from '../customers/deleteUndo';
import { customerFromRow, customerQuery, loadCustomer } from '../customers/rows';
import { tenantScope } from '../db';
import type { AppEnv } from '../env';
import { NotFound } from '../errors';
import { describeRoute } from '../openapi/describeRoute';
import { planFromMemory } from '../rowMemory';
import { noBody, readJson } from '../validate';
import { commitWrite, GuardFailed, liveEvent, readBack } from '../write';

const oneCustomer = v.object({ customer: customerOutput });

/** Archive, restore from the archive, and undo a delete: `/api/v1/customers/:id/…`. */
export const customerArchiveRoutes = new Hono<AppEnv>();

customerArchiveRoutes.post(
  '/:id/archive',
  describeRoute({
    tag: 'Customers',
    summary: 'Archive a customer',
    description:
      'The customer leaves the list, its count, search results and exports (shown with `archived=1`); orders, subscriptions and history stay. An archived customer takes no new orders or invitations (409 `customer_archived`). `version` is optional.',
    body: archiveChangeInput,
    responses: { 200: oneCustomer },
    errors: { 409: ['customer_archived'] },
  }),
  requirePermission('customers.write'),
  async (c) => {
    const { version } = await readJson(c, archiveChangeInput);
    return c.json({ customer: await archiveCustomer(c, currentActor(c), c.req.param('id'), version) });
  },
);

customerArchiveRoutes.post(
  '/:id/restore',
  describeRoute({
    tag: 'Customers',
    summary: 'Restore an archived customer into the list',
    body: archiveChangeInput,
    responses: { 200: oneCustomer },
    errors: { 409: ['customer_not_archived'] },
  }),
  requirePermission('customers.write'),
  async (c) => {
    const { version } = await readJson(c, archiveChangeInput);
    return c.json({ customer: await unarchiveCustomer(c, currentActor(c), c.req.param('id'), version) });
  },
);

// "Rückgängig" after a delete: the same id, number, tags, custom field values and domains come back.
customerArchiveRoutes.post(
  '/:id/undo-delete',
  describeRoute({
    tag: 'Customers',
    summary: 'Undo the delete of a customer (within 10 minutes)',
    description:
      'Brings a deleted customer back with the same id, number, custom field values, tags (those that still exist), domains and invitations (as history). 409 when its number or a domain belongs to another customer now; 410 `undo_expired` after 10 minutes.',
    responses: { 201: oneCustomer },
    errors: { 409: ['customer_number_taken', 'microsoft_id_taken', 'domain_taken'], 410: ['undo_expired'] },
  }),
  requirePermission('customers.delete'),
  noBody,
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    // The snapshot as this isolate's delete returned it (the toast's "Rückgängig"), else read.
    const { restored, results } = await planFromMemory(
      (fresh) => snapshotForUndo(scope, c.req.param('id'), fresh),
      async ({ snapshot, fromMemory }) => {
        const { statements } = restoreStatements(scope, snapshot);
        const restored = readBack(() => customerQuery(scope, snapshot.customerId));
        let results: unknown[];
        try {
          results = await commitWrite(c, actor, {
            guards: restoreGuards(scope, snapshot.customerId),
            // A number or domain taken meanwhile stops the batch at its unique index; the catch says which.
            statements: [...statements, restored.statement],
            audit: {
              action: 'customer.delete_undone',
              entityType: 'customer',
              entityId: snapshot.customerId,
              customerId: snapshot.customerId,
              after: { customerNumber: snapshot.customerNumber, deletedBy: snapshot.deletedBy, deletedAt: snapshot.deletedAt },
            },
            events: async () => {
              const customer = await loadCustomer(scope, snapshot.customerId);
              return customer ? [liveEvent('customer.restored', actor, customer, customer)] : [];
            },
          });
        } catch (error) {
          if (error instanceof GuardFailed && !fromMemory) {
            // Undone by someone else a moment ago (or the time ran out between the checks).
            await requireSnapshot(scope, snapshot.customerId);
            throw new NotFound();
          }
          if (/customers\.customer_number|customers\.microsoft_id|domains\.name/.test(String(error))) await assertRestorable(scope, snapshot);
          throw error;
        }
        return { restored, results };
      },
    );
    // Read back after planFromMemory: nothing that follows the commit may send the undo round again.
    const row = await restored.first(results);
    if (!row) throw new NotFound();
    return c.json({ customer: customerFromRow(row) }, 201);
  },
);

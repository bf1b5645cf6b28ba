import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { pageOutput } from '../../schema/common';
import {
  type Customer,
  changedCustomerErrors,
  customerCreateInput,
  customerDetailOutput,
  customerListQuery,
  customerOutput,
  customerUpdateInput,
  type DeleteBlocker,
} from '../../schema/customers';
import { customers, domains, invitations } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { benchSqlWanted } from '../bench';
import { customerForChange, readCustomer, rememberCustomer } from '../customers/customerMemory';
import { checkCustomFieldValues, definitionsForWrite, mergeCustomFieldValues } from '../customers/customFieldValues';
import { rememberSnapshot, snapshotBeforeDelete } from '../customers/deleteUndo';
import { assertNoLikelyDuplicates } from '../customers/duplicates';
import { listCustomers, listSqlForBenchmark } from '../customers/list';
import { insertCustomerStatements, newCustomer, nextCustomerNumber, rowOf, searchTermStatements } from '../customers/rows';
import { takenKeyError } from '../customers/uniqueKeys';
import { nowIso, type TenantScope, tenantScope } from '../db';
import type { AppEnv } from '../env';
import { Conflict, Invalid, VersionConflict } from '../errors';
import { describeRoute } from '../openapi/describeRoute';
import { readTogether } from '../readTogether';
import { planFromMemory } from '../rowMemory';
import { noBody, readJson, readQuery } from '../validate';
import { commitWrite, GuardFailed, liveEvent, stillExists } from '../write';
import { bulkCustomerRoutes } from './bulkCustomers';
import { customerDuplicateRoutes } from './customerDuplicates';
import { customerExportRoutes } from './customerExport';
import { customerMergeRoutes } from './customerMerges';
import { bulkTagRoutes } from './customerTags';

const oneCustomer = v.object({ customer: customerOutput });

export const customerRoutes = new Hono<AppEnv>();

/** A customer can be deleted only when nothing hangs on it. Later resources add their checks here. */
const deleteBlockerChecks: { blocker: DeleteBlocker; attached: (id: string) => ReturnType<typeof sql> }[] = [
  { blocker: 'has_orders', attached: (id) => sql`EXISTS (SELECT 1 FROM orders WHERE customer_id = ${id})` },
  { blocker: 'has_products', attached: (id) => sql`(SELECT product_count FROM customers WHERE id = ${id}) > 0` },
  { blocker: 'has_portal_users', attached: (id) => sql`EXISTS (SELECT 1 FROM portal_users WHERE customer_id = ${id})` },
];

async function deleteBlockersOf(scope: TenantScope, id: string): Promise<DeleteBlocker[]> {
  const row = await scope.db
    .select(Object.fromEntries(deleteBlockerChecks.map((check) => [check.blocker, sql<number>`${check.attached(id)}`])))
    .from(customers)
    .where(scope.where(customers, eq(customers.id, id)))
    .get();
  return row ? deleteBlockerChecks.filter((check) => Number(row[check.blocker]) === 1).map((check) => check.blocker) : [];
}

/** Cross-field rules against the stored values too: a partial update may change only one side. */
function checkMergedFields(current: Customer, next: Customer) {
  const fields = changedCustomerErrors(current, next);
  if (Object.keys(fields).length > 0) throw new Invalid(fields);
}

function versionConflict(current: Customer) {
  return new VersionConflict('this customer', current);
}

customerRoutes.route('/bulk-tags', bulkTagRoutes);
customerRoutes.route('/bulk', bulkCustomerRoutes);
customerRoutes.route('/export', customerExportRoutes);
customerRoutes.route('/duplicates', customerDuplicateRoutes);
customerRoutes.route('/merges', customerMergeRoutes);

customerRoutes.get(
  '/',
  describeRoute({
    tag: 'Customers',
    summary: 'Search, sort, filter and page the customer list',
    description:
      'Every word of `q` must be the start of a word of the company, contact, city, postal code, e-mail, domain, number, phone or mobile, in any order (a whole Microsoft ID finds its customer); punctuation separates words as in the list ("Elektro Neumann e.K."), case, accents and ß are folded and ä/ö/ü match ae/oe/ue; a phone number typed with spaces, +49 or 0 is matched as its digits. `sort=name|contact|city` is German order (DIN 5007-1, as Intl.Collator("de")). Removed relationships are listed only with `state=removed`, archived customers only with `archived=1` (and then only they). `incomplete=1` lists the customers that still lack a name, e-mail or billing address (imported ones can).',
    query: customerListQuery,
    responses: {
      200: v.object({
        ...pageOutput(customerOutput).entries,
        total: v.pipe(v.number(), v.description('How many customers the list matches; with search or filters at most 1,000 (see `totalCapped`).')),
        totalCapped: v.pipe(
          v.boolean(),
          v.description('True when a searched or filtered list matches more than 1,000 customers: `total` is then 1,000 and means "more than". Exports count exactly.'),
        ),
      }),
    },
    errors: { 400: ['invalid_cursor'] },
  }),
  requirePermission('customers.read'),
  async (c) => {
    const scope = tenantScope(c.env, currentActor(c));
    const query = readQuery(c, customerListQuery);
    // Only when the benchmark asks: building the statements twice would weigh on the load it measures.
    if (benchSqlWanted(c.env, c.req.header('x-bench-sql'))) c.header('x-bench-sql', await listSqlForBenchmark(scope, query));
    return c.json(await listCustomers(scope, query));
  },
);

customerRoutes.get(
  '/next-number',
  describeRoute({
    tag: 'Customers',
    summary: 'Suggest the next free customer number',
    responses: { 200: v.object({ customerNumber: v.string() }) },
  }),
  requirePermission('customers.create'),
  async (c) => {
    const scope = tenantScope(c.env, currentActor(c));
    return c.json({ customerNumber: await nextCustomerNumber(scope) });
  },
);

customerRoutes.post(
  '/',
  describeRoute({
    tag: 'Customers',
    summary: 'Create a customer',
    description:
      'The customer number and the Microsoft ID (optional) are unique per reseller. With `checkDuplicates: true` a customer that looks like existing ones (see `GET /api/v1/customers/duplicates/hints`) is not created: 409 `possible_duplicates` lists them in `error.duplicates`; sent again without the option, it is created.',
    body: customerCreateInput,
    responses: { 201: oneCustomer },
    errors: { 409: ['customer_number_taken', 'microsoft_id_taken', 'possible_duplicates'] },
  }),
  requirePermission('customers.create'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const { customFields: values, checkDuplicates, ...fields } = await readJson(c, customerCreateInput);
    // The custom field definitions this isolate knows, held to the batch by a guard (read again if they
    // changed); a number or Microsoft ID already taken is caught by its unique index. So without the
    // duplicate check, creating a customer waits for its batch alone.
    const find = async (fresh: boolean) => {
      const [definitions] = await readTogether([definitionsForWrite(scope, { fresh }), checkDuplicates && !fresh ? assertNoLikelyDuplicates(scope, fields) : undefined]);
      return definitions;
    };
    const write = async ({ definitions, unchanged }: Awaited<ReturnType<typeof find>>): Promise<Customer> => {
      checkCustomFieldValues(definitions, values, 'create');
      const created = newCustomer({ ...fields, customFields: mergeCustomFieldValues({}, values) });
      await commitWrite(c, actor, {
        guards: [unchanged],
        statements: insertCustomerStatements(scope, created),
        audit: { action: 'customer.created', entityType: 'customer', entityId: created.id, customerId: created.id, after: created },
        events: [liveEvent('customer.created', actor, created, created)],
      });
      rememberCustomer(scope, created, '[]');
      return created;
    };
    let customer: Customer;
    try {
      customer = await planFromMemory(find, write);
    } catch (error) {
      throw takenKeyError(error) ?? error;
    }
    return c.json({ customer }, 201);
  },
);

customerRoutes.get(
  '/:id',
  describeRoute({
    tag: 'Customers',
    summary: 'Read one customer, with what still blocks deleting it',
    responses: { 200: customerDetailOutput },
  }),
  requirePermission('customers.read'),
  async (c) => {
    const scope = tenantScope(c.env, currentActor(c));
    // Both at once: the blockers of an id that is not the reseller's are never shown (readCustomer answers 404).
    const [customer, deleteBlockers] = await Promise.all([readCustomer(scope, c.req.param('id')), deleteBlockersOf(scope, c.req.param('id'))]);
    return c.json({ customer, deleteBlockers });
  },
);

customerRoutes.patch(
  '/:id',
  describeRoute({
    tag: 'Customers',
    summary: 'Change a customer',
    description:
      'Only the fields sent change; `version` (or If-Match) names the version the change is based on. A field an incomplete customer still lacks may stay empty; a stored name, e-mail or address cannot be emptied.',
    body: customerUpdateInput,
    responses: { 200: oneCustomer },
    errors: { 409: ['customer_number_taken', 'microsoft_id_taken'] },
  }),
  requirePermission('customers.write'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const id = c.req.param('id');
    const { version, customFields: values, ...changes } = await readJson(c, customerUpdateInput);
    // Planned from the version the user saw when this isolate remembers it, with the custom field
    // definitions it remembers; otherwise both read together. The batch's guards hold the plan to what
    // it was made from, and a plan from memory that no longer holds is made again from a fresh read.
    // A number or Microsoft ID already taken is caught by its unique index.
    const find = async (fresh: boolean) => {
      const [customer, definitions] = await readTogether([customerForChange(scope, id, version, { fresh }), values ? definitionsForWrite(scope, { fresh }) : undefined]);
      return { ...customer, definitions, fromMemory: customer.fromMemory || definitions?.fromMemory === true };
    };
    const update = async ({ current, tagsJson, unchanged, definitions, fromMemory }: Awaited<ReturnType<typeof find>>): Promise<Customer> => {
      if (current.version !== version) throw versionConflict(current);
      if (values && definitions) checkCustomFieldValues(definitions.definitions, values, 'update');
      const next: Customer = {
        ...current,
        ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
        customFields: values ? mergeCustomFieldValues(current.customFields, values) : current.customFields,
        version: current.version + 1,
        updatedAt: nowIso(),
      };
      checkMergedFields(current, next);
      const stored = rowOf(scope, next);
      const { id: _id, resellerId: _r, createdAt: _c, tagsSort: _t, ...columns } = stored;
      try {
        await commitWrite(c, actor, {
          guards: [unchanged, ...(definitions ? [definitions.unchanged] : [])],
          statements: [
            scope.db
              .update(customers)
              .set(columns)
              .where(scope.where(customers, eq(customers.id, id))),
            ...searchTermStatements(scope, stored),
          ],
          audit: { action: 'customer.updated', entityType: 'customer', entityId: id, customerId: id, before: current, after: next },
          events: [liveEvent('customer.updated', actor, next, next)],
        });
      } catch (error) {
        if (error instanceof GuardFailed && !fromMemory) throw versionConflict(await readCustomer(scope, id));
        throw error;
      }
      rememberCustomer(scope, next, tagsJson);
      return next;
    };
    let customer: Customer;
    try {
      customer = await planFromMemory(find, update);
    } catch (error) {
      throw takenKeyError(error) ?? error;
    }
    return c.json({ customer });
  },
);

customerRoutes.delete(
  '/:id',
  describeRoute({
    tag: 'Customers',
    summary: 'Delete a customer that has no orders, products or portal users',
    responses: { 204: null },
    errors: { 409: ['customer_in_use'] },
  }),
  requirePermission('customers.delete'),
  noBody,
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const id = c.req.param('id');
    const inUse = (reasons: DeleteBlocker[]) => new Conflict('customer_in_use', 'Something still hangs on this customer; remove it first.', { reasons });
    // Domains do not keep a customer from being deleted: they go with the customer. Its invitations
    // stay as history without it, and one still open is revoked (its link would name a deleted customer).
    // Both reference the customer, so without this the delete failed on a foreign key (a 500).
    // Planned from the customer as its view or the list showed it (else read); what hangs on it is
    // checked by the batch's guards, and its domains are named in the audit row from D1.
    await planFromMemory(
      (fresh) => customerForChange(scope, id, undefined, { fresh }),
      async ({ current, unchanged, fromMemory }) => {
        const domainNames = sql`(SELECT json_group_array(name) FROM (SELECT ${domains.name} AS name FROM ${domains} WHERE ${scope.where(domains, eq(domains.customerId, current.id))} ORDER BY name))`;
        const revokedInvitations = scope.db
          .update(invitations)
          .set({ state: 'revoked', customerId: null, version: sql`${invitations.version} + 1`, updatedAt: nowIso() })
          .where(scope.where(invitations, eq(invitations.customerId, current.id), eq(invitations.state, 'pending')))
          .returning({ id: invitations.id, version: invitations.version });
        const [expiredSnapshots, snapshot] = snapshotBeforeDelete(scope, actor, current.id);
        const statements = [
          // First, inside the same transaction: what this delete removes, for "Rückgängig" (worker/customers/deleteUndo.ts).
          expiredSnapshots,
          snapshot,
          scope.db.delete(domains).where(scope.where(domains, eq(domains.customerId, current.id))),
          revokedInvitations,
          scope.db
            .update(invitations)
            .set({ customerId: null, version: sql`${invitations.version} + 1`, updatedAt: nowIso() })
            .where(scope.where(invitations, eq(invitations.customerId, current.id))),
          scope.db.delete(customers).where(scope.where(customers, eq(customers.id, current.id))),
        ];
        try {
          const results = await commitWrite(c, actor, {
            // Re-checked inside the batch: an order placed a moment ago still blocks the delete, and of two deletes at once
            // one finds nothing. From memory the customer must also be as remembered (its audit row shows it).
            guards: [fromMemory ? unchanged : stillExists(customers, current.id), ...deleteBlockerChecks.map((check) => sql`NOT (${check.attached(current.id)})`)],
            auditFirst: true,
            statements,
            audit: {
              action: 'customer.deleted',
              entityType: 'customer',
              entityId: current.id,
              customerId: current.id,
              before: sql`json_set(${JSON.stringify(current)}, '$.domains', json(${domainNames}))`,
            },
            events: async (results) => [
              liveEvent('customer.deleted', actor, { id: current.id, version: current.version + 1 }),
              ...(results[statements.indexOf(revokedInvitations)] as { id: string; version: number }[]).map((invitation) =>
                liveEvent('invitation.changed', actor, invitation, { customerId: null }),
              ),
            ],
          });
          rememberSnapshot(scope, results[statements.indexOf(snapshot)]);
        } catch (error) {
          if (!(error instanceof GuardFailed) || fromMemory) throw error;
          await readCustomer(scope, current.id);
          throw inUse(await deleteBlockersOf(scope, current.id));
        }
      },
    );
    return c.body(null, 204);
  },
);

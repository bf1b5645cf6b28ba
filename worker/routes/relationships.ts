import { eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import type { AuditAction } from '../../schema/auditActions';
import { type Customer, customerOutput, relationshipChangeInput } from '../../schema/customers';
import type { ErrorCode } from '../../schema/errorCodes';
import { rightsKeptOnRemoval } from '../../schema/invitations';
import { customerAccountView } from '../../schema/orders';
import { customers, invitations } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { customerAccountOf } from '../customers/account';
import { customerForChange, readCustomer, rememberCustomer } from '../customers/customerMemory';
import { nowIso, type TenantScope, tenantScope } from '../db';
import type { AppEnv } from '../env';
import { Conflict, Forbidden, VersionConflict } from '../errors';
import { describeRoute } from '../openapi/describeRoute';
import { readTogether } from '../readTogether';
import { planFromMemory } from '../rowMemory';
import { noBody, readJson } from '../validate';
import { commitWrite, GuardFailed, liveEvent } from '../write';

const oneCustomer = v.object({ customer: customerOutput });

/** The reseller relationship of one customer: remove it, acknowledge granted rights, open the account. */
export const relationshipRoutes = new Hono<AppEnv>();

/** Applies a change to the relationship columns, guarded by the version the user saw (409 otherwise). */
async function changeRelationship(
  c: Context<AppEnv>,
  action: AuditAction,
  allowed: (customer: Customer) => ErrorCode | undefined,
  change: (customer: Customer) => Pick<Customer, 'relationshipState' | 'grantedRights' | 'rightsToReview' | 'indirectProvider'>,
  extraEvent?: 'relationship.removed',
  alsoWrite: (scope: TenantScope, customer: Customer) => BatchItem<'sqlite'>[] = () => [],
) {
  const actor = currentActor(c);
  const scope = tenantScope(c.env, actor);
  const { version } = await readJson(c, relationshipChangeInput);
  const id = c.req.param('id') ?? '';
  // Planned from the customer as its view showed it when this isolate remembers that version.
  const next = await planFromMemory(
    (fresh) => customerForChange(scope, id, version, { fresh }),
    async ({ current, tagsJson, unchanged, fromMemory }) => {
      if (current.version !== version) throw new VersionConflict('this customer', current);
      const refusal = allowed(current);
      if (refusal) throw new Conflict(refusal, 'This relationship change is not possible in the current state.', { current });
      const next: Customer = { ...current, ...change(current), version: current.version + 1, updatedAt: nowIso() };
      try {
        await commitWrite(c, actor, {
          guards: [unchanged],
          statements: [
            scope.db
              .update(customers)
              .set({
                relationshipState: next.relationshipState,
                grantedRights: next.grantedRights,
                rightsToReview: next.rightsToReview,
                indirectProvider: next.indirectProvider,
                version: next.version,
                updatedAt: next.updatedAt,
              })
              .where(scope.where(customers, eq(customers.id, current.id))),
            ...alsoWrite(scope, current),
          ],
          audit: { action, entityType: 'customer', entityId: current.id, customerId: current.id, before: current, after: next },
          events: [liveEvent('customer.updated', actor, next, next), ...(extraEvent ? [liveEvent(extraEvent, actor, next, { customerId: next.id })] : [])],
        });
      } catch (error) {
        // Deleted meanwhile is a 404 (readCustomer), changed meanwhile a 409 with the row as it is now.
        if (error instanceof GuardFailed && !fromMemory) throw new VersionConflict('this customer', await readCustomer(scope, current.id));
        throw error;
      }
      rememberCustomer(scope, next, tagsJson);
      return next;
    },
  );
  return c.json({ customer: next });
}

// Removing a relationship: the delegated admin rights go, granular roles stay; data and history are kept and a new
// invitation can establish the relationship again.
relationshipRoutes.post(
  '/:id/relationship/remove',
  describeRoute({
    tag: 'Relationships',
    summary: 'Remove the reseller relationship',
    description: 'Delegated admin goes, granular roles stay; the customer leaves the list but keeps its data and history.',
    body: relationshipChangeInput,
    responses: { 200: oneCustomer },
    errors: { 409: ['no_relationship'] },
  }),
  requirePermission('relationships.remove'),
  (c) =>
    changeRelationship(
      c,
      'relationship.removed',
      (customer) => (customer.relationshipState === 'active' || customer.relationshipState === 'pending' ? undefined : 'no_relationship'),
      (customer) => ({ relationshipState: 'removed', grantedRights: rightsKeptOnRemoval(customer.grantedRights), rightsToReview: false, indirectProvider: null }),
      'relationship.removed',
      // An invitation still open would bring the relationship back when accepted: it ends here too.
      (scope, customer) => [
        scope.db
          .update(invitations)
          .set({ state: 'revoked', version: sql`${invitations.version} + 1`, updatedAt: nowIso() })
          .where(scope.where(invitations, eq(invitations.customerId, customer.id), eq(invitations.state, 'pending'))),
      ],
    ),
);

// The partner checks the rights the customer granted before relying on them.
relationshipRoutes.post(
  '/:id/rights/acknowledge',
  describeRoute({
    tag: 'Relationships',
    summary: 'Acknowledge the rights the customer granted',
    body: relationshipChangeInput,
    responses: { 200: oneCustomer },
    errors: { 409: ['nothing_to_review'] },
  }),
  requirePermission('customers.write'),
  (c) =>
    changeRelationship(
      c,
      'customer.rights_acknowledged',
      (customer) => (customer.rightsToReview ? undefined : 'nothing_to_review'),
      (customer) => ({ ...customer, rightsToReview: false }),
    ),
);

// Staff open the customer's account where the customer granted delegated admin. Every look is audited,
// so it is a POST (with the origin check of every write), never a GET a link or prefetch could trigger.
relationshipRoutes.post(
  '/:id/account',
  describeRoute({
    tag: 'Relationships',
    summary: "Open the customer's account (delegated admin only; audited)",
    description: 'A POST because every look is recorded in the activity log.',
    responses: { 200: customerAccountView },
    errors: { 403: ['no_delegated_admin'] },
  }),
  requirePermission('customer_account.access'),
  noBody,
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const id = c.req.param('id');
    // The rights are judged on the customer as remembered (or read); the account is read while the audit
    // row's batch, held to that customer by its guard, commits: shown only once the look is recorded.
    const { customer, account } = await planFromMemory(
      (fresh) => customerForChange(scope, id, undefined, { fresh }),
      async ({ current: customer, unchanged }) => {
        if (customer.relationshipState !== 'active' || !customer.grantedRights.includes('delegated_admin')) {
          throw new Forbidden('no_delegated_admin', 'The customer has not granted you delegated admin rights.');
        }
        const [account] = await readTogether([
          customerAccountOf(scope, id),
          commitWrite(c, actor, {
            guards: [unchanged],
            statements: [],
            audit: { action: 'customer.account_accessed', entityType: 'customer', entityId: customer.id, customerId: customer.id },
          }).catch(async (error: unknown) => {
            // Changed since it was read: from memory judged again on the customer as it is; a 404 once it is gone.
            throw error instanceof GuardFailed ? new VersionConflict('this customer', await readCustomer(scope, id)) : error;
          }),
        ]);
        return { customer, account };
      },
    );
    return c.json({ customer, account });
  },
);

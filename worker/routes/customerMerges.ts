import { Hono } from 'hono';
import * as v from 'valibot';
import { customerMergeInput, customerMergeOutput, customerMergeQuery, customerMergeResult, mergeUndoResult } from '../../schema/merges';
import { currentActor, requirePermission } from '../auth/guards';
import { requireOwnCustomer } from '../customers/holdings';
import { mergeCustomers } from '../customers/merge';
import { mergesOf, undoMerge } from '../customers/mergeUndo';
import { tenantScope } from '../db';
import type { AppEnv } from '../env';
import { NotFound } from '../errors';
import { describeRoute } from '../openapi/describeRoute';
import { failureOf, readTogether } from '../readTogether';
import { noBody, readJson, readQuery } from '../validate';

/** Merging duplicate customers and undoing it: `/api/v1/customers/merges…` (mounted before `/:id`). */
export const customerMergeRoutes = new Hono<AppEnv>();

customerMergeRoutes.post(
  '/',
  describeRoute({
    tag: 'Customers',
    summary: 'Merge one customer into another',
    description:
      "`mergedId` is merged into `survivorId` and removed. Per field (`fields`, `customFields`) say whose value stays; a field left out keeps the survivor's value, or the other's when the survivor's is empty. Tags are united; orders, subscriptions, licences, domains, portal users and invitations move to the survivor, and its revenue and product count are recomputed. The relationship further along stays; when both are accepted and differ, `relationship` must say which (else 409 `relationship_choice_required`). The removed customer's number keeps finding the survivor in the list search. `survivorVersion` and `mergedVersion` are the versions the choice was made on (409 `version_conflict` when either changed). Needs the permission to delete customers. The answer's `merge.id` undoes it for 10 minutes.",
    body: customerMergeInput,
    responses: { 201: customerMergeResult },
    errors: { 409: ['relationship_choice_required'] },
  }),
  requirePermission('customers.delete'),
  async (c) => {
    const input = await readJson(c, customerMergeInput);
    return c.json(await mergeCustomers(c, currentActor(c), input), 201);
  },
);

customerMergeRoutes.get(
  '/',
  describeRoute({
    tag: 'Customers',
    summary: "A customer's merges",
    description:
      "The merges a customer took part in, as the one that stayed (`survivorId`) or the one removed (`mergedId`), newest first; a removed customer's id still finds its merge, which names the customer it went into. `undoUntil` says until when each can be undone.",
    query: customerMergeQuery,
    responses: { 200: v.object({ items: v.array(customerMergeOutput) }) },
  }),
  requirePermission('customers.read'),
  async (c) => {
    const scope = tenantScope(c.env, currentActor(c));
    const { customerId, limit } = readQuery(c, customerMergeQuery);
    // A removed customer is known only by its merges; any other id must be the reseller's customer
    // (both read at once; the customer's absence counts only when there are no merges).
    const [items, notOwn] = await readTogether([mergesOf(scope, customerId, limit), failureOf(requireOwnCustomer(scope, customerId))]);
    if (items.length === 0 && notOwn) throw notOwn;
    return c.json({ items });
  },
);

customerMergeRoutes.post(
  '/:id/undo',
  describeRoute({
    tag: 'Customers',
    summary: 'Undo a merge (within 10 minutes)',
    description:
      'Both customers come back as the merge found them: ids, numbers, fields, tags, relationship, and every order, subscription, licence, domain, portal user and invitation that moved. Refused with 409 `merge_undo_blocked` when something changed since (`reasons`: `survivor_changed`, `moved_row_changed`, `tag_deleted`, `number_taken`, `survivor_merged`); rows added to the survivor since stay with it. 410 `merge_undo_expired` after 10 minutes.',
    responses: { 200: mergeUndoResult },
    errors: { 409: ['merge_undo_blocked'], 410: ['merge_undo_expired'] },
  }),
  requirePermission('customers.delete'),
  noBody,
  async (c) => {
    const id = c.req.param('id');
    if (!id) throw new NotFound();
    return c.json(await undoMerge(c, currentActor(c), id));
  },
);

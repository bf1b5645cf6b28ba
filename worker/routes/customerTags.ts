import { inArray, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { Hono } from 'hono';
import * as v from 'valibot';
import { customers, tags } from '../../schema/tables';
import { bulkTagInput } from '../../schema/tags';
import { currentActor, requirePermission } from '../auth/guards';
import { loadCustomers } from '../customers/rows';
import { tagChangeStatements } from '../customers/tagChanges';
import { tenantScope } from '../db';
import type { AppEnv } from '../env';
import { Invalid, NotFound } from '../errors';
import { describeRoute } from '../openapi/describeRoute';
import { planFromMemory, rowsForChange } from '../rowMemory';
import { readJson } from '../validate';
import { commitWrite, GuardFailed, liveEvent } from '../write';

export const bulkTagRoutes = new Hono<AppEnv>();

const IDS_PER_STATEMENT = 80; // stays under D1's 100 bound parameters per statement

/** Tag and untag many customers in one batch: tag rows, sort keys, versions and one audit row per customer. */
bulkTagRoutes.post(
  '/',
  describeRoute({
    tag: 'Customers',
    summary: 'Tag and untag up to 500 customers at once',
    description: 'All or nothing: an unknown customer (404) or tag (422) changes nothing.',
    body: bulkTagInput,
    responses: { 200: v.object({ updated: v.number() }) },
    errors: { 404: ['not_found'] },
  }),
  requirePermission('customers.write'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const input = await readJson(c, bulkTagInput);
    const customerIds = [...new Set(input.customerIds)];
    const tagIds = [...new Set([...input.addTagIds, ...input.removeTagIds])];

    // The tags as the tag picker showed them (else read); each remembered one is held by a guard.
    const find = (fresh: boolean) => rowsForChange(scope, tags, tagIds, { fresh });
    await planFromMemory(find, async (known) => {
      const unknown = tagIds.filter((id) => !known.rows.some((tag) => tag.id === id));
      if (unknown.length > 0) throw new Invalid({ [input.addTagIds.includes(unknown[0]!) ? 'addTagIds' : 'removeTagIds']: 'unknown_tag' });

      // Another reseller's customer is "not found", and then nothing is written: the batch's guards check
      // every id (no read before it), so a customer deleted meanwhile cannot drop out of the tagging silently.
      const guards: SQL[] = [...known.unchanged];
      const names = (ids: string[]) => known.rows.filter((tag) => ids.includes(tag.id)).map((tag) => tag.name);
      const change = JSON.stringify({ added: names(input.addTagIds), removed: names(input.removeTagIds) });
      const statements: BatchItem<'sqlite'>[] = [];
      for (let start = 0; start < customerIds.length; start += IDS_PER_STATEMENT) {
        const chunk = customerIds.slice(start, start + IDS_PER_STATEMENT);
        guards.push(sql`(SELECT count(*) FROM ${customers} WHERE ${scope.where(customers, inArray(customers.id, chunk))}) = ${chunk.length}`);
        statements.push(...tagChangeStatements(scope, actor, chunk, input.addTagIds, input.removeTagIds, change));
      }
      // The audit rows are part of `statements` (one per customer); commitWrite adds the summary row.
      try {
        await commitWrite(c, actor, {
          guards,
          statements,
          audit: { action: 'tags.bulk_changed', entityType: 'tag', entityId: tagIds.join(','), after: { customers: customerIds.length, ...JSON.parse(change) } },
          // Read back after the commit: every changed row with its new tags and version.
          events: async () => (await loadCustomers(scope, customerIds)).map((customer) => liveEvent('customer.updated', actor, customer, customer)),
        });
      } catch (error) {
        // From memory a failed guard may be a tag changed meanwhile: planned again from D1 first.
        throw error instanceof GuardFailed && !known.fromMemory ? new NotFound('One or more customers were not found.') : error;
      }
    });
    return c.json({ updated: customerIds.length });
  },
);

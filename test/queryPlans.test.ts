import { env } from 'cloudflare:test';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { pageQuery } from '../schema/common';
import { customerListQuery, customerSortFields } from '../schema/customers';
import { customerOrdersPageQuery, orderSortFields } from '../schema/orders';
import { holdingLists } from '../worker/customers/holdings';
import { customerListStatements, LIST_COUNT_CAP } from '../worker/customers/list';
import { tenantScope } from '../worker/db';
import { customerLookup } from '../worker/imports/matching';
import { encodeCursor } from '../worker/pagination';
import { apiTokenList } from '../worker/routes/apiTokens';
import { customFieldList } from '../worker/routes/customFields';
import { customerOrderList } from '../worker/routes/orders';
import { productList } from '../worker/routes/products';
import { staffList } from '../worker/routes/staff';
import { tagList } from '../worker/routes/tags';
import { webhookDeliveryList, webhookList } from '../worker/routes/webhooks';
import { Client, createReseller, createUser } from './fixtures';

/** EXPLAIN QUERY PLAN of a drizzle query, one line per plan step. */
async function planOf(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<string[]> {
  const { sql, params } = query.toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((row) => row.detail);
}

/** A full scan of a table without an index is what makes a list slow at 50,000 customers. */
function unindexedScans(plan: string[]): string[] {
  return plan.filter((step) => /^SCAN (customers|customer_search_terms|customer_tags|tags)\b/.test(step) && !/USING (COVERING )?INDEX/.test(step));
}

describe('every list, search and filter query uses an index', async () => {
  const reseller = await createReseller();
  const owner = await createUser(reseller, 'owner');
  const client = await Client.signedIn(owner.email);
  const tag = (await client.post('/api/v1/tags', { name: 'Plan' })).body.tag;
  const scope = tenantScope(env, { resellerId: reseller.id });
  const cases: Record<string, Record<string, string>> = {};
  for (const sort of customerSortFields) {
    for (const dir of ['asc', 'desc']) cases[`sort ${sort} ${dir}`] = { sort, dir };
  }
  Object.assign(cases, {
    'search one word': { q: 'müller' },
    'search three words': { q: 'müller haus köln', sort: 'name' },
    'filter tag': { tag: tag.id },
    'filter state': { state: 'active', sort: 'city' },
    'filter country': { country: 'AT' },
    // The archived list walks the sort's index like the other filters (a partial index of archived rows was never chosen).
    archived: { archived: '1' },
    'archived by name': { archived: '1', sort: 'name', dir: 'desc' },
    'archived searched': { archived: '1', q: 'müller' },
    // Incomplete customers are few and have no index of their own: the list walks its sort's index and checks each.
    incomplete: { incomplete: '1' },
    'incomplete by city': { incomplete: '1', sort: 'city' },
    'everything at once': { q: 'mu', tag: tag.id, state: 'active', country: 'DE', sort: 'monthlyRevenue', dir: 'desc' },
  });

  for (const [name, params] of Object.entries(cases)) {
    it(name, async () => {
      const query = v.parse(customerListQuery, params);
      const { page, count } = await customerListStatements(scope, query);
      for (const statement of [page, count]) {
        const plan = await planOf(statement);
        expect(plan.some((step) => /USING (COVERING )?INDEX|USING PRIMARY KEY|USING INTEGER PRIMARY KEY/.test(step))).toBe(true);
        expect(unindexedScans(plan)).toEqual([]);
      }
      // A plain sort walks its own index in order instead of sorting every row.
      if (!params.q && !params.tag && !params.state && !params.country) {
        expect((await planOf(page)).filter((step) => step.includes('TEMP B-TREE FOR ORDER BY'))).toEqual([]);
      }
    });
  }

  // Walking 50,000 customers in sort order and probing each against the search made a rare word or
  // three words take 100+ ms; the words' index ranges come first, then each match's customer by id.
  it('a search reads the term index first and fetches its customers by id, for the page and the count', async () => {
    for (const q of ['zimmermann', 'bäckerei münchen', 'elektro gmbh berlin']) {
      const { page, count } = await customerListStatements(scope, v.parse(customerListQuery, { q, sort: 'name' }));
      for (const plan of [await planOf(page), await planOf(count)]) {
        const firstRead = plan.find((step) => /^(SEARCH|SCAN) /.test(step));
        expect(firstRead, `${q}: ${plan.join(' | ')}`).toMatch(/^SEARCH customer_search_terms USING COVERING INDEX/);
        expect(
          plan.some((step) => /^SEARCH customers USING INDEX \S+ \(id=\?\)/.test(step)),
          `${q}: ${plan.join(' | ')}`,
        ).toBe(true);
        // The two longest words are ranges of the index; a third word is one seek per match on (customer, term), never a third range.
        const words = q.split(' ').length;
        const seeks = plan.filter((step) =>
          step.startsWith('SEARCH other_terms USING COVERING INDEX customer_search_terms_customer_term_idx (customer_id=? AND term>? AND term<?)'),
        );
        expect(seeks, `${q}: ${plan.join(' | ')}`).toHaveLength(Math.max(0, words - 2));
        expect(
          plan.filter((step) => step.startsWith('SEARCH customer_search_terms ')),
          `${q}: ${plan.join(' | ')}`,
        ).toHaveLength(Math.min(words, 2));
      }
    }
  });

  // Counting 7,500 tagged customers exactly made the tag filter the slowest list at 50,000 customers.
  it('a searched or filtered count stops after the cap', async () => {
    for (const params of [{ tag: tag.id }, { q: 'müller' }, { state: 'active' }]) {
      const { count } = await customerListStatements(scope, v.parse(customerListQuery, params));
      expect(count.toSQL().sql).toMatch(/limit \?\)/i);
      expect(count.toSQL().params.at(-1)).toBe(LIST_COUNT_CAP + 1);
    }
  });
});

describe('an import finds the customers its rows mean along indexes', () => {
  it('looks each key up in its own index (number, e-mail, Microsoft ID, primary domain), never scanning the customers', async () => {
    const reseller = await createReseller();
    const scope = tenantScope(env, { resellerId: reseller.id });
    const keys = { customerNumber: '10001', email: 'a@b.example', microsoftId: crypto.randomUUID(), primaryDomain: 'b.example' };
    const plan = await planOf(customerLookup(scope, [keys, { ...keys, customerNumber: '10002' }]));
    expect(unindexedScans(plan), plan.join(' | ')).toEqual([]);
    for (const index of ['customers_reseller_number_unique', 'customers_sort_email_idx', 'customers_reseller_microsoft_id_unique', 'customers_primary_domain_idx']) {
      expect(
        plan.some((step) => step.includes(index)),
        `${index}: ${plan.join(' | ')}`,
      ).toBe(true);
    }
  });
});

describe('every other list pages along an index', () => {
  const scope = tenantScope(env, { resellerId: 'rs_plan' });
  const page = v.parse(pageQuery, { limit: '50' });
  const customerId = 'cus_plan';
  /** The first page and a later one (after a cursor), each as built by the list itself. */
  const statements = <P>(
    list: { statement(scope: ReturnType<typeof tenantScope>, params: P): { toSQL(): { sql: string; params: unknown[] } } },
    params: P,
    cursor: (string | number)[],
  ) => [list.statement(scope, params), list.statement(scope, { ...params, cursor: encodeCursor(cursor) })];
  // `inOrder`: the index also gives the order, so a page reads just its rows instead of sorting them all.
  const cases: Record<string, { plans: { toSQL(): { sql: string; params: unknown[] } }[]; inOrder: boolean }> = {
    'customer subscriptions': { plans: statements(holdingLists.subscriptions, { ...page, customerId }, ['M365', 'sub_1']), inOrder: true },
    'customer licences': { plans: statements(holdingLists.assets, { ...page, customerId }, ['M365', 'ast_1']), inOrder: true },
    'customer services': { plans: statements(holdingLists.services, { ...page, customerId }, ['Exchange', 'sub_1']), inOrder: true },
    'customer domains': { plans: statements(holdingLists.domains, { ...page, customerId }, ['a.example', 'dom_1']), inOrder: true },
    'customer portal users': { plans: statements(holdingLists.users, { ...page, customerId }, ['max', 'pus_1']), inOrder: true },
    tags: { plans: statements(tagList, page, ['kunde', 'tag_1']), inOrder: true },
    'custom fields': { plans: statements(customFieldList, page, [1, '2026-01-01', 'cf_1']), inOrder: true },
    staff: { plans: statements(staffList, page, ['Anna', 'usr_1']), inOrder: true },
    products: { plans: statements(productList, page, ['reseller', 'Backup', 'prd_1']), inOrder: true },
    'products of one catalog': { plans: statements(productList, { ...page, catalog: 'azure' as const }, ['azure', 'Backup', 'prd_1']), inOrder: true },
    'api tokens': { plans: statements(apiTokenList, page, ['2026-01-01', 'tok_1']), inOrder: true },
    webhooks: { plans: statements(webhookList, page, ['2026-01-01', 'whe_1']), inOrder: true },
    'webhook deliveries': { plans: statements(webhookDeliveryList, { ...page, endpointId: 'whe_1' }, ['2026-01-01', 'whd_1']), inOrder: true },
  };
  for (const sort of orderSortFields) {
    for (const dir of ['asc', 'desc'] as const) {
      const params = { ...v.parse(customerOrdersPageQuery, { sort, dir }), customerId };
      const cursor = sort === 'orderNumber' ? [sort, dir, 100_001] : [sort, dir, sort === 'totalCents' ? 100 : 'x', 100_001];
      // Only the order number has an index of its own; other sorts order one customer's orders (tens) in memory.
      cases[`customer orders by ${sort} ${dir}`] = { plans: statements(customerOrderList, params, cursor), inOrder: sort === 'orderNumber' };
    }
  }
  cases['customer orders searched'] = {
    plans: statements(customerOrderList, { ...v.parse(customerOrdersPageQuery, { q: 'M365' }), customerId }, ['orderNumber', 'desc', 100_001]),
    inOrder: true,
  };

  for (const [name, { plans, inOrder }] of Object.entries(cases)) {
    it(name, async () => {
      for (const statement of plans) {
        const plan = await planOf(statement);
        expect(plan.filter((step) => /^SEARCH/.test(step)).length, plan.join(' | ')).toBeGreaterThan(0);
        // No table is read whole, not even through a covering index.
        expect(
          plan.filter((step) => /^SCAN /.test(step.trim().replace(/^[|`]--/, ''))),
          plan.join(' | '),
        ).toEqual([]);
        if (inOrder)
          expect(
            plan.filter((step) => step.includes('TEMP B-TREE')),
            plan.join(' | '),
          ).toEqual([]);
      }
    });
  }
});

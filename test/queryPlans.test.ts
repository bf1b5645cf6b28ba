import { env } from 'cloudflare:test';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { customerListQuery, customerSortFields } from '../schema/customers';
import { customerListStatements } from '../worker/customers/list';
import { tenantScope } from '../worker/db';
import { Client, createReseller, createUser } from './fixtures';

/** EXPLAIN QUERY PLAN of a drizzle query, one line per plan step. */
async function planOf(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<string[]> {
  const { sql, params } = query.toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>();
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
});

import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { customerSortKeys } from '../schema/customerSortKeys.js';
import { customerSearchTerms } from '../schema/search.js';
import { customers, deletedCustomers, customerSearchTerms as searchTerms } from '../schema/tables';
import { database } from '../worker/db';
import { createCustomer, createReseller } from './fixtures';
import { adversarialName, pick, seeded, typedPhone } from './textClasses';

/** Customers whose every searched and sorted field comes from the adversarial classes, stored with stale keys and no terms. */
async function staleCustomers(count: number) {
  const random = seeded(4711);
  const reseller = await createReseller();
  const made = [];
  for (let index = 0; index < count; index++) {
    const person = random() < 0.2;
    made.push(
      await createCustomer(reseller, {
        customerNumber: `${pick(random, ['', 'K-', 'A/', '2024.'])}${10_000 + index}`,
        company: person ? '' : adversarialName(random) + pick(random, ['', ' 中文', ' 😀', ' Ωμέγα', ' Москва']),
        contactFirstName: random() < 0.2 ? '' : adversarialName(random),
        contactLastName: random() < 0.2 ? '' : adversarialName(random),
        city: adversarialName(random),
        postalCode: pick(random, ['80331', '04109', '1010', 'SW1A 1AA', '1234 AB', 'D-80331']),
        email: `${pick(random, ['info', 'max.mueller', 'o’neill', 'büro'])}@${pick(random, ['bäckerei-müller.de', 'elektro-neumann.de', 'x.co.uk'])}`,
        primaryDomain: pick(random, ['', 'bäckerei-müller.de', 'huber-co.at', 'a.b.c.ch']),
        phone: typedPhone(random),
        mobile: typedPhone(random),
        country: pick(random, ['DE', 'AT', 'CH', 'FR', 'US', 'GB', 'BR', 'LI']),
        nameSort: 'stale',
        contactSort: 'stale',
        citySort: 'stale',
      }),
    );
  }
  return { reseller, made };
}

/** The newest migration that rebuilds sort keys and search terms: what a deploy runs over the customers already stored. */
function reindexMigration() {
  const migration = env.TEST_MIGRATIONS.filter((candidate) => candidate.queries.some((query) => query.includes('`search_folding`'))).at(-1);
  if (!migration) throw new Error('no migration rebuilds the search terms');
  return migration;
}

describe('the migration that recomputes stored sort keys and search terms', () => {
  it('gives every stored customer (and a deleted one waiting for undo) exactly the keys and terms the worker computes', async () => {
    const { made } = await staleCustomers(250);
    const db = database(env);
    const deleted = made.pop()!;
    const row = await db.select().from(customers).where(eq(customers.id, deleted.id)).get();
    const snapshot = Object.fromEntries(Object.entries(row!).map(([key, value]) => [key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`), value]));
    await db.delete(customers).where(eq(customers.id, deleted.id)).run();
    await db
      .insert(deletedCustomers)
      .values({
        customerId: deleted.id,
        resellerId: deleted.resellerId,
        customerNumber: deleted.customerNumber,
        customer: JSON.stringify(snapshot),
        tagIds: '[]',
        domains: '[]',
        invitationIds: '[]',
        deletedBy: 'Test',
        undoUntil: '2999-01-01T00:00:00.000Z',
      })
      .run();

    for (const query of reindexMigration().queries) await env.DB.prepare(query).run();

    for (const customer of made) {
      const stored = (await db.select().from(customers).where(eq(customers.id, customer.id)).get())!;
      const { nameSort, contactSort, citySort } = customerSortKeys(stored);
      expect({ nameSort: stored.nameSort, contactSort: stored.contactSort, citySort: stored.citySort }, `${stored.company} / ${stored.contactLastName} / ${stored.city}`).toEqual({
        nameSort,
        contactSort,
        citySort,
      });
      const terms = (await db.select({ term: searchTerms.term }).from(searchTerms).where(eq(searchTerms.customerId, customer.id)).all()).map((entry) => entry.term);
      expect(terms.sort(), JSON.stringify(stored)).toEqual(customerSearchTerms(stored).sort());
    }
    const kept = await db.select().from(deletedCustomers).where(eq(deletedCustomers.customerId, deleted.id)).get();
    const restored = JSON.parse(kept!.customer) as Record<string, string>;
    const expected = customerSortKeys({
      company: restored.company!,
      contactFirstName: restored.contact_first_name!,
      contactLastName: restored.contact_last_name!,
      city: restored.city!,
    });
    expect({ nameSort: restored.name_sort, contactSort: restored.contact_sort, citySort: restored.city_sort }).toEqual(expected);
  }, 120_000);
});

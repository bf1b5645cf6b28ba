import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { customerMatchKeys, legalForms, sharedMailDomains } from '../schema/duplicateKeys.js';
import { createCustomer, createReseller } from './fixtures';
import { adversarialName, pick, seeded, typedPhone } from './textClasses';

/** The migration that gives stored customers their duplicate keys: what a deploy runs over the customers already there. */
function matchKeysMigration() {
  const migration = env.TEST_MIGRATIONS.filter((candidate) => candidate.queries.some((query) => query.includes('`match_key_folding`'))).at(-1);
  if (!migration) throw new Error('no migration computes the duplicate keys');
  // The part after the tables and triggers: it can run again over customers stored without keys.
  const from = migration.queries.findIndex((query) => query.includes('CREATE TABLE `match_key_folding`'));
  return migration.queries.slice(from);
}

describe("the migration that computes stored customers' duplicate keys", () => {
  it('gives every stored customer exactly the keys the worker computes', async () => {
    const random = seeded(2411);
    const reseller = await createReseller();
    const made = [];
    for (let index = 0; index < 200; index++) {
      const domain = pick(random, ['bäckerei-müller.de', 'WWW.Elektro-Neumann.de', 'x.co.uk', 'a.b', ...sharedMailDomains.slice(0, 3), '']);
      made.push(
        await createCustomer(reseller, {
          company:
            random() < 0.1
              ? ''
              : `${pick(random, ['', ' ', '  '])}${adversarialName(random)}${pick(random, ['', ' ', ' & '])}${pick(random, ['', ...legalForms])}${pick(random, ['', ' ', ' GmbH', ' e.K.'])}`,
          email: pick(random, ['', `${pick(random, ['Info', 'max.mueller', ' büro '])}@${domain}`, `a@b@${domain}`, 'kein-at.example']),
          website: pick(random, ['', `https://www.${domain}/kontakt`, `http://${domain}:8080?x=1`, `${domain}#top`, 'https://WWW.Huber-IT.de']),
          primaryDomain: pick(random, ['', domain.toLowerCase(), 'www.huber.de']),
          phone: typedPhone(random),
          mobile: typedPhone(random),
          country: pick(random, ['DE', 'AT', 'CH', 'FR', 'US', 'GB', 'BR', 'LI']),
        }),
      );
    }
    await env.DB.prepare('DELETE FROM customer_match_keys WHERE reseller_id = ?').bind(reseller.id).run();
    for (const query of matchKeysMigration()) await env.DB.prepare(query).run();

    const { results } = await env.DB.prepare('SELECT customer_id AS id, kind, key FROM customer_match_keys WHERE reseller_id = ?')
      .bind(reseller.id)
      .all<{ id: string; kind: string; key: string }>();
    expect(new Set(results.map((row) => row.kind))).toEqual(new Set(['email', 'phone', 'domain', 'name']));
    for (const customer of made) {
      const stored = results.filter((row) => row.id === customer.id).map(({ kind, key }) => `${kind}:${key}`);
      const expected = customerMatchKeys(customer).map(({ kind, key }) => `${kind}:${key}`);
      expect(stored.sort(), JSON.stringify(customer)).toEqual(expected.sort());
    }
    // The counts per key came from the triggers while the rows went in.
    const { results: counts } = await env.DB.prepare(
      'SELECT g.members AS members, (SELECT count(*) FROM customer_match_keys k WHERE k.reseller_id = g.reseller_id AND k.kind = g.kind AND k.key = g.key) AS counted FROM customer_match_groups g WHERE g.reseller_id = ?',
    )
      .bind(reseller.id)
      .all<{ members: number; counted: number }>();
    expect(counts.length).toBeGreaterThan(0);
    for (const row of counts) expect(row.members).toBe(row.counted);
  }, 120_000);
});

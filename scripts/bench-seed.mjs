// `npm run bench:seed`: the performance data set in its own local D1 (.bench/state): 10 resellers,
// rs_bench_00 with 50,000 customers and nine with 5,000, each with tags, custom fields, a catalog,
// fulfilled orders with subscriptions and licences, domains and portal users. The rows come from
// the same generator as the demo data, written as bulk SQL (the rows the app's write path makes:
// sort keys, search terms, MRR and product counts included). Prints how long each step took.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { customerMatchKeys } from '../schema/duplicateKeys.js';
import { customerSearchTerms } from '../schema/search.js';
import { DEMO_PASSWORD, demoCustomers, demoHoldings, demoProducts, hashPassword, insert, prng } from './demo-data.mjs';
import { applyMigrations, executeSql, root } from './local-db.mjs';

export const BENCH_STATE = path.join(root, '.bench', 'state');
export const BENCH_OWNER = (index) => `inhaber@bench-${String(index).padStart(2, '0')}.example`;
const BIG = Number(process.env.BENCH_BIG ?? 50_000);
const SMALL = Number(process.env.BENCH_SMALL ?? 5_000);
const CHUNK = Number(process.env.BENCH_CHUNK ?? 5_000);

const tagNames = [
  ['Microsoft 365', 'blue'],
  ['Hosting', 'teal'],
  ['VIP', 'purple'],
  ['Verlängerung Q1', 'orange'],
  ['Neukunde 2026', 'green'],
  ['Kündigung droht', 'red'],
];

function resellerRows(index) {
  const id = `rs_bench_${String(index).padStart(2, '0')}`;
  const reseller = { id, name: `Bench Reseller ${index}`, partnerType: 'basic', customers: index === 0 ? BIG : SMALL };
  const tags = tagNames.map(([name, color], n) => ({ id: `tag_${id}_${n}`, resellerId: id, name, nameKey: name.toLowerCase(), color }));
  const fields = [
    {
      id: `cf_${id}_industry`,
      resellerId: id,
      label: 'Branche',
      type: 'choice',
      options: JSON.stringify(['Handwerk', 'Handel', 'Gastronomie', 'Gesundheit']),
      position: 0,
      required: false,
    },
    { id: `cf_${id}_manager`, resellerId: id, label: 'Kundenbetreuer', type: 'text', options: '[]', position: 1, required: false },
  ];
  return { reseller, tags, fields };
}

/** D1 caps one SQL statement at 100 KB: as many rows per INSERT as stay well under that. */
function insertUnderLimit(table, rows) {
  let sql = '';
  let batch = [];
  let size = 0;
  for (const row of rows) {
    const rowSize = JSON.stringify(row).length;
    if (batch.length > 0 && size + rowSize > 60_000) {
      sql += insert(table, batch);
      batch = [];
      size = 0;
    }
    batch.push(row);
    size += rowSize;
  }
  return sql + insert(table, batch);
}

function chunkSql(reseller, customers, tags, random, catalog, numbering, seenDomains) {
  let sql = '';
  const tagRows = [];
  const domains = [];
  const users = [];
  for (const customer of customers) {
    const own = tags.filter(() => random() < 0.15).sort((a, b) => a.nameKey.localeCompare(b.nameKey));
    for (const tag of own) tagRows.push({ resellerId: reseller.id, customerId: customer.id, tagId: tag.id });
    customer.tagsSort = own.map((tag) => tag.nameKey).join(' ');
    customer.customFields = JSON.stringify({ [`cf_${reseller.id}_industry`]: ['Handwerk', 'Handel', 'Gastronomie', 'Gesundheit'][Math.floor(random() * 4)] });
    // The generator makes names unique only mostly; the domains table insists.
    if (random() < 0.3 && !seenDomains.has(customer.primaryDomain)) {
      seenDomains.add(customer.primaryDomain);
      domains.push({ id: `dom_${customer.id}`, resellerId: reseller.id, customerId: customer.id, name: customer.primaryDomain, registrar: 'DENIC', verification: 'verified' });
    }
    if (random() < 0.1)
      users.push({
        id: `pus_${customer.id}`,
        resellerId: reseller.id,
        customerId: customer.id,
        username: `admin.${customer.customerNumber}`,
        firstName: customer.contactFirstName,
        lastName: customer.contactLastName || 'Admin',
        email: customer.email,
      });
  }
  const holdings = demoHoldings(reseller, customers, catalog, numbering);
  const terms = customers.flatMap((customer) => customerSearchTerms(customer).map((term) => ({ resellerId: reseller.id, term, customerId: customer.id })));
  const keys = customers.flatMap((customer) => customerMatchKeys(customer).map(({ kind, key }) => ({ resellerId: reseller.id, kind, key, customerId: customer.id })));
  const tables = {
    customers: customers.map((c) => ({ ...c, updatedAt: c.createdAt })),
    customer_tags: tagRows,
    ...holdings,
    domains,
    portal_users: users,
    customer_search_terms: terms,
    customer_match_keys: keys,
  };
  for (const [table, rows] of Object.entries(tables)) sql += insertUnderLimit(table, rows);
  return sql;
}

async function main() {
  const started = performance.now();
  if (existsSync(BENCH_STATE)) rmSync(BENCH_STATE, { recursive: true, force: true });
  applyMigrations(BENCH_STATE);
  const passwordHash = hashPassword(DEMO_PASSWORD);
  let total = 0;
  for (let index = 0; index < 10; index++) {
    const t0 = performance.now();
    const { reseller, tags, fields } = resellerRows(index);
    const catalog = demoProducts(reseller);
    let sql = insert('resellers', [{ id: reseller.id, name: reseller.name, partnerType: 'basic', currency: 'EUR' }]);
    sql += insert('users', [
      { id: `usr_${reseller.id}`, resellerId: reseller.id, email: BENCH_OWNER(index), displayName: `Inhaber ${index}`, role: 'owner', passwordHash, locale: 'de', active: true },
    ]);
    sql += insert('tags', tags) + insert('custom_fields', fields) + insert('products', catalog);
    executeSql(BENCH_STATE, sql);
    const customers = demoCustomers(reseller, 5000 + index).map((customer, n) => ({
      ...customer,
      // Every tenth customer holds 1–3 products through a fulfilled order; the rest are empty.
      productCount: n % 10 === 0 ? 1 + (n % 3) : 0,
    }));
    const random = prng(900 + index);
    const numbering = { last: 100_000 };
    const seenDomains = new Set();
    for (let start = 0; start < customers.length; start += CHUNK) {
      executeSql(BENCH_STATE, chunkSql(reseller, customers.slice(start, start + CHUNK), tags, random, catalog, numbering, seenDomains));
    }
    total += customers.length;
    console.log(`${reseller.id}: ${customers.length} customers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  console.log(
    `bench:seed — ${total} customers for 10 resellers in ${((performance.now() - started) / 1000).toFixed(0)} s; sign in as ${BENCH_OWNER(0)} / ${DEMO_PASSWORD} (state in .bench/state)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

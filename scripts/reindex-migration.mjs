// `node scripts/reindex-migration.mjs <migration.sql>`: writes the SQL that recomputes every stored
// customer's German sort keys (schema/collation.js) and search terms (schema/search.js) into a data
// migration. SQLite has neither ICU nor our rules, so the migration carries the rules' tables and
// walks each text character by character with a recursive query; test/reindexMigration.test.ts runs
// the newest such migration over generated customers and compares every key and term with the JS.
import { writeFileSync } from 'node:fs';
import { collationWeights } from '../schema/collationTable.js';
import { callingCodes, searchedFields, searchFolding } from '../schema/search.js';

export const BREAK = '\n--> statement-breakpoint\n';

/** A text as SQLite's char(…) of its code points: no quoting, nothing invisible in the file. */
export const chars = (text) => (text === '' ? "''" : `char(${[...text].map((ch) => ch.codePointAt(0)).join(', ')})`);

export function insertRows(table, rows) {
  const statements = [];
  for (let start = 0; start < rows.length; start += 250) {
    statements.push(
      `INSERT INTO \`${table}\` VALUES\n${rows
        .slice(start, start + 250)
        .map((row) => `(${row.map(chars).join(', ')})`)
        .join(',\n')};`,
    );
  }
  return statements;
}

const column = (table, name) => `${table}.\`${name}\``;

/** germanSortKey(text) as a scalar subquery over the collation_weights table. */
const sortKeySql = (text) => `(WITH RECURSIVE walk(i, p, s, t) AS (
    SELECT 0, '', '', ''
    UNION ALL
    SELECT i + 1,
      p || coalesce(w.primary_weights, '~' || printf('%06x', unicode(substr(${text}, i + 1, 1)))),
      s || coalesce(w.secondary_weights, '!'),
      t || coalesce(w.tertiary_weights, '!')
    FROM walk LEFT JOIN collation_weights w ON w.ch = substr(${text}, i + 1, 1)
    WHERE i < length(${text}))
  SELECT p || char(1) || rtrim(s, '!') || char(1) || rtrim(t, '!') FROM walk WHERE i = length(${text}))`;

/** customerDisplayName, contactSortText (schema/customerName.js) over a row's columns. */
const displayNameSql = (of) =>
  `CASE WHEN ${of('company')} <> '' THEN ${of('company')} WHEN ${of('contact_first_name')} <> '' AND ${of('contact_last_name')} <> '' THEN ${of('contact_first_name')} || ' ' || ${of('contact_last_name')} ELSE ${of('contact_first_name')} || ${of('contact_last_name')} END`;
const contactTextSql = (of) =>
  `CASE WHEN ${of('contact_last_name')} <> '' AND ${of('contact_first_name')} <> '' THEN ${of('contact_last_name')} || ' ' || ${of('contact_first_name')} ELSE ${of('contact_last_name')} || ${of('contact_first_name')} END`;

/** normalizeSearchText's folding as a scalar subquery over a folding table (ae/oe/ue follow once for all fields). */
export const foldSql = (text, table = 'search_folding') => `(WITH RECURSIVE walk(i, so_far) AS (
    SELECT 0, ''
    UNION ALL
    SELECT i + 1, so_far || coalesce(f.folded, substr(${text}, i + 1, 1))
    FROM walk LEFT JOIN ${table} f ON f.ch = substr(${text}, i + 1, 1)
    WHERE i < length(${text}))
  SELECT so_far FROM walk WHERE i = length(${text}))`;

const snake = (name) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** phoneDigitTerms, step by step: each SELECT names what the JS computes under the same name. */
export function phoneTermsSql() {
  const countryCode = `CASE country ${Object.entries(callingCodes)
    .map(([country, code]) => `WHEN '${country}' THEN '${code}'`)
    .join(' ')} ELSE '' END`;
  const strip = (text, characters, by) => [...characters].reduce((sql, ch) => `replace(${sql}, '${ch}', '${by}')`, text);
  return `SELECT reseller_id, customer_id, digits, international, CASE WHEN prefix > 0 THEN (CASE WHEN code <> '' THEN '0' || substr(international, length(code) + 1) ELSE '' END) WHEN substr(compact, 1, 1) = '0' THEN digits ELSE '' END AS national
  FROM (SELECT *, CASE WHEN gap BETWEEN 1 AND 3 THEN substr(rest, 1, gap) WHEN country_code <> '' AND substr(international, 1, length(country_code)) = country_code THEN country_code ELSE '' END AS code
    FROM (SELECT *, instr(rest, ' ') - 1 AS gap
      FROM (SELECT *, ${strip('substr(compact, prefix + 1)', '()/.+-', ' ')} AS rest,
          CASE prefix WHEN 1 THEN digits WHEN 2 THEN substr(digits, 3) ELSE (CASE WHEN substr(compact, 1, 1) = '0' AND country_code <> '' THEN country_code || substr(digits, 2) ELSE '' END) END AS international
        FROM (SELECT *, ${strip('compact', ' ()/.+-', '')} AS digits, CASE WHEN substr(compact, 1, 1) = '+' THEN 1 WHEN substr(compact, 1, 2) = '00' THEN 2 ELSE 0 END AS prefix
          FROM (SELECT reseller_id, id AS customer_id, replace(phone, '(0)', '') AS compact, ${countryCode} AS country_code FROM (
              SELECT reseller_id, id, phone, country FROM customers UNION ALL SELECT reseller_id, id, mobile, country FROM customers)
            WHERE phone <> '' AND phone NOT GLOB '*[^0-9 ()/.+-]*')))))`;
}

export function reindexMigrationSql() {
  const weights = collationWeights.map(([ch, primary, secondary, tertiary]) => [ch, primary, secondary, tertiary]);
  const of = (name) => column('customers', name);
  const snapshot = (name) => `json_extract(customer, '$.${name}')`;
  const statements = [
    "-- Every customer's German sort keys (name, contact, city) and search terms, recomputed with the rules of\n" +
      '-- schema/collation.js and schema/search.js (generated by scripts/reindex-migration.mjs).',
    'CREATE TABLE `collation_weights` (`ch` text PRIMARY KEY NOT NULL, `primary_weights` text NOT NULL, `secondary_weights` text NOT NULL, `tertiary_weights` text NOT NULL);',
    ...insertRows('collation_weights', weights),
    `UPDATE \`customers\` SET
  \`name_sort\` = ${sortKeySql(displayNameSql(of))},
  \`contact_sort\` = ${sortKeySql(contactTextSql(of))},
  \`city_sort\` = ${sortKeySql(of('city'))};`,
    // A deleted customer's snapshot is put back as stored when its delete is undone: it gets the keys too.
    `UPDATE \`deleted_customers\` SET \`customer\` = json_set(\`customer\`,
  '$.name_sort', ${sortKeySql(displayNameSql(snapshot))},
  '$.contact_sort', ${sortKeySql(contactTextSql(snapshot))},
  '$.city_sort', ${sortKeySql(snapshot('city'))});`,
    'DROP TABLE `collation_weights`;',
    'CREATE TABLE `search_folding` (`ch` text PRIMARY KEY NOT NULL, `folded` text NOT NULL);',
    ...insertRows(
      'search_folding',
      [...searchFolding].filter(([ch]) => ch !== '\u0000'),
    ),
    'CREATE TABLE `search_reindex` (`customer_id` text PRIMARY KEY NOT NULL, `reseller_id` text NOT NULL, `words` text NOT NULL);',
    `INSERT INTO \`search_reindex\` SELECT \`id\`, \`reseller_id\`,
  replace(replace(replace(${searchedFields.map((field) => foldSql(of(snake(field)))).join(" || ' ' ||\n  ")}, 'ae', 'a'), 'oe', 'o'), 'ue', 'u')
  FROM \`customers\`;`,
    'DELETE FROM `customer_search_terms`;',
    `INSERT OR IGNORE INTO \`customer_search_terms\` (\`reseller_id\`, \`term\`, \`customer_id\`)
  WITH RECURSIVE split(reseller_id, customer_id, rest, word) AS (
    SELECT reseller_id, customer_id, words || ' ', '' FROM search_reindex
    UNION ALL
    SELECT reseller_id, customer_id, substr(rest, instr(rest, ' ') + 1), substr(rest, 1, instr(rest, ' ') - 1) FROM split WHERE rest <> '')
  SELECT reseller_id, substr(word, 1, 60), customer_id FROM split WHERE word <> '';`,
    'CREATE TABLE `search_reindex_phones` (`reseller_id` text NOT NULL, `customer_id` text NOT NULL, `digits` text NOT NULL, `international` text NOT NULL, `national` text NOT NULL);',
    `INSERT INTO \`search_reindex_phones\`\n  ${phoneTermsSql()};`,
    `INSERT OR IGNORE INTO \`customer_search_terms\` (\`reseller_id\`, \`term\`, \`customer_id\`)
  SELECT reseller_id, substr(term, 1, 60), customer_id FROM (
    SELECT reseller_id, customer_id, digits AS term FROM search_reindex_phones
    UNION ALL SELECT reseller_id, customer_id, international FROM search_reindex_phones
    UNION ALL SELECT reseller_id, customer_id, national FROM search_reindex_phones)
  WHERE term <> '';`,
    'DROP TABLE `search_reindex_phones`;',
    'DROP TABLE `search_reindex`;',
    'DROP TABLE `search_folding`;',
  ];
  return `${statements[0]}\n${statements.slice(1).join(BREAK)}\n`;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const target = process.argv[2];
  if (!target) throw new Error('usage: node scripts/reindex-migration.mjs migrations/NNNN_name.sql');
  writeFileSync(target, reindexMigrationSql());
  console.log(`wrote ${target}`);
}

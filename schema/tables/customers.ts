// The reseller's customers and what the list reads with them: search terms, tags, custom fields, counts, deleted customers kept for undo, and the keys that find duplicates.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { relationshipStates } from '../customers';
import { customFieldTypes } from '../customFields';
import { duplicateReasons } from '../duplicateKeys.js';
import { tagColors } from '../tags';
import { resellerRef } from './accounts';
import { now, timestamps } from './columns';

/** The owning customer of orders, subscriptions, licences, domains and portal users. */
export const customerRef = () =>
  text('customer_id')
    .notNull()
    .references(() => customers.id);

export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    customerNumber: text('customer_number').notNull(),
    company: text('company').notNull().default(''),
    contactFirstName: text('contact_first_name').notNull().default(''),
    contactLastName: text('contact_last_name').notNull().default(''),
    email: text('email').notNull(),
    phone: text('phone').notNull().default(''),
    mobile: text('mobile').notNull().default(''),
    website: text('website').notNull().default(''),
    address: text('address').notNull(),
    postalCode: text('postal_code').notNull(),
    city: text('city').notNull(),
    state: text('state').notNull().default(''),
    /** ISO 3166-1 alpha-2. */
    country: text('country').notNull(),
    primaryDomain: text('primary_domain').notNull().default(''),
    /** Microsoft Entra tenant id, lower case; '' when not known (unique per reseller otherwise). */
    microsoftId: text('microsoft_id').notNull().default(''),
    relationshipState: text('relationship_state', { enum: relationshipStates }).notNull().default('none'),
    grantedRights: text('granted_rights', { mode: 'json' }).$type<string[]>().notNull().default([]),
    rightsToReview: integer('rights_to_review', { mode: 'boolean' }).notNull().default(false),
    indirectProvider: text('indirect_provider'),
    monthlyRevenueCents: integer('monthly_revenue_cents').notNull().default(0),
    productCount: integer('product_count').notNull().default(0),
    customFields: text('custom_fields', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    /** German sort keys kept beside the row (schema/collation.js), so every sort runs on an index. */
    nameSort: text('name_sort').notNull().default(''),
    contactSort: text('contact_sort').notNull().default(''),
    citySort: text('city_sort').notNull().default(''),
    tagsSort: text('tags_sort').notNull().default(''),
    /** Set while the customer is archived: out of the list, its count, search and exports, data kept. */
    archivedAt: text('archived_at'),
    archivedBy: text('archived_by'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('customers_reseller_number_unique').on(table.resellerId, table.customerNumber),
    uniqueIndex('customers_reseller_microsoft_id_unique').on(table.resellerId, table.microsoftId).where(sql`${table.microsoftId} <> ''`),
    index('customers_reseller_created_idx').on(table.resellerId, table.createdAt, table.id),
    index('customers_sort_name_idx').on(table.resellerId, table.nameSort, table.id),
    index('customers_sort_contact_idx').on(table.resellerId, table.contactSort, table.id),
    index('customers_sort_phone_idx').on(table.resellerId, table.phone, table.id),
    index('customers_sort_city_idx').on(table.resellerId, table.citySort, table.id),
    index('customers_sort_email_idx').on(table.resellerId, table.email, table.id),
    index('customers_sort_mrr_idx').on(table.resellerId, table.monthlyRevenueCents, table.id),
    index('customers_sort_products_idx').on(table.resellerId, table.productCount, table.id),
    index('customers_sort_state_idx').on(table.resellerId, table.relationshipState, table.id),
    index('customers_sort_tags_idx').on(table.resellerId, table.tagsSort, table.id),
    index('customers_country_idx').on(table.resellerId, table.country, table.customerNumber),
    // An import matches a row to its customer by primary domain (Partner Center's file names no number or e-mail).
    index('customers_primary_domain_idx').on(table.resellerId, table.primaryDomain),
  ],
);

/** Prefix-searchable words of each customer, rewritten in the same batch as the customer row. */
export const customerSearchTerms = sqliteTable(
  'customer_search_terms',
  {
    resellerId: text('reseller_id').notNull(),
    term: text('term').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
  },
  (table) => [
    primaryKey({ columns: [table.resellerId, table.term, table.customerId] }),
    // (customer, term): a multi-word search reads its longest word's range and asks each match
    // whether it also has the other words, one seek each (worker/customers/list.ts).
    index('customer_search_terms_customer_term_idx').on(table.customerId, table.term),
  ],
);

export const tags = sqliteTable(
  'tags',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    name: text('name').notNull(),
    /** Lower-cased name: two tags may not differ only in case. */
    nameKey: text('name_key').notNull(),
    color: text('color', { enum: tagColors }).notNull().default('gray'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (table) => [uniqueIndex('tags_reseller_name_unique').on(table.resellerId, table.nameKey)],
);

export const customerTags = sqliteTable(
  'customer_tags',
  {
    resellerId: text('reseller_id').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    tagId: text('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.customerId, table.tagId] }), index('customer_tags_tag_idx').on(table.resellerId, table.tagId, table.customerId)],
);

export const customFields = sqliteTable(
  'custom_fields',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    label: text('label').notNull(),
    type: text('type', { enum: customFieldTypes }).notNull(),
    options: text('options', { mode: 'json' }).$type<string[]>().notNull().default([]),
    required: integer('required', { mode: 'boolean' }).notNull().default(false),
    position: integer('position').notNull().default(0),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (table) => [index('custom_fields_reseller_idx').on(table.resellerId, table.position, table.createdAt, table.id)],
);

/**
 * How many customers each reseller's list shows without filters (relationship not removed). Kept by
 * triggers on `customers` (migration 0007) in the same transaction as every insert, delete and
 * relationship change, so the unfiltered list answers its total without counting 50,000 rows.
 */
export const customerCounts = sqliteTable('customer_counts', {
  resellerId: text('reseller_id').primaryKey(),
  listed: integer('listed').notNull().default(0),
});

/**
 * What deleting a customer removed (its row, tag links, domains, the invitations it let go), written in
 * the delete's batch so "Rückgängig" can put it all back with the same id until `undoUntil`.
 * Columns are stored as JSON objects keyed by column name, so they round-trip exactly.
 */
export const deletedCustomers = sqliteTable(
  'deleted_customers',
  {
    customerId: text('customer_id').primaryKey(),
    resellerId: resellerRef(),
    customerNumber: text('customer_number').notNull(),
    customer: text('customer').notNull(),
    tagIds: text('tag_ids').notNull(),
    domains: text('domains').notNull(),
    invitationIds: text('invitation_ids').notNull(),
    deletedBy: text('deleted_by').notNull(),
    deletedAt: text('deleted_at').notNull().default(now),
    undoUntil: text('undo_until').notNull(),
  },
  (table) => [index('deleted_customers_reseller_idx').on(table.resellerId, table.undoUntil)],
);

/**
 * The keys by which a customer looks like another (schema/duplicateKeys.js): e-mail, phone digits,
 * domains, company name without its legal form. Rewritten in the same batch as its search terms, so a
 * customer is a hint for the next one the moment it is committed.
 */
export const customerMatchKeys = sqliteTable(
  'customer_match_keys',
  {
    resellerId: text('reseller_id').notNull(),
    kind: text('kind', { enum: duplicateReasons }).notNull(),
    key: text('key').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
  },
  (table) => [
    primaryKey({ columns: [table.resellerId, table.kind, table.key, table.customerId] }),
    index('customer_match_keys_customer_idx').on(table.customerId, table.kind, table.key),
  ],
);

/**
 * How many customers share each key, kept by triggers on customer_match_keys (in its migration): a key of
 * two or more is a group of possible duplicates, and the partial index holds only those, so the
 * "Mögliche Duplikate" list pages through groups without reading the customers that have none.
 */
export const customerMatchGroups = sqliteTable(
  'customer_match_groups',
  {
    resellerId: text('reseller_id').notNull(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    members: integer('members').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.resellerId, table.kind, table.key] }),
    index('customer_match_groups_shared_idx').on(table.resellerId, table.kind, table.key).where(sql`${table.members} > 1`),
  ],
);

/**
 * Pairs a staff member marked "kein Duplikat" (first id < second id): they are not offered again. Kept
 * when one of them is deleted, so a delete that is undone finds its marks again.
 */
export const duplicateDismissals = sqliteTable(
  'duplicate_dismissals',
  {
    resellerId: resellerRef(),
    firstId: text('first_id').notNull(),
    secondId: text('second_id').notNull(),
    dismissedBy: text('dismissed_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (table) => [
    primaryKey({ columns: [table.resellerId, table.firstId, table.secondId] }),
    index('duplicate_dismissals_second_idx').on(table.resellerId, table.secondId, table.firstId),
  ],
);

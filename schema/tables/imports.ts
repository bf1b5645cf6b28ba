// Customer imports: the uploaded file, its rows and the remembered column mappings.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { type ImportReport, importStatuses } from '../imports';
import { resellerRef } from './accounts';
import { now, timestamps } from './columns';

/** An uploaded customer file: its columns, the chosen mapping and, once imported, the report. */
export const customerImports = sqliteTable(
  'customer_imports',
  {
    id: text('id').primaryKey(),
    resellerId: resellerRef(),
    createdBy: text('created_by').notNull(),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: ['csv', 'xlsx', 'xls'] }).notNull(),
    columns: text('columns', { mode: 'json' }).$type<string[]>().notNull(),
    sample: text('sample', { mode: 'json' }).$type<string[][]>().notNull(),
    rowCount: integer('row_count').notNull(),
    mapping: text('mapping', { mode: 'json' }).$type<string[]>().notNull(),
    mappingSource: text('mapping_source', { enum: ['remembered', 'guessed', 'chosen'] }).notNull(),
    status: text('status', { enum: importStatuses }).notNull().default('uploaded'),
    report: text('report', { mode: 'json' }).$type<ImportReport>(),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (table) => [index('customer_imports_reseller_idx').on(table.resellerId, table.createdAt)],
);

/** The data rows of an upload, one per line of the file, until it is imported. */
export const customerImportRows = sqliteTable(
  'customer_import_rows',
  {
    importId: text('import_id')
      .notNull()
      .references(() => customerImports.id, { onDelete: 'cascade' }),
    resellerId: resellerRef(),
    line: integer('line').notNull(),
    cells: text('cells', { mode: 'json' }).$type<string[]>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.importId, table.line] })],
);

/** The mapping last chosen for a set of headers, so the next file of the same shape maps itself. */
export const importMappings = sqliteTable(
  'import_mappings',
  {
    resellerId: resellerRef(),
    headersKey: text('headers_key').notNull(),
    mapping: text('mapping', { mode: 'json' }).$type<string[]>().notNull(),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (table) => [primaryKey({ columns: [table.resellerId, table.headersKey] })],
);

import * as v from 'valibot';
import { auditQuery } from './audit';
import { localeSchema } from './common';
import { customerListQuery } from './customers';
import { customerOrdersQuery } from './orders';

export const exportFormats = ['xls', 'xlsx', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];
/** `all`: the whole list whatever the search and filters; `view`: what the list shows now. */
export const exportScopes = ['all', 'view'] as const;
export type ExportScope = (typeof exportScopes)[number];
export const csvSeparators = [';', ','] as const;
export type CsvSeparator = (typeof csvSeparators)[number];

/** BIFF8 (.xls) addresses 65,536 rows: the header plus this many data rows. */
export const XLS_MAX_DATA_ROWS = 65_535;

/** German Excel splits CSV on `;` (the comma is the decimal mark), English Excel on `,`. */
export const defaultSeparator = (locale: v.InferOutput<typeof localeSchema>): CsvSeparator => (locale === 'de' ? ';' : ',');

/** What the file looks like: its format, the CSV separator and the language of headers and values (also the bulk export job's input). */
export const fileOptions = {
  format: v.picklist(exportFormats, 'invalid_value'),
  separator: v.optional(v.picklist(csvSeparators, 'invalid_value')),
  /** Headers and formats in the UI's language; the staff member's stored language when absent. */
  lang: v.optional(localeSchema),
};

const exportOptions = {
  ...fileOptions,
  scope: v.optional(v.picklist(exportScopes, 'invalid_value'), 'all'),
};

/** GET /api/v1/customers/export: the list's search, filters and sort plus the export options. */
export const customerExportQuery = v.object({ ...v.omit(customerListQuery, ['limit', 'cursor']).entries, ...exportOptions });
export type CustomerExportQuery = v.InferOutput<typeof customerExportQuery>;

/** GET /api/v1/audit/export: the Activity page's filters plus the export options. */
export const auditExportQuery = v.object({ ...v.omit(auditQuery, ['limit', 'cursor']).entries, ...exportOptions });
export type AuditExportQuery = v.InferOutput<typeof auditExportQuery>;

/** GET /api/v1/customers/:id/orders/export: the Orders tab's search and sort plus the export options. */
export const orderExportQuery = v.object({ ...customerOrdersQuery.entries, ...exportOptions });

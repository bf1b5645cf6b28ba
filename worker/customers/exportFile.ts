import type { Context } from 'hono';
import type { Locale } from '../../schema/common';
import type { Customer } from '../../schema/customers';
import type { CsvSeparator, ExportFormat } from '../../schema/exports';
import { tenantScope } from '../db';
import type { Actor, AppEnv } from '../env';
import { labels } from '../export/labels';
import { exportResponse } from '../export/respond';
import { loadCustomFieldDefinitions } from './customFieldValues';
import { customerTable } from './exportTable';

/** Customer.xls, Customers.xlsx and Customers.csv, whichever export wrote them. */
export const customerFileBaseName = (format: ExportFormat) => (format === 'xls' ? 'Customer' : 'Customers');

export interface CustomerFileRequest {
  format: ExportFormat;
  separator?: CsvSeparator;
  /** Headers and values in this language; the staff member's own when absent. */
  lang?: Locale;
  pages: AsyncIterable<Customer[]>;
  rows: number;
  /** What the `customers.exported` audit row records besides the file (the filters, or the job). */
  auditDetails: Record<string, unknown>;
}

/**
 * A customer file as it leaves the Worker, whatever chose its customers (the list's query, or an
 * export job's snapshot): the customer columns with today's custom fields, the reseller's currency,
 * the file name, and the `customers.exported` audit row.
 */
export async function customerFileResponse(c: Context<AppEnv>, actor: Actor, request: CustomerFileRequest): Promise<Response> {
  const locale = request.lang ?? actor.locale;
  const definitions = await loadCustomFieldDefinitions(tenantScope(c.env, actor));
  const table = customerTable({ t: labels(locale), locale, currency: actor.reseller.currency, definitions, pages: request.pages });
  return exportResponse(c, actor, table, {
    format: request.format,
    separator: request.separator,
    rows: request.rows,
    baseName: customerFileBaseName(request.format),
    auditAction: 'customers.exported',
    auditDetails: request.auditDetails,
  });
}

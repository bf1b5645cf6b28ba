import { Hono } from 'hono';
import { customerExportQuery } from '../../schema/exports';
import { currentActor, requirePermission } from '../auth/guards';
import { customerFileResponse } from '../customers/exportFile';
import { type CustomerQuery, countCustomers, customerPages } from '../customers/list';
import { tenantScope } from '../db';
import type { AppEnv } from '../env';
import { describeRoute } from '../openapi/describeRoute';
import { spreadsheet } from '../openapi/operation';
import { readQuery } from '../validate';

export const customerExportRoutes = new Hono<AppEnv>();

/**
 * Customer.xls, Customers.xlsx, Customers.csv. `scope=all` (the default) is the
 * whole list whatever the search and filters; `scope=view` is exactly what the list shows. Both keep
 * the list's sort.
 */
customerExportRoutes.get(
  '/',
  describeRoute({
    tag: 'Customers',
    summary: 'Export the customer list as .xls, .xlsx or .csv',
    description: '`scope=all` (the default) is the whole list in its sort; `scope=view` keeps the search and filters.',
    query: customerExportQuery,
    responses: { 200: spreadsheet },
    errors: { 422: ['xls_too_many_rows'] },
  }),
  requirePermission('customers.export'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const { format, scope: range, separator, lang, ...view } = readQuery(c, customerExportQuery);
    const query: CustomerQuery = range === 'all' ? { q: '', sort: view.sort, dir: view.dir } : view;
    return customerFileResponse(c, actor, {
      format,
      separator,
      lang,
      pages: customerPages(scope, query),
      rows: await countCustomers(scope, query),
      auditDetails: { scope: range, ...(range === 'view' ? { filters: view } : {}) },
    });
  },
);

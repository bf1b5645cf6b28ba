import { customerExportQuery } from '../../../schema/exports';
import { spreadsheet, type OperationGroup } from '../operation';

export const customerExportOperations: OperationGroup = {
  tag: 'Customers',
  operations: [
    {
      method: 'get',
      path: '/api/v1/customers/export',
      summary: 'Export the customer list as .xls, .xlsx or .csv',
      description: '`scope=all` (the default) is the whole list in its sort; `scope=view` keeps the search and filters.',
      query: customerExportQuery,
      responses: { 200: spreadsheet },
      errors: { 422: ['xls_too_many_rows'] },
    },
  ],
};

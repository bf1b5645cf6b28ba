import { auditEntry, auditQuery } from '../../../schema/audit';
import { auditExportQuery } from '../../../schema/exports';
import { listOperation, spreadsheet, type OperationGroup } from '../operation';

export const auditOperations: OperationGroup = {
  tag: 'Activity',
  operations: [
    listOperation({ path: '/api/v1/audit', summary: 'Page through the activity log, newest first', query: auditQuery, item: auditEntry }),
    {
      method: 'get',
      path: '/api/v1/audit/export',
      summary: 'Export the activity log as .xls, .xlsx or .csv',
      query: auditExportQuery,
      responses: { 200: spreadsheet },
      errors: { 422: ['xls_too_many_rows'] },
    },
  ],
};

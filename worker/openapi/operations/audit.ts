import { auditEntry, auditQuery } from '../../../schema/audit';
import { auditExportQuery } from '../../../schema/exports';
import { pageOf, spreadsheet, type OperationGroup } from '../operation';

export const auditOperations: OperationGroup = {
  tag: 'Activity',
  description: 'The audit log: every change, with who made it and the data before and after.',
  operations: [
    {
      method: 'get',
      path: '/api/v1/audit',
      summary: 'Page through the activity log, newest first',
      query: auditQuery,
      responses: { 200: pageOf(auditEntry) },
      errors: { 400: ['invalid_cursor'] },
    },
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

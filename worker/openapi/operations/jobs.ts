import * as v from 'valibot';
import { bulkArchiveJobInput, bulkExportJobInput, bulkInviteJobInput, bulkJobStarted, bulkTagJobInput, EXPORT_FILE_HOURS, jobItemOutput, jobItemsQuery, jobListQuery, jobOutput, MAX_JOB_ITEMS, MAX_SELECTED_IDS } from '../../../schema/jobs';
import { listOperation, spreadsheet, type Operation, type OperationGroup } from '../operation';

const target = `Either \`customerIds\` (the selected rows, up to ${MAX_SELECTED_IDS}; any id that is not one of the reseller's customers is a 404 and nothing starts) or \`filter\` (the list's \`q\`, \`tag\`, \`state\`, \`country\`, resolved to ids when the job starts; more than ${MAX_JOB_ITEMS} matches is a 422 \`too_many_customers\`).`;

/** A bulk action on customers: its own path (and permission), the common target, 202 with the queued job. */
const bulkOperation = (action: string, summary: string, detail: string, body: v.GenericSchema): Operation => ({
  method: 'post',
  path: `/api/v1/customers/bulk/${action}`,
  summary,
  description: `${target} ${detail}`,
  body,
  responses: { 202: bulkJobStarted },
  errors: { 404: ['not_found'], 422: ['too_many_customers'] },
});

export const jobOperations: OperationGroup = {
  tag: 'Jobs',
  operations: [
    bulkOperation('tag', 'Tag many customers (a background job)', 'Customers deleted after the start are reported as `not_found`.', bulkTagJobInput),
    bulkOperation('untag', 'Untag many customers (a background job)', 'Customers without the tag are reported as `not_tagged`.', bulkTagJobInput),
    bulkOperation(
      'invite',
      'Invite many customers to a relationship (a background job)',
      'Each customer gets an invitation as from `POST /api/v1/invitations`; one with an active relationship (`relationship_active`) or an open invitation (`invitation_pending`) is refused in the report. Links are made when each invitation is sent (`POST /api/v1/invitations/:id/resend`), as they are shown only once.',
      bulkInviteJobInput,
    ),
    bulkOperation(
      'archive',
      'Archive many customers (a background job)',
      'Each customer is archived as by `POST /api/v1/customers/:id/archive` (audited `customer.archived`, published live); one already archived is reported as `already_archived`.',
      bulkArchiveJobInput,
    ),
    bulkOperation(
      'export',
      'Export many customers into a file (a background job)',
      `Each customer is kept as the customer list shows it (archived ones too, when selected); one deleted after the start is reported as \`not_found\`. When the job has succeeded, its \`file\` says so and \`GET /api/v1/jobs/:id/file\` answers the file (Customer.xls, Customers.xlsx or Customers.csv, the columns of \`GET /api/v1/customers/export\`) to everyone of the reseller who may export, for ${EXPORT_FILE_HOURS} hours.`,
      bulkExportJobInput,
    ),
    listOperation({ path: '/api/v1/jobs', summary: 'List the reseller\'s jobs, newest first', query: jobListQuery, item: jobOutput }),
    { method: 'get', path: '/api/v1/jobs/:id', summary: 'A job with its counts', responses: { 200: v.object({ job: jobOutput }) } },
    listOperation({ path: '/api/v1/jobs/:id/items', summary: 'A job\'s report: each item with its outcome and reason', query: jobItemsQuery, item: jobItemOutput }),
    {
      method: 'post',
      path: '/api/v1/jobs/:id/cancel',
      summary: 'Cancel a job',
      description: 'The chunk being worked on finishes; nothing after it starts. What was done stays done; the rest is reported as `skipped` (`cancelled`). Needs the permission the job\'s kind needs to start as well.',
      responses: { 200: v.object({ job: jobOutput }) },
      errors: { 409: ['job_closed'] },
    },
    {
      method: 'get',
      path: '/api/v1/jobs/:id/file',
      summary: 'Download an export job\'s file',
      description: `The file of a succeeded \`customers.export\` job, written from the customers it kept, with the export's own columns and names; audited as \`customers.exported\` with the job's id. 409 \`export_not_ready\` while it runs, \`job_has_no_file\` for another kind or a cancelled or failed export; 410 \`export_expired\` ${EXPORT_FILE_HOURS} hours after it ended.`,
      responses: { 200: spreadsheet },
      errors: { 409: ['export_not_ready', 'job_has_no_file'], 410: ['export_expired'] },
    },
  ],
};

import { dryRunOutput, importMappingInput, importRunInput, importStarted, importUploadInput, oneImport } from '../../../schema/imports';
import { importFileErrorCodes } from '../../../schema/errorCodes';
import type { OperationGroup } from '../operation';


export const customerImportOperations: OperationGroup = {
  tag: 'Customer imports',
  operations: [
    {
      method: 'post',
      path: '/api/v1/customer-imports',
      summary: 'Upload a customer file',
      description:
        'The file goes as base64 in `content` (at most 5 MB, 5,000 data rows, 100 columns; the first row holds the headers). Answers the columns, a few sample rows and a proposed mapping: the one last chosen for the same headers, else guessed from German or English headers. A file that cannot be read is a 422 with the reason as the error code.',
      body: importUploadInput,
      responses: { 201: oneImport },
      errors: { 413: ['payload_too_large'], 422: [...importFileErrorCodes] },
    },
    {
      method: 'get',
      path: '/api/v1/customer-imports/:id',
      summary: 'Read an import: its columns, mapping, status and (once imported) its report',
      responses: { 200: oneImport },
    },
    {
      method: 'put',
      path: '/api/v1/customer-imports/:id/mapping',
      summary: 'Map the columns to customer fields',
      description: 'One entry per column: a field (`customerNumber`, `company`, …, `customField:<id>`) or `""` to ignore it. The customer number or the e-mail must be mapped. Remembered for the next file with the same headers.',
      body: importMappingInput,
      responses: { 200: oneImport },
      errors: { 409: ['import_changed', 'import_running'] },
    },
    {
      method: 'get',
      path: '/api/v1/customer-imports/:id/dry-run',
      summary: 'Dry run: what each row would do',
      description:
        'Every row validated with the customer schemas and classified: `create`, `update` (matched by customer number, else e-mail; empty cells keep the stored value), `unchanged`, or `refuse` with a code per field. Nothing is written. Send the `fingerprint` with the import.',
      responses: { 200: dryRunOutput },
      errors: { 409: ['import_changed', 'import_running'], 422: ['validation_failed'] },
    },
    {
      method: 'post',
      path: '/api/v1/customer-imports/:id/run',
      summary: 'Import: start the job that creates and updates the customers of the dry run, all or nothing',
      description:
        'Checks that the dry run is still what it was (409 `import_changed` when a colleague changed a matched customer, or took a number or e-mail, meanwhile), then starts the import job (`customers.import`, 202) and marks the import `running`. The job, in the reseller\'s hub, checks the rows chunk by chunk (its progress reaches every staff member as `job.changed` events; `GET /api/v1/jobs/:id`), then writes every row in one transaction together with the job\'s end. If customers changed meanwhile or the write fails, the job ends `failed`, nothing is imported and the import is `failed` with `report.failure` (`import_changed` or `import_failed`); it can be looked at and run again. Cancelling the job before the write imports nothing (the import is `uploaded` again). Refused rows are skipped and listed in the report. A second run while one is open: 409 `import_running`.',
      body: importRunInput,
      responses: { 202: importStarted },
      errors: { 409: ['import_changed', 'import_running', 'version_conflict'] },
    },
  ],
};

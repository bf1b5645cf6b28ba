import * as v from 'valibot';
import { completionFields } from './customers';
import { duplicateHintOutput } from './duplicates';
import { jobOutput } from './jobs';

/** What an import accepts: the file as uploaded, its data rows, its columns, one cell. */
export const importLimits = {
  fileBytes: 5 * 1024 * 1024,
  /** What an .xlsx may unpack to (all its XML); a zip bomb stops here. */
  unpackedBytes: 50 * 1024 * 1024,
  rows: 5000,
  columns: 100,
  cellChars: 2000,
} as const;

/** Customer fields a column can fill; custom fields are `customField:<id>`. */
export const customerImportFields = [
  'customerNumber',
  'company',
  'contactFirstName',
  'contactLastName',
  'email',
  'phone',
  'mobile',
  'website',
  'address',
  'postalCode',
  'city',
  'state',
  'country',
  'primaryDomain',
  'microsoftId',
] as const;

/**
 * Columns other systems export that feed a customer without being one of its fields: a second address
 * line (joined to the address), the country calling code of the phone (FOSSBilling keeps it apart),
 * tags (split on ";" and ","), the relationship (Partner Center's wording), the status (inactive or
 * closed customers are created archived) and the date the customer was created.
 */
export const importOnlyFields = ['addressLine2', 'phoneCountryCode', 'tags', 'relationship', 'status', 'createdAt'] as const;

export const importFields = [...customerImportFields, ...importOnlyFields] as const;
export type ImportField = (typeof importFields)[number];
export type ImportOnlyField = (typeof importOnlyFields)[number];
export const CUSTOM_FIELD_PREFIX = 'customField:';

const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

/** POST /customer-imports: the file as base64 in JSON (so uploads keep the API's JSON-only CSRF rule). */
export const importUploadInput = v.strictObject({
  fileName: v.pipe(v.string(), v.trim(), v.minLength(1, 'required'), v.maxLength(200, 'too_long')),
  content: v.pipe(
    v.string(),
    v.minLength(1, 'required'),
    // base64 of at most importLimits.fileBytes; a bigger file is a 413 before this.
    v.maxLength(Math.ceil(importLimits.fileBytes / 3) * 4, 'file_too_large'),
    v.regex(base64Pattern, 'invalid_base64'),
  ),
});

/** One entry per column, in the file's order: the field it fills, or '' to ignore it. */
const mappingSchema = v.pipe(v.array(v.pipe(v.string(), v.maxLength(60, 'too_long'))), v.maxLength(importLimits.columns, 'too_many_columns'));

export const importMappingInput = v.strictObject({ version: v.pipe(v.number(), v.integer(), v.minValue(1)), mapping: mappingSchema });

export const importRunInput = v.strictObject({
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** The dry run the user confirmed; when customers changed since, the import is refused (409 `import_changed`). */
  fingerprint: v.pipe(v.string(), v.minLength(1, 'required'), v.maxLength(100, 'too_long')),
});

export const importActions = ['create', 'update', 'unchanged', 'refuse'] as const;
export const matchKeys = ['microsoftId', 'customerNumber', 'email', 'primaryDomain'] as const;
export type MatchKey = (typeof matchKeys)[number];
export const importActionSchema = v.picklist(importActions);
export type ImportAction = (typeof importActions)[number];

export const importCounts = v.object({
  create: v.number(),
  update: v.number(),
  unchanged: v.number(),
  refuse: v.number(),
  /** Rows whose customer will lack a name, e-mail or billing address afterwards (created or updated "incomplete"). */
  incomplete: v.optional(v.number()),
});
export type ImportCounts = v.InferOutput<typeof importCounts>;

/** One data row as the dry run (and afterwards the report) sees it. `line` is its line in the file. */
export const importRowOutput = v.object({
  line: v.number(),
  action: importActionSchema,
  customerNumber: v.string(),
  name: v.string(),
  /** The existing customer updated (or left unchanged), or the one created by the import. */
  customerId: v.nullable(v.string()),
  /** How the row was matched to an existing customer: Microsoft ID, else number, e-mail or primary domain. */
  matchedBy: v.nullable(v.picklist(matchKeys)),
  /** Fields the import changes on an update. */
  changes: v.array(v.string()),
  /** Why a row is refused: field → code (`invalid_email`, `duplicate_in_file`, `email_ambiguous`, …). */
  errors: v.record(v.string(), v.string()),
  /** The file named no number: `customerNumber` is the next free one, as the new-customer form proposes. */
  numberAssigned: v.optional(v.boolean()),
  /** What the customer will still lack (it is then "incomplete"; see completionFields). */
  missing: v.optional(v.array(v.picklist(completionFields))),
  /** Created archived (status inactive or closed in the file). */
  archived: v.optional(v.boolean()),
  /** Created with an active relationship whose rights are to be reviewed (Partner Center's relationship). */
  relationshipToReview: v.optional(v.boolean()),
  /** Tags the row gives the customer (created when missing). */
  tags: v.optional(v.array(v.string())),
  /** Dry run of a row that creates a customer: existing customers it looks like (it is still created). */
  possibleDuplicates: v.optional(v.array(duplicateHintOutput)),
});
export type ImportRow = v.InferOutput<typeof importRowOutput>;

export const dryRunOutput = v.object({ fingerprint: v.string(), counts: importCounts, rows: v.array(importRowOutput) });
export type DryRun = v.InferOutput<typeof dryRunOutput>;

/**
 * `running`: the import job (`customers.import`) checks the rows and then writes them all at once;
 * `failed`: it wrote nothing (the report's `failure` says why) and can be looked at and run again.
 */
export const importStatuses = ['uploaded', 'running', 'imported', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** Why an import job wrote nothing: customers changed since the dry run, or the write itself failed. */
export const importFailures = ['import_changed', 'import_failed'] as const;

export const importReport = v.object({
  counts: importCounts,
  rows: v.array(importRowOutput),
  importedAt: v.string(),
  importedBy: v.string(),
  /** Set when the import job failed: nothing was imported (counts and rows are then the last check's). */
  failure: v.optional(v.picklist(importFailures)),
});
export type ImportReport = v.InferOutput<typeof importReport>;

export const customerImportOutput = v.object({
  id: v.string(),
  fileName: v.string(),
  format: v.picklist(['csv', 'xlsx', 'xls']),
  columns: v.array(v.string()),
  /** A few data rows, to recognise the columns by. */
  sample: v.array(v.array(v.string())),
  rowCount: v.number(),
  mapping: v.array(v.string()),
  /** Where the mapping came from: the last import with the same headers, guessed from the headers, or chosen. */
  mappingSource: v.picklist(['remembered', 'guessed', 'chosen']),
  status: v.picklist(importStatuses),
  report: v.nullable(importReport),
  createdBy: v.string(),
  version: v.number(),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type CustomerImport = v.InferOutput<typeof customerImportOutput>;
export const oneImport = v.object({ customerImport: customerImportOutput });

/** `POST /customer-imports/:id/run`: the import job started (202), and the import now `running`. */
export const importStarted = v.object({ job: jobOutput, customerImport: customerImportOutput });

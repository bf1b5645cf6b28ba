import { eq, type SQL, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { ImportFileErrorCode } from '../../schema/errorCodes';
import { importFileErrorCodes } from '../../schema/errorCodes';
import { type CustomerImport, dryRunOutput, importLimits, importMappingInput, importRunInput, importStarted, importUploadInput, oneImport } from '../../schema/imports';
import { customerImportRows, customerImports, importMappings } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { definitionsForWrite, definitionsUnchanged } from '../customers/customFieldValues';
import { newId, nowIso, type TenantScope, tenantScope } from '../db';
import type { Actor, AppEnv } from '../env';
import { AppError, Conflict, Invalid, VersionConflict } from '../errors';
import { CompoundFile, isCompoundFile } from '../imports/compoundFile';
import { parseCsv } from '../imports/csv';
import { withDuplicateHints } from '../imports/duplicateHints';
import { type ImportRecord, importJob, planOfImport, requireImport } from '../imports/job';
import { ImportFileError, type Sheet } from '../imports/limits';
import { guessMapping, headersSignature } from '../imports/mapping';
import { checkMapping, ImportChanged } from '../imports/plan';
import { parseXls } from '../imports/xls';
import { parseXlsx } from '../imports/xlsx';
import { startJob } from '../jobs/start';
import { describeRoute } from '../openapi/describeRoute';
import { readTogether } from '../readTogether';
import { IsolateMemory, planFromMemory, rememberRows, rowForChange } from '../rowMemory';
import { readJson } from '../validate';
import { commitWrite, GuardFailed, guardStatement, readBackById, type WriteContext } from '../write';

export const customerImportRoutes = new Hono<AppEnv>();

function toOutput(record: ImportRecord): CustomerImport {
  const { resellerId: _r, ...rest } = record;
  return rest;
}

function decodeBase64(content: string): Uint8Array {
  try {
    const binary = atob(content);
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
    return bytes;
  } catch {
    throw new Invalid({ content: 'invalid_base64' });
  }
}

const fileError = (code: ImportFileErrorCode, message: string, detail: Record<string, number | string> = {}) =>
  new AppError(422, code, message, {
    fields: { content: code },
    ...(Object.keys(detail).length ? { reasons: Object.entries(detail).map(([key, value]) => `${key}:${value}`) } : {}),
  });

const fileMessages: Record<ImportFileErrorCode, string> = {
  not_a_spreadsheet: 'The file is neither a CSV file nor an Excel workbook (.xlsx or .xls).',
  invalid_xlsx: 'The Excel file is damaged or not a workbook.',
  invalid_xls: 'The Excel file (.xls) is damaged or not a workbook.',
  xls_encrypted: 'The Excel file is password-protected; save it without a password.',
  xls_unsupported_version: 'The Excel file is older than Excel 97; save it as .xlsx, .xls (Excel 97–2003) or .csv.',
  xlsx_encrypted: 'The Excel file is password-protected; save it without a password.',
  file_too_large: `The file is larger than ${importLimits.fileBytes / 1024 / 1024} MB.`,
  file_too_large_unpacked: `The workbook unpacks to more than ${importLimits.unpackedBytes / 1024 / 1024} MB.`,
  too_many_rows: `The file has more than ${importLimits.rows} data rows; split it.`,
  too_many_columns: `The file has more than ${importLimits.columns} columns.`,
  cell_too_long: `A cell holds more than ${importLimits.cellChars} characters.`,
  csv_unterminated_quote: 'A quoted field in the CSV file never ends.',
  no_data_rows: 'The file has a header row but no data rows.',
  empty_file: 'The file is empty.',
};

/**
 * The first sheet of the file, by its content (never its name): an .xlsx is a ZIP, an .xls a compound
 * (OLE) file, else CSV text. A password-protected .xlsx is a compound file too, with its package encrypted.
 */
async function readSheet(bytes: Uint8Array): Promise<{ format: 'csv' | 'xlsx' | 'xls'; sheet: Sheet }> {
  if (bytes.length > importLimits.fileBytes) throw new ImportFileError('file_too_large');
  if (bytes.length === 0) throw new ImportFileError('empty_file');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return { format: 'xlsx', sheet: await parseXlsx(bytes) };
  if (isCompoundFile(bytes)) {
    const file = new CompoundFile(bytes);
    if (file.has('EncryptedPackage')) throw new ImportFileError('xlsx_encrypted');
    return { format: 'xls', sheet: parseXls(file) };
  }
  return { format: 'csv', sheet: parseCsv(bytes) };
}

/** Upload: read the file, keep its rows, and propose a mapping (the one remembered for these headers, else a guess). */
customerImportRoutes.post(
  '/',
  describeRoute({
    tag: 'Customer imports',
    summary: 'Upload a customer file',
    description:
      'The file goes as base64 in `content` (at most 5 MB, 5,000 data rows, 100 columns; the first row holds the headers). Answers the columns, a few sample rows and a proposed mapping: the one last chosen for the same headers, else guessed from German or English headers. A file that cannot be read is a 422 with the reason as the error code.',
    body: importUploadInput,
    responses: { 201: oneImport },
    errors: { 413: ['payload_too_large'], 422: [...importFileErrorCodes] },
  }),
  requirePermission('customers.write'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const input = await readJson(c, importUploadInput);
    let read: Awaited<ReturnType<typeof readSheet>>;
    try {
      read = await readSheet(decodeBase64(input.content));
      if (read.sheet.rows.length === 0) throw new ImportFileError('empty_file');
      if (read.sheet.rows.length === 1) throw new ImportFileError('no_data_rows');
    } catch (error) {
      if (error instanceof ImportFileError) throw fileError(error.code, fileMessages[error.code], error.detail);
      throw error;
    }
    const [header, ...data] = read.sheet.rows as [string[], ...string[][]];
    const width = Math.max(header.length, ...data.map((row) => row.length));
    const columns = Array.from({ length: width }, (_, index) => (header[index] ?? '').trim());
    const record = await planFromMemory(
      (fresh) => definitionsForWrite(scope, { fresh }),
      (definitions) => storeUpload(c, actor, scope, { fileName: input.fileName, format: read.format, columns, data }, definitions),
    );
    return c.json({ customerImport: toOutput(record) }, 201);
  },
);

/**
 * Keeps the uploaded rows with a proposed mapping, in one batch: guessed from the headers and the custom
 * fields (as this isolate remembers them, held by a guard), replaced inside the batch by the mapping
 * last chosen for the same headers when there is one; the stored import is read back at its end.
 */
async function storeUpload(
  c: WriteContext,
  actor: Actor,
  scope: TenantScope,
  file: { fileName: string; format: ImportRecord['format']; columns: string[]; data: string[][] },
  found: Awaited<ReturnType<typeof definitionsForWrite>>,
): Promise<ImportRecord> {
  const { columns, data } = file;
  const now = nowIso();
  const record: ImportRecord = {
    id: newId('imp'),
    resellerId: scope.resellerId,
    createdBy: actor.displayName,
    fileName: file.fileName,
    format: file.format,
    columns,
    sample: data.slice(0, 3).map((row) => columns.map((_, index) => row[index] ?? '')),
    rowCount: data.length,
    mapping: guessMapping(
      columns,
      found.definitions.filter((definition) => !definition.archived),
    ),
    mappingSource: 'guessed',
    status: 'uploaded',
    report: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  // A mapping remembered for these headers is used when it still has one entry per column.
  const remembered = scope.db
    .select({ mapping: importMappings.mapping })
    .from(importMappings)
    .where(scope.where(importMappings, eq(importMappings.headersKey, headersSignature(columns)), sql`json_array_length(${importMappings.mapping}) = ${columns.length}`));
  // Rows go in as JSON chunks (one parameter each), like the import itself.
  const lines = data.map((cells, index) => ({ line: index + 2, cells }));
  const rowStatements = [];
  for (let start = 0; start < lines.length; start += 500) {
    const chunk = JSON.stringify(lines.slice(start, start + 500));
    rowStatements.push(
      scope.db.insert(customerImportRows).select(
        scope.db
          .select({
            importId: sql`${record.id}`.as('import_id'),
            resellerId: sql`${scope.resellerId}`.as('reseller_id'),
            line: sql`json_extract(value, '$.line')`.as('line'),
            cells: sql`json_extract(value, '$.cells')`.as('cells'),
          })
          .from(sql`json_each(${chunk})`),
      ),
    );
  }
  const stored = readBackById(scope, customerImports, record.id);
  const results = await commitWrite(c, actor, {
    guards: [found.unchanged],
    statements: [
      scope.db.insert(customerImports).values(record),
      scope.db
        .update(customerImports)
        .set({ mapping: sql`${remembered}`, mappingSource: 'remembered' })
        .where(scope.where(customerImports, eq(customerImports.id, record.id), sql`EXISTS ${remembered}`)),
      ...rowStatements,
      stored.statement,
    ],
    audit: {
      action: 'customer_import.uploaded',
      entityType: 'customer_import',
      entityId: record.id,
      after: { fileName: record.fileName, format: record.format, rowCount: record.rowCount, columns },
    },
  });
  const row = await stored.row(results);
  rememberRows(scope, customerImports, [row]);
  return row;
}

customerImportRoutes.get(
  '/:id',
  describeRoute({
    tag: 'Customer imports',
    summary: 'Read an import: its columns, mapping, status and (once imported) its report',
    responses: { 200: oneImport },
  }),
  requirePermission('customers.read'),
  async (c) => {
    const scope = tenantScope(c.env, currentActor(c));
    const record = await requireImport(scope, c.req.param('id'));
    // Remembered as shown: choosing its mapping next is planned from it.
    rememberRows(scope, customerImports, [record]);
    return c.json({ customerImport: toOutput(record) });
  },
);

/** Choose the mapping; it is remembered for the next file with the same headers. */
customerImportRoutes.put(
  '/:id/mapping',
  describeRoute({
    tag: 'Customer imports',
    summary: 'Map the columns to customer fields',
    description:
      'One entry per column: a field (`customerNumber`, `company`, …, `customField:<id>`) or `""` to ignore it. The customer number or the e-mail must be mapped. Remembered for the next file with the same headers.',
    body: importMappingInput,
    responses: { 200: oneImport },
    errors: { 409: ['import_changed', 'import_running'] },
  }),
  requirePermission('customers.write'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const input = await readJson(c, importMappingInput);
    // Planned from the import as the wizard showed it and the custom fields as remembered, held to both by guards.
    const find = async (fresh: boolean) => {
      const [current, definitions] = await readTogether([
        rowForChange(scope, customerImports, c.req.param('id'), input.version, { fresh }),
        definitionsForWrite(scope, { fresh }),
      ] as const);
      return { current, definitions, fromMemory: current.fromMemory || definitions.fromMemory };
    };
    const next = await planFromMemory(find, async ({ current: found, definitions, fromMemory }) => {
      const current = found.row;
      if (current.version !== input.version) throw new VersionConflict('this import', toOutput(current));
      if (current.status === 'running') throw running(current);
      if (!isOpenForRun(current)) throw new ImportChanged();
      checkMapping(input.mapping, current.columns.length, definitions.definitions);
      const next: ImportRecord = { ...current, mapping: input.mapping, mappingSource: 'chosen', version: current.version + 1, updatedAt: nowIso() };
      const headersKey = headersSignature(current.columns);
      try {
        await commitWrite(c, actor, {
          guards: [found.unchanged, definitions.unchanged],
          statements: [
            scope.db
              .update(customerImports)
              .set({ mapping: next.mapping, mappingSource: 'chosen', version: next.version, updatedAt: next.updatedAt })
              .where(scope.where(customerImports, eq(customerImports.id, current.id))),
            scope.db
              .insert(importMappings)
              .values({ resellerId: scope.resellerId, headersKey, mapping: input.mapping, updatedAt: next.updatedAt })
              .onConflictDoUpdate({ target: [importMappings.resellerId, importMappings.headersKey], set: { mapping: input.mapping, updatedAt: next.updatedAt } }),
          ],
          audit: {
            action: 'customer_import.mapped',
            entityType: 'customer_import',
            entityId: current.id,
            before: { mapping: current.mapping },
            after: { mapping: input.mapping, columns: current.columns },
          },
        });
      } catch (error) {
        if (error instanceof GuardFailed && !fromMemory) throw new VersionConflict('this import', toOutput(await requireImport(scope, current.id)));
        throw error;
      }
      return next;
    });
    rememberRows(scope, customerImports, [next]);
    return c.json({ customerImport: toOutput(next) });
  },
);

const planOf = (scope: TenantScope, actor: Actor, record: ImportRecord) =>
  planOfImport(scope, record, { canCreate: actor.permissions.has('customers.create'), importVersion: record.version, actorName: actor.displayName });

/** An import not (yet) imported: its mapping can change, its dry run be looked at and it can run (again after a failure). */
const isOpenForRun = (record: ImportRecord) => record.status === 'uploaded' || record.status === 'failed';

const running = (record: ImportRecord) => new Conflict('import_running', 'This import is running; its progress is in the job tray.', { current: toOutput(record) });

/** The dry run: every row validated and classified, nothing written. */
customerImportRoutes.get(
  '/:id/dry-run',
  describeRoute({
    tag: 'Customer imports',
    summary: 'Dry run: what each row would do',
    description:
      'Every row validated with the customer schemas and classified: `create`, `update` (matched by customer number, else e-mail; empty cells keep the stored value), `unchanged`, or `refuse` with a code per field. Nothing is written. Send the `fingerprint` with the import.',
    responses: { 200: dryRunOutput },
    errors: { 409: ['import_changed', 'import_running'], 422: ['validation_failed'] },
  }),
  requirePermission('customers.write'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const record = await requireImport(scope, c.req.param('id'));
    if (record.status === 'running') throw running(record);
    if (!isOpenForRun(record)) throw new ImportChanged();
    const { planned, tagWrites: _tagWrites, definitions, unchanged, ...dryRun } = await planOf(scope, actor, record);
    rememberDryRun(scope, {
      record,
      fingerprint: dryRun.fingerprint,
      lines: dryRun.rows.map((row) => String(row.line)),
      unchanged: [...unchanged, definitionsUnchanged(scope, definitions)],
      canCreate: actor.permissions.has('customers.create'),
    });
    return c.json({ ...dryRun, rows: await withDuplicateHints(scope, dryRun.rows, planned) });
  },
);

/**
 * The import: the dry run again, which must still be the one the user confirmed (its fingerprint), then
 * the import job (`customers.import`, worker/imports/job.ts) starts, with the import marked running in
 * the same batch. The job checks the rows chunk by chunk with live progress for every staff member and
 * then writes every row in ONE batch: all land or none (a failure marks the import failed, nothing written).
 */
customerImportRoutes.post(
  '/:id/run',
  describeRoute({
    tag: 'Customer imports',
    summary: 'Import: start the job that creates and updates the customers of the dry run, all or nothing',
    description:
      "Checks that the dry run is still what it was (409 `import_changed` when a colleague changed a matched customer, or took a number or e-mail, meanwhile), then starts the import job (`customers.import`, 202) and marks the import `running`. The job, in the reseller's hub, checks the rows chunk by chunk (its progress reaches every staff member as `job.changed` events; `GET /api/v1/jobs/:id`), then writes every row in one transaction together with the job's end. If customers changed meanwhile or the write fails, the job ends `failed`, nothing is imported and the import is `failed` with `report.failure` (`import_changed` or `import_failed`); it can be looked at and run again. Cancelling the job before the write imports nothing (the import is `uploaded` again). Refused rows are skipped and listed in the report. A second run while one is open: 409 `import_running`.",
    body: importRunInput,
    responses: { 202: importStarted },
    errors: { 409: ['import_changed', 'import_running', 'version_conflict'] },
  }),
  requirePermission('customers.write'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const input = await readJson(c, importRunInput);
    // The dry run the user just looked at, as this isolate planned it: started without planning it again,
    // held to it by guards (the rows' keys find the same customers at the same versions, the next free
    // number and the custom fields are the same). When one fails the dry run is planned again, as
    // without it. Either way the job plans it once more before it writes, all or nothing.
    const remembered = rememberedDryRun(scope, actor, c.req.param('id'), input);
    if (remembered) {
      try {
        return c.json(await startImport(c, actor, scope, remembered.record, remembered, remembered.unchanged), 202);
      } catch (error) {
        if (!(error instanceof GuardFailed)) throw error;
      }
    }
    const record = await requireImport(scope, c.req.param('id'));
    if (record.version !== input.version) throw new VersionConflict('this import', toOutput(record));
    if (record.status === 'running') throw running(record);
    if (!isOpenForRun(record)) throw new ImportChanged();
    const plan = await planOf(scope, actor, record);
    if (plan.fingerprint !== input.fingerprint) throw new ImportChanged();
    try {
      return c.json(await startImport(c, actor, scope, record, { fingerprint: plan.fingerprint, lines: plan.rows.map((row) => String(row.line)) }), 202);
    } catch (error) {
      if (error instanceof GuardFailed) throw new VersionConflict('this import', toOutput(await requireImport(scope, record.id)));
      throw error;
    }
  },
);

/** The import job of `record` over its planned `lines`, with the import marked running in the job's start batch. */
async function startImport(c: WriteContext, actor: Actor, scope: TenantScope, record: ImportRecord, plan: { fingerprint: string; lines: string[] }, guards: SQL[] = []) {
  const next: ImportRecord = { ...record, status: 'running', report: null, version: record.version + 1, updatedAt: nowIso() };
  const job = await startJob(c, actor, scope, importJob, {
    params: {
      importId: record.id,
      fingerprint: plan.fingerprint,
      dryRunVersion: record.version,
      canCreate: actor.permissions.has('customers.create'),
      subject: { type: 'customer_import', id: record.id },
    },
    label: record.fileName,
    itemIds: plan.lines,
    guards,
    // In the job's start batch: the import still at the version run and not running, then marked running.
    alongside: [
      guardStatement(scope.db, sql`(SELECT version FROM customer_imports WHERE id = ${record.id} AND status IN ('uploaded', 'failed')) = ${record.version}`),
      scope.db
        .update(customerImports)
        .set({ status: 'running', report: null, version: next.version, updatedAt: next.updatedAt })
        .where(scope.where(customerImports, eq(customerImports.id, record.id))),
    ],
  });
  return { job, customerImport: toOutput(next) };
}

/** A dry run as this isolate planned it: what starting its import needs, and what it was planned on. */
interface PlannedDryRun {
  record: ImportRecord;
  fingerprint: string;
  lines: string[];
  /** Guards that hold a start to what it was planned on. */
  unchanged: SQL[];
  /** Whether it was planned for someone who may create customers (new rows are refused otherwise). */
  canCreate: boolean;
}

const dryRuns = new IsolateMemory<PlannedDryRun>(200, 30 * 60_000);
const dryRunKey = (scope: TenantScope, importId: string) => `${scope.resellerId}/${importId}`;
const rememberDryRun = (scope: TenantScope, dryRun: PlannedDryRun) => dryRuns.set(dryRunKey(scope, dryRun.record.id), dryRun);

/** The remembered dry run the run names (the import's version and the fingerprint shown), if any. */
function rememberedDryRun(scope: TenantScope, actor: Actor, importId: string, input: { version: number; fingerprint: string }) {
  const kept = dryRuns.get(dryRunKey(scope, importId));
  const same = kept && kept.record.version === input.version && kept.fingerprint === input.fingerprint && kept.canCreate === actor.permissions.has('customers.create');
  return same && isOpenForRun(kept.record) ? kept : undefined;
}

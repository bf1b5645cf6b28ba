import type { Context } from 'hono';
import type { AuditAction } from '../../schema/auditActions';
import { type CsvSeparator, defaultSeparator, type ExportFormat, XLS_MAX_DATA_ROWS } from '../../schema/exports';
import { newId } from '../db';
import type { Actor, AppEnv } from '../env';
import { AppError } from '../errors';
import { commitWrite } from '../write';
import { csvStream } from './csv';
import type { ExportTable } from './table';
import { XlsTooManyRows, xlsFile } from './xls';
import { xlsxStream } from './xlsx';

const contentTypes: Record<ExportFormat, string> = {
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export class XlsRowLimit extends AppError {
  constructor(rows: number) {
    super(422, 'xls_too_many_rows', `${rows} rows do not fit into an .xls file (at most ${XLS_MAX_DATA_ROWS}). Export as .xlsx or .csv instead.`, {
      fields: { format: 'xls_too_many_rows' },
    });
  }
}

/**
 * RFC 6266: an ASCII `filename` for old clients and the exact name as UTF-8 in `filename*`. Quotes,
 * backslashes, control characters and path separators never reach the header.
 */
export function contentDisposition(fileName: string): string {
  const clean = fileName.replace(/[\u0000-\u001f\u007f"\\/]/g, '_');
  const ascii = clean
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\u0020-\u007e]/g, '_');
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

async function fileBody(format: ExportFormat, table: ExportTable, separator: CsvSeparator): Promise<ReadableStream<Uint8Array>> {
  if (format === 'csv') return csvStream(table, separator);
  if (format === 'xlsx') return xlsxStream(table);
  let chunks: Uint8Array[];
  try {
    chunks = await xlsFile(table);
  } catch (error) {
    // More rows arrived between the count and the read: the same answer as when the count says so.
    if (error instanceof XlsTooManyRows) throw new XlsRowLimit(XLS_MAX_DATA_ROWS + 1);
    throw error;
  }
  return new ReadableStream({
    pull(controller) {
      const chunk = chunks.shift();
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
}

export interface ExportRequest {
  format: ExportFormat;
  separator?: CsvSeparator;
  /** Rows the export will hold (checked against the .xls limit) and recorded in the audit row. */
  rows: number;
  /** File name without extension, e.g. "Customers". */
  baseName: string;
  /** The audit action, e.g. "customers.exported"; the options and filters go into its details. */
  auditAction: AuditAction;
  auditDetails: Record<string, unknown>;
}

/**
 * The one way an export leaves the Worker: the .xls row limit (422 instead of a broken file), the
 * audit row through the write path, then the file as a stream with a safe Content-Disposition.
 */
export async function exportResponse(c: Context<AppEnv>, actor: Actor, table: ExportTable, request: ExportRequest): Promise<Response> {
  if (request.format === 'xls' && request.rows > XLS_MAX_DATA_ROWS) throw new XlsRowLimit(request.rows);
  const separator = request.separator ?? defaultSeparator(table.locale);
  const body = await fileBody(request.format, table, separator);
  const fileName = `${request.baseName}.${request.format}`;
  await commitWrite(c, actor, {
    statements: [],
    audit: {
      action: request.auditAction,
      entityType: 'export',
      entityId: newId('exp'),
      after: { fileName, format: request.format, rows: request.rows, language: table.locale, ...(request.format === 'csv' ? { separator } : {}), ...request.auditDetails },
    },
  });
  return c.body(body, 200, { 'Content-Type': contentTypes[request.format], 'Content-Disposition': contentDisposition(fileName) });
}

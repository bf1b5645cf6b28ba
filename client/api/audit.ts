import type * as v from 'valibot';
import type { AuditEntry, AuditFilters } from '../../schema/audit';
import type { auditExportQuery } from '../../schema/exports';
import { apiPath, type DownloadedFile, download, type PagedQuery, pagedQuery, withQuery } from './http';

export type AuditExportOptions = v.InferInput<typeof auditExportQuery>;

/** The activity log, newest first, filtered by who, what, which customer and when. */
export const listAudit = (filters: AuditFilters): PagedQuery<AuditEntry> => pagedQuery(apiPath('audit'), filters);

/** The activity log as a spreadsheet: all of it, or the page's filters. */
export const exportAudit = (options: AuditExportOptions, fallbackName: string): Promise<DownloadedFile> => download(withQuery(apiPath('audit', 'export'), options), fallbackName);

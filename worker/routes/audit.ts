import { Hono } from 'hono';
import { type AuditEntry, auditEntry, auditQuery } from '../../schema/audit';
import { auditExportQuery } from '../../schema/exports';
import { auditLog } from '../../schema/tables';
import { auditTable } from '../audit/exportTable';
import { auditPage, auditPages, auditUpperBound, countAuditEntries } from '../audit/list';
import { currentActor, requirePermission } from '../auth/guards';
import { tenantScope } from '../db';
import type { AppEnv } from '../env';
import { labels } from '../export/labels';
import { exportResponse } from '../export/respond';
import { describeList, describeRoute } from '../openapi/describeRoute';
import { spreadsheet } from '../openapi/operation';
import { decodeCursor, type Keyset, pageFrom } from '../pagination';
import { readQuery } from '../validate';

export const auditRoutes = new Hono<AppEnv>();

/** Newest first by id; `auditPage` reads below the cursor's id. */
const newestFirst: Keyset<AuditEntry> = { keys: [{ by: auditLog.id, kind: 'number', of: (entry) => entry.id, descending: true }] };

auditRoutes.get(
  '/',
  describeList({ tag: 'Activity', summary: 'Page through the activity log, newest first', query: auditQuery, item: auditEntry }),
  requirePermission('audit.read'),
  async (c) => {
    const scope = tenantScope(c.env, currentActor(c));
    const query = readQuery(c, auditQuery);
    const before = decodeCursor(query.cursor, ['number']) as [number] | undefined;
    return c.json(pageFrom(await auditPage(scope, query, before?.[0], query.limit + 1), query.limit, newestFirst, (entry) => entry));
  },
);

/** The activity log as .xls/.xlsx/.csv; `scope=view` keeps the page's filters. */
auditRoutes.get(
  '/export',
  describeRoute({
    tag: 'Activity',
    summary: 'Export the activity log as .xls, .xlsx or .csv',
    query: auditExportQuery,
    responses: { 200: spreadsheet },
    errors: { 422: ['xls_too_many_rows'] },
  }),
  requirePermission('audit.read'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const { format, scope: range, separator, lang, ...view } = readQuery(c, auditExportQuery);
    const filters = range === 'all' ? {} : view;
    const locale = lang ?? actor.locale;
    // Taken before the export's own audit row is written, so the file never lists itself.
    const before = await auditUpperBound(scope);
    const table = auditTable({ t: labels(locale), locale, currency: actor.reseller.currency, pages: auditPages(scope, filters, before) });
    return exportResponse(c, actor, table, {
      format,
      separator,
      rows: await countAuditEntries(scope, filters, before),
      baseName: labels(locale)('export.fileName.activity'),
      auditAction: 'audit.exported',
      auditDetails: { scope: range, filters },
    });
  },
);

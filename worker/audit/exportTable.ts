import type { AuditEntry } from '../../schema/audit';
import { auditEntityName } from '../../schema/audit';
import type { Locale } from '../../schema/common';
import type { Labels } from '../export/labels';
import { type ExportTable, type SourceColumn, tableOf } from '../export/table';

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** The Activity page's columns, plus the raw codes and the before/after snapshots for whoever audits further. */
function auditColumns(t: Labels): SourceColumn<AuditEntry>[] {
  const translated = (prefix: string, code: string) => {
    const label = t(`${prefix}.${code}`);
    return label === `${prefix}.${code}` ? code : label;
  };
  return [
    { header: t('export.columns.entryId'), kind: 'integer', value: (entry) => entry.id },
    { header: `${t('activity.columns.time')} (UTC)`, kind: 'datetime', value: (entry) => entry.createdAt },
    { header: t('activity.columns.who'), kind: 'text', value: (entry) => entry.actorLabel },
    { header: t('activity.columns.action'), kind: 'text', value: (entry) => translated('activity.actions', entry.action) },
    { header: t('export.columns.actionCode'), kind: 'text', value: (entry) => entry.action },
    { header: t('export.columns.entityType'), kind: 'text', value: (entry) => translated('activity.entityTypes', entry.entityType) },
    { header: t('activity.columns.what'), kind: 'text', value: (entry) => auditEntityName(entry) },
    { header: t('export.columns.entityId'), kind: 'text', value: (entry) => entry.entityId },
    { header: t('export.columns.customerId'), kind: 'text', value: (entry) => entry.customerId },
    { header: t('export.columns.before'), kind: 'text', value: (entry) => json(entry.before) },
    { header: t('export.columns.after'), kind: 'text', value: (entry) => json(entry.after) },
  ];
}

export function auditTable(options: { t: Labels; locale: Locale; currency: string; pages: AsyncIterable<AuditEntry[]> }): ExportTable {
  const meta = { sheetName: options.t('export.sheet.activity'), currency: options.currency, locale: options.locale };
  return tableOf(meta, auditColumns(options.t), options.pages);
}

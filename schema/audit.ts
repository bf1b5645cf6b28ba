import * as v from 'valibot';
import { pageQueryEntries } from './common';

/** One row of the activity log as the API returns it. */
export const auditEntry = v.object({
  id: v.number(),
  createdAt: v.string(),
  actorUserId: v.nullable(v.string()),
  actorLabel: v.string(),
  action: v.string(),
  entityType: v.string(),
  entityId: v.string(),
  customerId: v.nullable(v.string()),
  before: v.unknown(),
  after: v.unknown(),
});
export type AuditEntry = v.InferOutput<typeof auditEntry>;

const day = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date'),
  v.check((text) => !Number.isNaN(Date.parse(text)), 'invalid_date'),
);

/** Filters of the Activity page; dates are whole UTC days, `to` included. */
export const auditQuery = v.object({
  actor: v.optional(v.pipe(v.string(), v.maxLength(60))),
  customer: v.optional(v.pipe(v.string(), v.maxLength(60))),
  action: v.optional(v.pipe(v.string(), v.maxLength(60))),
  from: v.optional(day),
  to: v.optional(day),
  ...pageQueryEntries,
});
export type AuditFilters = Pick<v.InferOutput<typeof auditQuery>, 'actor' | 'customer' | 'action' | 'from' | 'to'>;

type Snapshot = Record<string, unknown>;
export const asSnapshot = (value: unknown): Snapshot | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Snapshot) : undefined);

/** A readable name from the audit snapshot (customer, staff, tag, field, reseller), else the raw id. */
export function auditEntityName(entry: Pick<AuditEntry, 'before' | 'after' | 'entityId'>): string {
  for (const snapshot of [asSnapshot(entry.after), asSnapshot(entry.before)]) {
    if (!snapshot) continue;
    const person = [snapshot.contactFirstName, snapshot.contactLastName].filter((part) => typeof part === 'string' && part).join(' ');
    for (const value of [snapshot.displayName, snapshot.company, person, snapshot.name, snapshot.label, snapshot.fileName]) {
      if (typeof value === 'string' && value) {
        return typeof snapshot.customerNumber === 'string' ? `${value} (${snapshot.customerNumber})` : value;
      }
    }
  }
  return entry.entityId;
}

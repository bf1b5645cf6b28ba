import { count, desc, eq, gte, lt, max, type SQL } from 'drizzle-orm';
import type { AuditEntry, AuditFilters } from '../../schema/audit';
import { auditLog } from '../../schema/tables';
import type { TenantScope } from '../db';

function nextDay(day: string): string {
  return new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
}

/** The Activity page's filters as conditions, shared by its list and its export. */
function auditFilters(query: AuditFilters): (SQL | undefined)[] {
  return [
    query.actor ? eq(auditLog.actorUserId, query.actor) : undefined,
    query.customer ? eq(auditLog.customerId, query.customer) : undefined,
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.from ? gte(auditLog.createdAt, query.from) : undefined,
    query.to ? lt(auditLog.createdAt, nextDay(query.to)) : undefined,
  ];
}

/** Newest first, strictly below `before` (the keyset), `limit` rows. */
export async function auditPage(scope: TenantScope, query: AuditFilters, before: number | undefined, limit: number): Promise<AuditEntry[]> {
  const rows = await scope.db
    .select()
    .from(auditLog)
    .where(scope.where(auditLog, before ? lt(auditLog.id, before) : undefined, ...auditFilters(query)))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
  return rows.map(({ resellerId: _resellerId, ...entry }) => entry);
}

export async function countAuditEntries(scope: TenantScope, query: AuditFilters, before: number): Promise<number> {
  const row = await scope.db
    .select({ total: count() })
    .from(auditLog)
    .where(scope.where(auditLog, lt(auditLog.id, before), ...auditFilters(query)))
    .get();
  return row?.total ?? 0;
}

/** The keyset bound just above today's newest entry, so an export stops where the log stood when it began. */
export async function auditUpperBound(scope: TenantScope): Promise<number> {
  const row = await scope.db
    .select({ newest: max(auditLog.id) })
    .from(auditLog)
    .where(scope.where(auditLog))
    .get();
  return (row?.newest ?? 0) + 1;
}

/** Every matching entry below `before`, newest first, one keyset page at a time (exports). */
export async function* auditPages(scope: TenantScope, query: AuditFilters, before: number, pageSize = 1000): AsyncGenerator<AuditEntry[]> {
  for (let bound = before; ; ) {
    const page = await auditPage(scope, query, bound, pageSize);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    bound = page.at(-1)!.id;
  }
}

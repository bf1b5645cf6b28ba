import { desc, eq, gte, lt } from 'drizzle-orm';
import { Hono } from 'hono';
import { auditQuery, type AuditEntry } from '../../schema/audit';
import { auditLog } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { tenantScope } from '../db';
import type { AppEnv } from '../env';
import { decodeCursor, encodeCursor } from '../pagination';
import { readQuery } from '../validate';

export const auditRoutes = new Hono<AppEnv>();

function nextDay(day: string): string {
  return new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
}

auditRoutes.get('/', requirePermission('audit.read'), async (c) => {
  const scope = tenantScope(c.env, currentActor(c));
  const query = readQuery(c, auditQuery);
  const before = decodeCursor(query.cursor, ['number']) as [number] | undefined;
  const rows = await scope.db
    .select()
    .from(auditLog)
    .where(
      scope.where(
        auditLog,
        before ? lt(auditLog.id, before[0]) : undefined,
        query.actor ? eq(auditLog.actorUserId, query.actor) : undefined,
        query.customer ? eq(auditLog.customerId, query.customer) : undefined,
        query.action ? eq(auditLog.action, query.action) : undefined,
        query.from ? gte(auditLog.createdAt, query.from) : undefined,
        query.to ? lt(auditLog.createdAt, nextDay(query.to)) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1)
    .all();
  const page: AuditEntry[] = rows.slice(0, query.limit).map(({ resellerId: _resellerId, ...entry }) => entry);
  const last = page.at(-1);
  return c.json({ items: page, nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null });
});

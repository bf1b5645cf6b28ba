import { desc, lt } from 'drizzle-orm';
import { Hono } from 'hono';
import { pageQuerySchema } from '../../schema/common';
import type { AuditEntry } from '../../schema/audit';
import { auditLog } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { tenantScope } from '../db';
import type { AppEnv } from '../env';
import { decodeCursor, encodeCursor } from '../pagination';
import { readQuery } from '../validate';

export const auditRoutes = new Hono<AppEnv>();

auditRoutes.get('/', requirePermission('audit.read'), async (c) => {
  const scope = tenantScope(c.env, currentActor(c));
  const { limit, cursor } = readQuery(c, pageQuerySchema);
  const before = decodeCursor(cursor, ['number']) as [number] | undefined;
  const rows = await scope.db
    .select()
    .from(auditLog)
    .where(scope.where(auditLog, before ? lt(auditLog.id, before[0]) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1)
    .all();
  const page: AuditEntry[] = rows.slice(0, limit).map(({ resellerId: _resellerId, ...entry }) => entry);
  const last = page.at(-1);
  return c.json({ items: page, nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null });
});

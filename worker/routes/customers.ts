import { and, asc, count, eq, gt, or, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { pageQuerySchema } from '../../schema/common';
import type { Customer } from '../../schema/customers';
import { customers } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { tenantScope } from '../db';
import type { AppEnv } from '../env';
import { NotFound } from '../errors';
import { decodeCursor, encodeCursor } from '../pagination';
import { readQuery } from '../validate';

export const customerRoutes = new Hono<AppEnv>();

function toCustomer(row: typeof customers.$inferSelect): Customer {
  const { resellerId: _resellerId, ...customer } = row;
  return customer;
}

customerRoutes.get('/', requirePermission('customers.read'), async (c) => {
  const scope = tenantScope(c.env, currentActor(c));
  const { limit, cursor } = readQuery(c, pageQuerySchema);
  const after = decodeCursor(cursor, ['string', 'string']) as [string, string] | undefined;
  const afterCondition: SQL | undefined = after
    ? or(gt(customers.customerNumber, after[0]), and(eq(customers.customerNumber, after[0]), gt(customers.id, after[1])))
    : undefined;
  const [rows, [{ total }]] = await scope.db.batch([
    scope.db
      .select()
      .from(customers)
      .where(scope.where(customers, afterCondition))
      .orderBy(asc(customers.customerNumber), asc(customers.id))
      .limit(limit + 1),
    scope.db.select({ total: count() }).from(customers).where(scope.where(customers)),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor([last.customerNumber, last.id]) : null;
  return c.json({ items: page.map(toCustomer), nextCursor, total });
});

customerRoutes.get('/:id', requirePermission('customers.read'), async (c) => {
  const scope = tenantScope(c.env, currentActor(c));
  const row = await scope.db.select().from(customers).where(scope.where(customers, eq(customers.id, c.req.param('id')))).get();
  if (!row) throw new NotFound();
  return c.json({ customer: toCustomer(row) });
});

import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AuditAction } from '../../schema/auditActions';
import type { FieldErrors } from '../../schema/errorCodes';
import { orderExportQuery } from '../../schema/exports';
import { nextOrderStatuses, type OrderStatusSetting, orderStatusName } from '../../schema/orderStatuses';
import {
  customerOrdersPageQuery,
  type customerOrdersQuery,
  type Order,
  type OrderLine,
  orderCreateInput,
  orderDetailOutput,
  orderLineOutput,
  orderOutput,
  type orderSortFields,
  orderStatusInput,
} from '../../schema/orders';
import { assets, auditLog, orderLines, orders, products, subscriptions } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { assertNotArchived, presentAndNotArchived, whyGuardFailed } from '../customers/archive';
import { assertComplete } from '../customers/completeness';
import { customerForChange } from '../customers/customerMemory';
import { customerChangedEvent, refreshTotalsOf, requireOwnCustomer, requireOwned } from '../customers/holdings';
import { newId, nowIso, type TenantScope, tenantScope } from '../db';
import type { AppEnv } from '../env';
import { Conflict, Invalid, VersionConflict } from '../errors';
import { labels } from '../export/labels';
import { exportResponse } from '../export/respond';
import { tableOf } from '../export/table';
import { describeList, describeRoute } from '../openapi/describeRoute';
import { spreadsheet } from '../openapi/operation';
import { everyPage, type SortKey, sortKey, tableList } from '../pagination';
import { readTogether } from '../readTogether';
import { planFromMemory, rememberRows, rowForChange, rowsForChange } from '../rowMemory';
import { readJson, readQuery } from '../validate';
import { type AuditActor, commitWrite, GuardFailed, liveEvent, readBackById } from '../write';
import { orderStatusSettingsOf, statusSettingsForWrite } from './orderStatuses';

/** Orders of one customer: `/api/v1/customers/:customerId/orders`. */
export const customerOrderRoutes = new Hono<AppEnv>();
/** One order: `/api/v1/orders/:id`. */
export const orderRoutes = new Hono<AppEnv>();

type OrderRow = typeof orders.$inferSelect;
const toOrder = ({ resellerId: _r, createdAt: _c, updatedAt: _u, ...order }: OrderRow): Order => order;

type OrderSortField = (typeof orderSortFields)[number];
type OrderListParams = v.InferOutput<typeof customerOrdersQuery> & { customerId: string };

const sortKeys: Record<OrderSortField, (descending: boolean) => SortKey<OrderRow>> = {
  orderNumber: (descending) => sortKey(orders.orderNumber, 'orderNumber', descending),
  status: (descending) => sortKey(orders.status, 'status', descending),
  orderDate: (descending) => sortKey(orders.orderDate, 'orderDate', descending),
  // Not yet fulfilled sorts as the empty date (first ascending), as SQLite sorts NULL, and stays comparable in the cursor.
  fulfilledAt: (descending) => ({ by: sql`coalesce(${orders.fulfilledAt}, '')`, kind: 'string', of: (row) => row.fulfilledAt ?? '', descending }),
  totalCents: (descending) => sortKey(orders.totalCents, 'totalCents', descending),
};

/**
 * The customer's orders as the Orders tab shows them: a search over number and products, one sort,
 * then the order number (unique per reseller, newest first) so equal values never tie.
 */
export const customerOrderList = tableList<OrderListParams, OrderRow, Order>({
  table: orders,
  where: (params) => [
    eq(orders.customerId, params.customerId),
    // A customer has tens of orders, not thousands: a LIKE over number and line names is enough here.
    params.q
      ? or(
          sql`CAST(${orders.orderNumber} AS TEXT) LIKE ${`${params.q}%`}`,
          sql`EXISTS (SELECT 1 FROM order_lines WHERE order_lines.order_id = ${orders.id} AND (order_lines.name LIKE ${`%${params.q}%`} OR order_lines.sku LIKE ${`${params.q}%`}))`,
        )
      : undefined,
  ],
  order: (params) => ({
    label: [params.sort, params.dir],
    keys: params.sort === 'orderNumber' ? [sortKeys.orderNumber(params.dir === 'desc')] : [sortKeys[params.sort](params.dir === 'desc'), sortKeys.orderNumber(true)],
  }),
  item: toOrder,
  // Moved to another status from this tab: planned without reading the order again.
  seen: (scope, rows) => rememberRows(scope, orders, rows),
});

customerOrderRoutes.get(
  '/:customerId/orders',
  describeList({
    tag: 'Orders',
    summary: "Search, sort and page a customer's orders",
    description: '`q` matches the start of the order number, part of a product name or the start of a SKU. A cursor holds its sort: with another `sort` or `dir` it is refused.',
    query: customerOrdersPageQuery,
    item: orderOutput,
  }),
  requirePermission('customers.read'),
  async (c) => {
    const scope = tenantScope(c.env, currentActor(c));
    const customerId = c.req.param('customerId');
    // As the other tabs: the customer check and the page at once, a 404 first.
    const [, page] = await readTogether([
      requireOwnCustomer(scope, customerId),
      (async () => customerOrderList.read(scope, { ...readQuery(c, customerOrdersPageQuery), customerId }))(),
    ]);
    return c.json(page);
  },
);

// The Orders tab exports what it shows (order number, status, order date, fulfilment date, total).
customerOrderRoutes.get(
  '/:customerId/orders/export',
  describeRoute({
    tag: 'Orders',
    summary: "Export a customer's orders as .xls, .xlsx or .csv",
    description: 'The columns: order number, status, catalog, order date, fulfilment date, total. `scope=view` keeps the search.',
    query: orderExportQuery,
    responses: { 200: spreadsheet },
  }),
  requirePermission('customers.export'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const customer = await requireOwnCustomer(scope, c.req.param('customerId'));
    const { format, separator, lang, scope: range, ...view } = readQuery(c, orderExportQuery);
    const params: OrderListParams = { ...(range === 'all' ? { ...view, q: '' } : view), customerId: customer.id };
    const locale = lang ?? actor.locale;
    const t = labels(locale);
    const { statuses } = await orderStatusSettingsOf(c.env, actor.resellerId);
    const table = tableOf<Order>(
      { sheetName: t('export.sheet.orders'), currency: actor.reseller.currency, locale },
      [
        { header: t('orders.columns.orderNumber'), kind: 'integer', value: (order) => order.orderNumber },
        { header: t('orders.columns.status'), kind: 'text', value: (order) => orderStatusName(statuses, order.status, t) },
        { header: t('orders.columns.catalog'), kind: 'text', value: (order) => t(`orders.catalogs.${order.catalog}`) },
        { header: t('orders.columns.orderDate'), kind: 'datetime', value: (order) => order.orderDate },
        { header: t('orders.columns.fulfilledAt'), kind: 'datetime', value: (order) => order.fulfilledAt },
        { header: t('orders.columns.total'), kind: 'money', value: (order) => order.totalCents / 100 },
      ],
      everyPage((cursor) => customerOrderList.read(scope, { ...params, limit: 1000, cursor })),
    );
    return exportResponse(c, actor, table, {
      format,
      separator,
      rows: await customerOrderList.count(scope, params),
      baseName: `${t('export.sheet.orders')} ${customer.customerNumber}`,
      auditAction: 'orders.exported',
      auditDetails: { customerId: customer.id, scope: range },
    });
  },
);

customerOrderRoutes.post(
  '/:customerId/orders',
  describeRoute({
    tag: 'Orders',
    summary: 'Place an order',
    description:
      'Prices come from the catalog; every line must name a product of the order’s catalog. An archived customer takes no new orders (409 `customer_archived`), nor does an incomplete one until its name, e-mail and billing address are there (409 `customer_incomplete`, the missing fields in `reasons`).',
    body: orderCreateInput,
    responses: { 201: v.object({ order: orderOutput, lines: v.array(orderLineOutput) }) },
    errors: { 409: ['customer_archived', 'customer_incomplete'] },
  }),
  requirePermission('orders.write'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const customerId = c.req.param('customerId');
    const body = readJson(c, orderCreateInput);
    // The customer and the order's products as this isolate remembers them (the customer's page and the
    // catalog the dialog lists), held to the batch by guards; else read together, an unknown customer
    // still the first answer (404).
    const find = async (fresh: boolean) => {
      const [found, { input, named }] = await readTogether([
        customerForChange(scope, customerId, undefined, { fresh }),
        body.then(async (input) => ({ input, named: await rowsForChange(scope, products, [...new Set(input.lines.map((line) => line.productId))], { fresh }) })),
      ]);
      return { ...found, input, named, fromMemory: found.fromMemory || named.fromMemory };
    };
    const place = async ({ current: customer, unchanged, input, named, fromMemory }: Awaited<ReturnType<typeof find>>) => {
      // An archived customer keeps its orders but takes no new ones until restored; an incomplete one until completed.
      assertNotArchived(customer);
      assertComplete(customer);
      const byId = new Map(named.rows.map((product) => [product.id, product]));
      const fields: FieldErrors = {};
      input.lines.forEach((line, index) => {
        const product = byId.get(line.productId);
        // Another reseller's product is simply unknown here.
        if (!product || product.archived) fields[`lines.${index}.productId`] = 'unknown_product';
        else if (product.catalog !== input.catalog) fields[`lines.${index}.productId`] = 'wrong_catalog';
      });
      if (Object.keys(fields).length > 0) throw new Invalid(fields);

      const id = newId('ord');
      const lines: OrderLine[] = input.lines.map((line) => {
        const product = byId.get(line.productId)!;
        return {
          id: newId('orl'),
          productId: product.id,
          sku: product.sku,
          name: product.name,
          billing: product.billing,
          quantity: line.quantity,
          unitPriceCents: product.priceCents,
          totalCents: product.priceCents * line.quantity,
        };
      });
      const totalCents = lines.reduce((sum, line) => sum + line.totalCents, 0);
      const orderDate = nowIso();
      const created = readBackById(scope, orders, id);
      let results: unknown[];
      try {
        results = await commitWrite(c, actor, {
          // A delete of the customer that commits first leaves the order nothing to hang on: 404, not a foreign key
          // error; an archive that commits first: 409. Planned from memory, the customer and products as remembered.
          guards: [presentAndNotArchived(customer.id), ...(fromMemory ? [unchanged, ...named.unchanged] : [])],
          statements: [
            scope.db.insert(orders).values({
              id,
              resellerId: actor.resellerId,
              customerId: customer.id,
              // Drawn inside the insert, which D1 runs serialized with other batches: no two orders share a number.
              orderNumber: sql`(SELECT coalesce(max(order_number), 100000) + 1 FROM orders WHERE reseller_id = ${actor.resellerId})`,
              catalog: input.catalog,
              orderDate,
              totalCents,
              currency: named.rows[0]?.currency ?? 'EUR',
              createdBy: actor.displayName,
            }),
            scope.db.insert(orderLines).values(lines.map((line) => ({ ...line, resellerId: actor.resellerId, orderId: id }))),
            created.statement,
          ],
          audit: { action: 'order.created', entityType: 'order', entityId: id, customerId: customer.id, after: { catalog: input.catalog, lines, totalCents } },
          events: async () => [liveEvent('order.changed', actor, { id }, { customerId: customer.id })],
        });
      } catch (error) {
        throw error instanceof GuardFailed && !fromMemory ? await whyGuardFailed(scope, customer.id) : error;
      }
      return { results, created, lines };
    };
    // Read back after planFromMemory: nothing that follows the commit may send the order round again.
    const { results, created, lines } = await planFromMemory(find, place);
    const stored = await created.row(results);
    rememberRows(scope, orders, [stored]);
    return c.json({ order: toOrder(stored), lines }, 201);
  },
);

async function loadOrder(scope: TenantScope, id: string): Promise<Order> {
  const row = await requireOwned(scope, orders, id);
  rememberRows(scope, orders, [row]);
  return toOrder(row);
}

orderRoutes.get(
  '/:id',
  describeRoute({
    tag: 'Orders',
    summary: 'Read an order with its lines and history',
    responses: { 200: orderDetailOutput },
  }),
  requirePermission('customers.read'),
  async (c) => {
    const scope = tenantScope(c.env, currentActor(c));
    const id = c.req.param('id');
    // All three at once, each scoped to the reseller: another reseller's order is a 404 and shows nothing.
    const [order, lines, history] = await readTogether([
      loadOrder(scope, id),
      scope.db
        .select()
        .from(orderLines)
        .where(scope.where(orderLines, eq(orderLines.orderId, id)))
        .all(),
      scope.db
        .select({ action: auditLog.action, actor: auditLog.actorLabel, at: auditLog.createdAt, after: auditLog.after })
        .from(auditLog)
        .where(scope.where(auditLog, and(eq(auditLog.entityType, 'order'), eq(auditLog.entityId, id))))
        .orderBy(asc(auditLog.id))
        .all(),
    ]);
    return c.json({ order, lines: lines.map(({ resellerId: _r, orderId: _o, ...line }) => line), history });
  },
);

/** The audit action says what happened in the product's words, whatever the reseller calls the status. */
const orderStatusAction = (target: OrderStatusSetting): AuditAction => (target.kind === 'open' ? 'order.status_changed' : `order.${target.kind}`);

/**
 * Fulfilment makes what the order implies, in SQL from its lines and their products (so nothing is read
 * first): a subscription for each recurring line (its id taken from the line's, so its licence can name
 * it), and a licence for each one-off line or product that creates one.
 */
function fulfilmentStatements(scope: TenantScope, order: Pick<Order, 'id' | 'customerId'>): BatchItem<'sqlite'>[] {
  const lines = sql`FROM order_lines l JOIN products p ON p.id = l.product_id WHERE l.order_id = ${order.id} AND l.reseller_id = ${scope.resellerId}`;
  const subscriptionOf = sql`'sub_' || substr(l.id, 5)`;
  const stamp = sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
  // Every column in the table's order (an insert from a select names them all).
  return [
    scope.db.insert(subscriptions).select(
      sql`SELECT ${subscriptionOf}, l.reseller_id, ${order.customerId}, l.order_id, l.product_id, l.name, l.billing, l.quantity, l.unit_price_cents,
        CASE l.billing WHEN 'monthly' THEN 'P1M' ELSE 'P1Y' END,
        date('now', CASE l.billing WHEN 'monthly' THEN '+1 month' ELSE '+1 year' END),
        'active', p.service_name, 1, ${stamp}, ${stamp}
      ${lines} AND l.billing <> 'one_off'`,
    ),
    // Licence keys: 20 random characters in four groups of five.
    scope.db.insert(assets).select(
      sql`SELECT 'ast_' || lower(hex(randomblob(16))), reseller_id, customer_id, order_id, subscription_id, name, quantity, 0,
        substr(k, 1, 5) || '-' || substr(k, 6, 5) || '-' || substr(k, 11, 5) || '-' || substr(k, 16, 5), 'active', 1, ${stamp}, ${stamp}
      FROM (SELECT l.reseller_id, ${order.customerId} AS customer_id, l.order_id, CASE WHEN l.billing = 'one_off' THEN NULL ELSE ${subscriptionOf} END AS subscription_id,
          l.name, l.quantity, upper(hex(randomblob(10))) AS k
        ${lines} AND (p.creates_licence = 1 OR l.billing = 'one_off'))`,
    ),
  ];
}

orderRoutes.post(
  '/:id/status',
  describeRoute({
    tag: 'Orders',
    summary: 'Move an order to another status of the reseller’s workflow',
    description: 'Allowed targets: a later open status, or any fulfilled/cancelled status of `GET /api/v1/order-statuses`. A fulfilled one creates the subscriptions and licences.',
    body: orderStatusInput,
    responses: { 200: v.object({ order: orderOutput }) },
    errors: { 409: ['invalid_transition'] },
  }),
  requirePermission('orders.write'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const input = await readJson(c, orderStatusInput);
    const id = c.req.param('id');
    // From the Orders tab the order and the statuses are remembered: the batch alone. Fulfilment works
    // from the lines in SQL, so they are not read first.
    const find = async (fresh: boolean) => {
      const [order, statuses] = await readTogether([rowForChange(scope, orders, id, input.version, { fresh }), statusSettingsForWrite(c.env, actor.resellerId, { fresh })]);
      return { order, statuses, fromMemory: order.fromMemory || statuses.fromMemory };
    };
    const move = async ({ order, statuses: held, fromMemory }: Awaited<ReturnType<typeof find>>): Promise<Order> => {
      const current = toOrder(order.row);
      const { statuses } = held.settings;
      if (current.version !== input.version) throw new VersionConflict('this order', current);
      const target = nextOrderStatuses(statuses, current.status).find((status) => status.code === input.status);
      if (!target) {
        const known = statuses.some((status) => status.code === input.status && !status.archived);
        if (!known) throw new Invalid({ status: 'unknown_status' });
        throw new Conflict('invalid_transition', `An order that is ${current.status} cannot become ${input.status}.`, { fields: { status: 'invalid_transition' } });
      }
      const now = nowIso();
      const fulfilled = target.kind === 'fulfilled';
      const next: Order = { ...current, status: target.code, fulfilledAt: fulfilled ? now : current.fulfilledAt, version: current.version + 1 };
      const extra = fulfilled ? [...fulfilmentStatements(scope, current), refreshTotalsOf(scope, current.customerId)] : [];
      try {
        await commitWrite(c, actor, {
          guards: [order.unchanged, ...(held.fromMemory ? [held.unchanged] : [])],
          statements: [
            scope.db
              .update(orders)
              .set({ status: next.status, fulfilledAt: next.fulfilledAt, version: next.version, updatedAt: now })
              .where(scope.where(orders, eq(orders.id, current.id))),
            ...extra,
          ],
          audit: {
            action: orderStatusAction(target),
            entityType: 'order',
            entityId: current.id,
            customerId: current.customerId,
            before: { status: current.status },
            after: { status: next.status },
          },
          events: async () => [liveEvent('order.changed', actor, next, next), ...(fulfilled ? await customerChangedEvent(scope, actor as AuditActor, current.customerId)() : [])],
        });
      } catch (error) {
        if (error instanceof GuardFailed && !fromMemory) throw new VersionConflict('this order', await loadOrder(scope, current.id));
        throw error;
      }
      const stored: OrderRow = { ...order.row, status: next.status, fulfilledAt: next.fulfilledAt, version: next.version, updatedAt: now };
      rememberRows(scope, orders, [stored]);
      return next;
    };
    const next = await planFromMemory(find, move);
    return c.json({ order: next });
  },
);

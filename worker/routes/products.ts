import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { type Product, productInput, productListPageQuery, type productListQuery, productOutput, productUpdateInput } from '../../schema/orders';
import { products, resellers } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { requireOwned } from '../customers/holdings';
import { newId, nowIso, tenantScope } from '../db';
import type { AppEnv } from '../env';
import { AppError, Conflict, VersionConflict } from '../errors';
import { describeList, describeRoute } from '../openapi/describeRoute';
import { pageHandler, sortKey, tableList } from '../pagination';
import { changeRow, rememberRows } from '../rowMemory';
import { readJson } from '../validate';
import { commitWrite, GuardFailed, liveEvent } from '../write';

const oneProduct = v.object({ product: productOutput });

/** The four Microsoft catalogs and, for owner/admin, the reseller's own products. */
export const productRoutes = new Hono<AppEnv>();

type ProductRow = typeof products.$inferSelect;
const toProduct = ({ resellerId: _r, createdAt: _c, updatedAt: _u, ...product }: ProductRow): Product => product;
const skuTaken = () => new AppError(409, 'sku_taken', 'A product with this SKU exists.', { fields: { sku: 'sku_taken' } });

/** By catalog, then name; archived products only when asked for. */
export const productList = tableList<v.InferOutput<typeof productListQuery>, ProductRow, Product>({
  table: products,
  where: ({ catalog, archived }) => [catalog ? eq(products.catalog, catalog) : undefined, archived === '1' ? undefined : eq(products.archived, false)],
  order: () => ({ keys: [sortKey(products.catalog, 'catalog'), sortKey(products.name, 'name'), sortKey(products.id, 'id')] }),
  item: toProduct,
  // The order dialog lists the catalog first: an order naming these products is planned without reading them.
  seen: (scope, rows) => rememberRows(scope, products, rows),
});

productRoutes.get(
  '/',
  describeList({ tag: 'Products', summary: 'List the catalog by catalog and name', query: productListPageQuery, item: productOutput }),
  requirePermission('customers.read'),
  pageHandler(productList, productListPageQuery),
);

productRoutes.post(
  '/',
  describeRoute({
    tag: 'Products',
    summary: 'Add an own product',
    body: productInput,
    responses: { 201: oneProduct },
    errors: { 409: ['sku_taken'] },
  }),
  requirePermission('settings.manage'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const input = await readJson(c, productInput);
    const id = newId('prd');
    const product: Omit<Product, 'currency'> = { id, catalog: 'reseller', ...input, archived: false, version: 1 };
    let results: unknown[];
    try {
      // Nothing read first: the reseller's currency is taken inside the insert, and the stored row comes back.
      results = await commitWrite(c, actor, {
        statements: [
          scope.db
            .insert(products)
            .values({
              ...product,
              resellerId: actor.resellerId,
              currency: sql`coalesce((SELECT ${resellers.currency} FROM ${resellers} WHERE ${resellers.id} = ${actor.resellerId}), 'EUR')`,
            })
            .returning(),
        ],
        audit: { action: 'product.created', entityType: 'product', entityId: id, after: product },
        events: async ([inserted]) => {
          const stored = toProduct((inserted as ProductRow[])[0]!);
          return [liveEvent('product.changed', actor, stored, stored)];
        },
      });
    } catch (error) {
      if (String(error).includes('products.sku')) throw skuTaken();
      throw error;
    }
    // The batch's answer is lost only after its commit: the product is then read.
    const stored = (results[0] as ProductRow[] | undefined)?.[0] ?? (await requireOwned(scope, products, id));
    rememberRows(scope, products, [stored]);
    const created = toProduct(stored);
    return c.json({ product: created }, 201);
  },
);

// Only the reseller's own products change here; the distributor catalogs are read-only.
productRoutes.patch(
  '/:id',
  describeRoute({
    tag: 'Products',
    summary: 'Change or archive an own product',
    body: productUpdateInput,
    responses: { 200: oneProduct },
    errors: { 409: ['catalog_read_only', 'sku_taken'] },
  }),
  requirePermission('settings.manage'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const { version, ...changes } = await readJson(c, productUpdateInput);
    const next = await changeRow(scope, products, c.req.param('id'), version, async (found) => {
      const current = toProduct(found.row);
      if (current.catalog !== 'reseller') throw new Conflict('catalog_read_only', 'Products of the distributor catalogs cannot be changed here.');
      if (current.version !== version) throw new VersionConflict('this product', current);
      const next: Product = { ...current, ...changes, version: current.version + 1 };
      const updatedAt = nowIso();
      try {
        await commitWrite(c, actor, {
          guards: [found.unchanged],
          statements: [
            scope.db
              .update(products)
              .set({ ...changes, version: next.version, updatedAt })
              .where(scope.where(products, and(eq(products.id, current.id)))),
          ],
          audit: { action: 'product.updated', entityType: 'product', entityId: current.id, before: current, after: next },
          events: [liveEvent('product.changed', actor, next, next)],
        });
      } catch (error) {
        if (error instanceof GuardFailed && !found.fromMemory) throw new VersionConflict('this product', toProduct(await requireOwned(scope, products, current.id)));
        if (String(error).includes('products.sku')) throw skuTaken();
        throw error;
      }
      rememberRows(scope, products, [{ ...found.row, ...changes, version: next.version, updatedAt }]);
      return next;
    });
    return c.json({ product: next });
  },
);

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
import { rememberRows } from '../rowMemory';
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
    const reseller = await scope.db.select({ currency: resellers.currency }).from(resellers).where(eq(resellers.id, actor.resellerId)).get();
    const product: Product = { id: newId('prd'), catalog: 'reseller', ...input, currency: reseller?.currency ?? 'EUR', archived: false, version: 1 };
    try {
      await commitWrite(c, actor, {
        statements: [scope.db.insert(products).values({ ...product, resellerId: actor.resellerId })],
        audit: { action: 'product.created', entityType: 'product', entityId: product.id, after: product },
        events: [liveEvent('product.changed', actor, product, product)],
      });
    } catch (error) {
      if (String(error).includes('products.sku')) throw skuTaken();
      throw error;
    }
    return c.json({ product }, 201);
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
    const current = toProduct(await requireOwned(scope, products, c.req.param('id')));
    if (current.catalog !== 'reseller') throw new Conflict('catalog_read_only', 'Products of the distributor catalogs cannot be changed here.');
    if (current.version !== version) throw new VersionConflict('this product', current);
    const next: Product = { ...current, ...changes, version: current.version + 1 };
    try {
      await commitWrite(c, actor, {
        guards: [sql`(SELECT version FROM products WHERE id = ${current.id}) = ${version}`],
        statements: [
          scope.db
            .update(products)
            .set({ ...changes, version: next.version, updatedAt: nowIso() })
            .where(scope.where(products, and(eq(products.id, current.id)))),
        ],
        audit: { action: 'product.updated', entityType: 'product', entityId: current.id, before: current, after: next },
        events: [liveEvent('product.changed', actor, next, next)],
      });
    } catch (error) {
      if (error instanceof GuardFailed) throw new VersionConflict('this product');
      if (String(error).includes('products.sku')) throw skuTaken();
      throw error;
    }
    return c.json({ product: next });
  },
);

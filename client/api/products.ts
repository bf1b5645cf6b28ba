import type * as v from 'valibot';
import type { Product, productInput, productListQuery, productUpdateInput } from '../../schema/orders';
import { apiPath, http, type PagedQuery, pagedQuery } from './http';

type OneProduct = { product: Product };

export const listProducts = (filters: v.InferInput<typeof productListQuery>): PagedQuery<Product> => pagedQuery(apiPath('products'), filters);

export const createProduct = (input: v.InferOutput<typeof productInput>) => http.post<OneProduct>(apiPath('products'), input).then((body) => body.product);

/** Changed fields, or `archived` to take a product out of (or back into) the catalog. */
export const updateProduct = (id: string, patch: v.InferOutput<typeof productUpdateInput>) => http.patch<OneProduct>(apiPath('products', id), patch).then((body) => body.product);

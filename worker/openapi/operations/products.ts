import * as v from 'valibot';
import { productInput, productListPageQuery, productOutput, productUpdateInput } from '../../../schema/orders';
import { listOperation, type OperationGroup } from '../operation';

const oneProduct = v.object({ product: productOutput });

export const productOperations: OperationGroup = {
  tag: 'Products',
  operations: [
    listOperation({ path: '/api/v1/products', summary: 'List the catalog by catalog and name', query: productListPageQuery, item: productOutput }),
    {
      method: 'post',
      path: '/api/v1/products',
      summary: 'Add an own product',
      body: productInput,
      responses: { 201: oneProduct },
      errors: { 409: ['sku_taken'] },
    },
    {
      method: 'patch',
      path: '/api/v1/products/:id',
      summary: 'Change or archive an own product',
      body: productUpdateInput,
      responses: { 200: oneProduct },
      errors: { 409: ['catalog_read_only', 'sku_taken'] },
    },
  ],
};

import * as v from 'valibot';
import { customerOrdersPageQuery, orderCreateInput, orderDetailOutput, orderHistoryEntry, orderLineOutput, orderOutput, orderStatusInput } from '../../../schema/orders';
import { orderExportQuery } from '../../../schema/exports';
import { listOperation, spreadsheet, type OperationGroup } from '../operation';

export const orderOperations: OperationGroup = {
  tag: 'Orders',
  operations: [
    listOperation({
      path: '/api/v1/customers/:customerId/orders',
      summary: "Search, sort and page a customer's orders",
      description: '`q` matches the start of the order number, part of a product name or the start of a SKU. A cursor holds its sort: with another `sort` or `dir` it is refused.',
      query: customerOrdersPageQuery,
      item: orderOutput,
    }),
    {
      method: 'post',
      path: '/api/v1/customers/:customerId/orders',
      summary: 'Place an order',
      description: 'Prices come from the catalog; every line must name a product of the order’s catalog. An archived customer takes no new orders (409 `customer_archived`), nor does an incomplete one until its name, e-mail and billing address are there (409 `customer_incomplete`, the missing fields in `reasons`).',
      body: orderCreateInput,
      responses: { 201: v.object({ order: orderOutput, lines: v.array(orderLineOutput) }) },
      errors: { 409: ['customer_archived', 'customer_incomplete'] },
    },
    {
      method: 'get',
      path: '/api/v1/customers/:customerId/orders/export',
      summary: "Export a customer's orders as .xls, .xlsx or .csv",
      description: 'The columns: order number, status, catalog, order date, fulfilment date, total. `scope=view` keeps the search.',
      query: orderExportQuery,
      responses: { 200: spreadsheet },
    },
    {
      method: 'get',
      path: '/api/v1/orders/:id',
      summary: 'Read an order with its lines and history',
      responses: { 200: orderDetailOutput },
    },
    {
      method: 'post',
      path: '/api/v1/orders/:id/status',
      summary: 'Move an order to another status of the reseller’s workflow',
      description: 'Allowed targets: a later open status, or any fulfilled/cancelled status of `GET /api/v1/order-statuses`. A fulfilled one creates the subscriptions and licences.',
      body: orderStatusInput,
      responses: { 200: v.object({ order: orderOutput }) },
      errors: { 409: ['invalid_transition'] },
    },
  ],
};

import * as v from 'valibot';
import { customerOrdersQuery, orderCreateInput, orderDetailOutput, orderLineOutput, orderOutput, orderStatusInput } from '../../../schema/orders';
import { orderExportQuery } from '../../../schema/exports';
import { itemsOf, spreadsheet, type OperationGroup } from '../operation';

export const orderOperations: OperationGroup = {
  tag: 'Orders',
  description: 'Orders from the catalogs. Fulfilling one creates its subscriptions and licences and updates the customer’s revenue and product count.',
  operations: [
    {
      method: 'get',
      path: '/api/v1/customers/:customerId/orders',
      summary: "List a customer's orders",
      query: customerOrdersQuery,
      responses: { 200: itemsOf(orderOutput) },
    },
    {
      method: 'post',
      path: '/api/v1/customers/:customerId/orders',
      summary: 'Place an order',
      description: 'Prices come from the catalog; every line must name a product of the order’s catalog.',
      body: orderCreateInput,
      responses: { 201: v.object({ order: orderOutput, lines: v.array(orderLineOutput) }) },
    },
    {
      method: 'get',
      path: '/api/v1/customers/:customerId/orders/export',
      summary: "Export a customer's orders as .xls, .xlsx or .csv",
      description: 'Seed 000: order number, status, catalog, order date, fulfilment date, total. `scope=view` keeps the search.',
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
      summary: 'Move an order on: in progress, fulfilled or cancelled',
      body: orderStatusInput,
      responses: { 200: v.object({ order: orderOutput }) },
      errors: { 409: ['invalid_transition'] },
    },
  ],
};

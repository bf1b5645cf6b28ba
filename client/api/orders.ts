import type * as v from 'valibot';
import type { orderExportQuery } from '../../schema/exports';
import type { customerOrdersQuery, Order, OrderCreateInput, OrderDetail, OrderLine, orderStatusInput } from '../../schema/orders';
import { apiPath, type DownloadedFile, download, http, type PagedQuery, pagedQuery, withQuery } from './http';

/** The Orders tab's search and sort. */
export type CustomerOrderFilters = v.InferInput<typeof customerOrdersQuery>;
export type OrderExportOptions = v.InferInput<typeof orderExportQuery>;

export const listCustomerOrders = (customerId: string, filters: CustomerOrderFilters): PagedQuery<Order> => pagedQuery(apiPath('customers', customerId, 'orders'), filters);

/** The customer's orders as a spreadsheet: all of them, or the tab's search. */
export const exportCustomerOrders = (customerId: string, options: OrderExportOptions, fallbackName: string): Promise<DownloadedFile> =>
  download(withQuery(apiPath('customers', customerId, 'orders', 'export'), options), fallbackName);

export const createOrder = (customerId: string, input: OrderCreateInput) => http.post<{ order: Order; lines: OrderLine[] }>(apiPath('customers', customerId, 'orders'), input);

/** The order with its lines and history. */
export const getOrder = (id: string) => http.get<OrderDetail>(apiPath('orders', id));

/** Moves an order along the reseller's workflow; the server refuses stale versions and steps back. */
export const changeOrderStatus = (id: string, change: v.InferOutput<typeof orderStatusInput>) =>
  http.post<{ order: Order }>(apiPath('orders', id, 'status'), change).then((body) => body.order);

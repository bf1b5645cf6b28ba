import type * as v from 'valibot';
import type { archiveChangeInput, Customer, CustomerCreateInput, CustomerDetail, CustomerUpdateInput, customerListQuery } from '../../schema/customers';
import type { customerExportQuery } from '../../schema/exports';
import type { BulkTagInput } from '../../schema/tags';
import { apiPath, type DownloadedFile, download, http, type PagedQuery, pagedQuery, withQuery } from './http';

/** The list's search, filters and sort, as the query of GET /customers takes them. */
export type CustomerListFilters = Omit<v.InferInput<typeof customerListQuery>, 'limit' | 'cursor'>;
export type CustomerExportOptions = v.InferInput<typeof customerExportQuery>;

type OneCustomer = { customer: Customer };
const customer = (id: string, ...rest: string[]) => apiPath('customers', id, ...rest);
const unwrap = (body: OneCustomer) => body.customer;

export const listCustomers = (filters: CustomerListFilters): PagedQuery<Customer> => pagedQuery(apiPath('customers'), filters);

/** The customer and what keeps it from being deleted. */
export const getCustomer = (id: string) => http.get<CustomerDetail>(customer(id));

/** The next free customer number, proposed by the new-customer form. */
export const nextCustomerNumber = () => http.get<{ customerNumber: string }>(apiPath('customers', 'next-number')).then((body) => body.customerNumber);

export const createCustomer = (input: CustomerCreateInput) => http.post<OneCustomer>(apiPath('customers'), input).then(unwrap);

/** Only the changed fields and the version they are based on; a stale version is a 409 with the current row. */
export const updateCustomer = (id: string, patch: CustomerUpdateInput) => http.patch<OneCustomer>(customer(id), patch).then(unwrap);

export const deleteCustomer = (id: string) => http.delete(customer(id));

/** Brings a customer deleted within the last minutes back. */
export const undoDeleteCustomer = (id: string) => http.post<OneCustomer>(customer(id, 'undo-delete')).then(unwrap);

type ArchiveChange = v.InferOutput<typeof archiveChangeInput>;
export const archiveCustomer = (id: string, change: ArchiveChange) => http.post<OneCustomer>(customer(id, 'archive'), change).then(unwrap);
export const restoreCustomer = (id: string, change: ArchiveChange) => http.post<OneCustomer>(customer(id, 'restore'), change).then(unwrap);

/** Adds and removes tags on the given customers in one write. */
export const changeCustomerTags = (input: BulkTagInput) => http.post<{ updated: number }>(apiPath('customers', 'bulk-tags'), input);

/** Customer.xls, Customers.xlsx or Customers.csv of the whole list or of the current view. */
export const exportCustomers = (options: CustomerExportOptions, fallbackName: string): Promise<DownloadedFile> =>
  download(withQuery(apiPath('customers', 'export'), options), fallbackName);
